"""Publishing an SCR report, and disseminating the learning of any other review.

An SCR is published (Procedure A 1: "a clear requirement for all SCRs to be published in
full"): the board signs the report off, a copy goes to Ofsted and the National Panel at
least a week before publication (national guidance, `deadlines.rules.PRE_PUBLICATION_COPY`),
the date is set once the parallel processes that affect publication were acknowledged,
and the report is published in full with its web address, or, only with a reason the
Independent Chair agreed, as a summary or not at all. It stays published for at least 12
months (national guidance), recorded as a date.

A CPIR, another review or audit, or an SCR the Chair agreed not to publish, is not forced
through publication: its learning is disseminated (how, to whom, when)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.deadlines import rules
from casereviews.deadlines.calendar import add_months, start_of_day
from casereviews.deadlines.services import configured, deadline_start, deadlines_meet
from casereviews.involvement.models import ParallelProcess
from casereviews.notifications.models import Notification
from casereviews.reviews.codes import Code
from casereviews.reviews.models import LearningDissemination, Publication, PublicationForm, Review
from casereviews.reviews.services import checked_case, record_step, review_ensure
from casereviews.workflow.services import TransitionRefused, notification_transition

KEPT_PUBLISHED_MONTHS = 12


def copy_days() -> int:
    """How long before publication the copy goes to Ofsted and the Panel (7 days, or the
    installation's figure: `DEADLINE_FIGURES["pre_publication_copy"]`)."""
    return configured(rules.PRE_PUBLICATION_COPY).amount


def kept_months() -> int:
    return int(getattr(settings, "REPORT_KEPT_PUBLISHED_MONTHS", KEPT_PUBLISHED_MONTHS))


def publication_of(review: Review) -> Publication:
    publication, _ = Publication.objects.get_or_create(review=review)
    return publication


def signed_off_on(notification: Notification) -> datetime.date | None:
    """The day the board signed the final report off, if recorded (a read: nothing made)."""
    return (
        Publication.objects.filter(review__notification=notification)
        .values_list("signed_off_on", flat=True)
        .first()
    )


def earliest_publication(publication: Publication | None, today: datetime.date) -> datetime.date:
    """The first day the report may be published: a week (`copy_days`) after the later of
    the copies to Ofsted and the Panel, or after today while either is still to be sent."""
    sent = [publication.ofsted_copy_sent_on, publication.panel_copy_sent_on] if publication else []
    if not sent or None in sent:
        return today + datetime.timedelta(days=copy_days())
    return max(d for d in sent if d is not None) + datetime.timedelta(days=copy_days())


def publication_processes(notification: Notification) -> list[ParallelProcess]:
    """The parallel processes flagged as affecting publication (Procedure A 5)."""
    return list(
        ParallelProcess.objects.filter(notification=notification, affects_publication=True)[:50]
    )


def _scr_review(case: Notification, by: User, field: str | None = None) -> Review:
    review = review_ensure(notification=case, by=by)
    if review.kind != "scr":
        raise TransitionRefused(
            "Only an SCR report is published: record how the learning of this review was "
            "disseminated",
            code=Code.NOT_AN_SCR,
            field=field,
        )
    return review


def sign_off_record(
    *,
    notification: Notification,
    by: User,
    signed_off_on: datetime.date,
    request: HttpRequest | None = None,
) -> Publication:
    with transaction.atomic():
        case = checked_case(by, notification)
        publication = publication_of(_scr_review(case, by, "signed_off_on"))
        publication.signed_off_on = signed_off_on
        publication.signed_off_recorded_by = by
        publication.save(update_fields=["signed_off_on", "signed_off_recorded_by"])
        record_step(
            notification=case,
            by=by,
            action="review.sign_off",
            text="Recorded the board's sign-off of the SCR report",
            request=request,
        )
    return publication


def copy_sent_record(
    *,
    notification: Notification,
    by: User,
    ofsted_copy_sent_on: datetime.date,
    panel_copy_sent_on: datetime.date,
    request: HttpRequest | None = None,
) -> Publication:
    """The copy of the report sent to Ofsted and the National Panel before publication;
    meets the pre-publication deadline if a date was planned."""
    with transaction.atomic():
        case = checked_case(by, notification)
        publication = publication_of(_scr_review(case, by, "ofsted_copy_sent_on"))
        if publication.planned_on is not None:
            latest = publication.planned_on - datetime.timedelta(days=copy_days())
            if max(ofsted_copy_sent_on, panel_copy_sent_on) > latest:
                raise TransitionRefused(
                    f"The copies must go at least {copy_days()} days before the planned "
                    f"publication date: change the planned date first",
                    code=Code.COPY_TOO_LATE,
                    field="ofsted_copy_sent_on",
                )
        publication.ofsted_copy_sent_on = ofsted_copy_sent_on
        publication.panel_copy_sent_on = panel_copy_sent_on
        publication.save(update_fields=["ofsted_copy_sent_on", "panel_copy_sent_on"])
        sent_at = start_of_day(max(ofsted_copy_sent_on, panel_copy_sent_on))
        deadlines_meet(notification=case, codes=(rules.PRE_PUBLICATION_COPY.code,), at=sent_at)
        record_step(
            notification=case,
            by=by,
            action="review.pre_publication_copy",
            text="Recorded the copy of the SCR report sent to Ofsted and the National Panel",
            request=request,
        )
    return publication


def planned_date_set(
    *,
    notification: Notification,
    by: User,
    planned_on: datetime.date,
    acknowledged: bool,
    request: HttpRequest | None = None,
) -> Publication:
    """Set the planned publication date: never before the pre-publication deadline allows,
    and only once the parallel processes affecting publication were acknowledged."""
    with transaction.atomic():
        case = checked_case(by, notification)
        publication = publication_of(_scr_review(case, by, "planned_on"))
        processes = publication_processes(case)
        if processes and not acknowledged:
            raise TransitionRefused(
                "Confirm that you have considered the parallel processes that affect publication",
                code=Code.PROCESSES_NOT_ACKNOWLEDGED,
                field="acknowledged",
            )
        earliest = earliest_publication(publication, timezone.localdate())
        if planned_on < earliest:
            raise TransitionRefused(
                f"The planned date must be on or after {earliest:%-d %B %Y}: the copy to "
                f"Ofsted and the National Panel goes at least {copy_days()} days before "
                "publication",
                code=Code.PLANNED_BEFORE_COPY_DEADLINE,
                field="planned_on",
            )
        publication.planned_on = planned_on
        publication.planned_by = by
        publication.parallel_processes_acknowledged = "; ".join(
            f"{p.get_kind_display()} ({p.get_status_display().lower()})" for p in processes
        )
        publication.save(
            update_fields=["planned_on", "planned_by", "parallel_processes_acknowledged"]
        )
        if publication.ofsted_copy_sent_on is None or publication.panel_copy_sent_on is None:
            rule = rules.pre_publication_copy_rule(planned_on, copy_days())
            deadline_start(notification=case, rule=rule, started_at=timezone.now())
        record_step(
            notification=case,
            by=by,
            action="review.publication_planned",
            text="Set the planned publication date of the SCR report",
            request=request,
        )
    return publication


def publication_record(
    *,
    notification: Notification,
    by: User,
    expected_version: int,
    form: str,
    web_address: str,
    published_on: datetime.date | None,
    reason: str,
    chair_agreed_on: datetime.date | None,
    request: HttpRequest | None = None,
) -> Publication:
    """Record how the SCR report was published. In full or as a summary: the case moves
    to "published"; a summary or no publication needs a reason the Chair agreed. Not
    published: the learning is then disseminated instead (`learning_record`)."""
    reason = reason.strip()
    with transaction.atomic():
        case = checked_case(by, notification)
        publication = publication_of(_scr_review(case, by))
        if form != PublicationForm.FULL and not (reason and chair_agreed_on):
            raise TransitionRefused(
                "Enter the reason the report is not published in full, and when the "
                "Independent Chair agreed it",
                code=Code.REASON_NOT_AGREED,
                field="reason",
            )
        if form != PublicationForm.NOT_PUBLISHED:
            if not web_address or published_on is None:
                raise TransitionRefused(
                    "Enter the web address and the date the report was published",
                    code=Code.WEB_ADDRESS_MISSING,
                    field="web_address",
                )
            earliest = earliest_publication(publication, published_on)
            if publication.ofsted_copy_sent_on is None or published_on < earliest:
                raise TransitionRefused(
                    f"The report cannot be published before {earliest:%-d %B %Y}: a copy goes "
                    f"to Ofsted and the National Panel at least {copy_days()} days before",
                    code=Code.PUBLISHED_BEFORE_COPY_DEADLINE,
                    field="published_on",
                )
        publication.form = form
        publication.web_address = web_address if form != PublicationForm.NOT_PUBLISHED else ""
        publication.published_on = published_on if form != PublicationForm.NOT_PUBLISHED else None
        publication.kept_published_until = (
            add_months(published_on, kept_months())
            if published_on and form != PublicationForm.NOT_PUBLISHED
            else None
        )
        publication.reason = reason if form != PublicationForm.FULL else ""
        publication.chair_agreed_on = chair_agreed_on if form != PublicationForm.FULL else None
        publication.recorded_by = by
        publication.save()
        if form == PublicationForm.NOT_PUBLISHED:
            record_step(
                notification=case,
                by=by,
                action="review.not_published",
                text="Recorded the Independent Chair's agreement not to publish the SCR report",
                request=request,
            )
        else:
            notification_transition(
                notification=case,
                name="publish",
                by=by,
                expected_version=expected_version,
                reason=reason,
                request=request,
            )
    return publication


def learning_record(
    *,
    notification: Notification,
    by: User,
    expected_version: int,
    how: str,
    to_whom: str,
    on: datetime.date,
    request: HttpRequest | None = None,
) -> LearningDissemination:
    """How, to whom and when the review's learning was disseminated; transition
    `disseminate_learning` (its guards refuse an SCR that is to be published)."""
    with transaction.atomic():
        case = checked_case(by, notification)
        row = LearningDissemination.objects.create(
            review=review_ensure(notification=case, by=by),
            how=how,
            to_whom=to_whom,
            on=on,
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        notification_transition(
            notification=case,
            name="disseminate_learning",
            by=by,
            expected_version=expected_version,
            request=request,
        )
    return row
