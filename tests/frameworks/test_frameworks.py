"""A case is named, shown and moved by its framework: the case page and lists say the
partnership's words for a wt-2023 case and the board's for a 2015 one; the content of the
notification to the Panel is a wt-2023 case's only, and reading it is audited; an
administrator alone moves a case, with a reason, before any decision, and its deadlines
are worked out again; the e-mails follow the framework."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, BoardFramework, Role
from casereviews.deadlines.models import Deadline
from casereviews.frameworks.vocabulary import OPTIONAL_WORDS, VOCABULARIES, Framework
from casereviews.notifications.models import Notification, Status
from casereviews.outbox.jobs import deliver_outbox
from casereviews.workflow.models import PanelResponse, StatusChange, TimelineEntry
from casereviews.workflow.services import (
    FrameworkMoveRefused,
    notification_framework_move,
    notification_transition,
)
from tests.factories import ChildFactory, NotificationFactory
from tests.helpers import Mailbox
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

WT = "wt-2023"


def _child(case: Notification, *, looked_after: str = "now") -> None:
    child = ChildFactory.create(
        notification=case,
        full_name="Amelia Zebedee-Quartermaine",
        child_protection_plan="never",
        looked_after=looked_after,
        open_to_social_care="yes",
        local_authority="Bracknell Forest Council",
        address="",
    )
    Notification.objects.filter(pk=case.pk).update(subject_child=child)


def test_every_framework_names_every_word() -> None:
    """One vocabulary per framework, each with every word filled in, save those a
    framework may do without (the 2015 question of what is sought has no hint)."""
    assert set(VOCABULARIES) == set(Framework)
    for words in VOCABULARIES.values():
        assert all(value for name, value in vars(words).items() if name not in OPTIONAL_WORDS)


def test_the_case_page_speaks_the_words_of_the_cases_framework(board: Board, signed_in) -> None:
    people = staff(board)
    old = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    new = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], framework=WT, status=Status.RAPID_REVIEW_SENT
    )
    client = signed_in(people[Role.BUSINESS_MANAGER])
    page = client.get(reverse("notifications:detail", args=[old.reference])).content.decode()
    assert "Working Together 2015: Local Safeguarding Children Board procedure" in page
    assert "waiting to be verified" in page
    page = client.get(reverse("notifications:detail", args=[new.reference])).content.decode()
    assert "Working Together 2023: safeguarding partnership process" in page
    assert "waiting for the safeguarding partners&#x27; decision" in page
    assert "Independent Chair" not in page
    board_list = client.get(reverse("notifications:board")).content.decode()
    assert "LSCB (2015)" in board_list
    assert "Partnership (2023)" in board_list


def test_the_content_for_the_national_form_is_a_partnership_cases_and_its_reading_audited(
    board: Board, signed_in
) -> None:
    people = staff(board)
    old = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    new = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        framework=WT,
        criteria_facts={"abuse_or_neglect": "suspected", "child_died": True},
    )
    _child(new)
    client = signed_in(people[Role.BUSINESS_MANAGER])
    url = reverse("notifications:panel-notification", args=[new.reference])
    page = client.get(url).content.decode()
    assert "Bracknell Forest Council" in page
    assert "The Secretary of State (a looked-after child has died)" in page
    assert "Ofsted" in page
    assert AuditEvent.objects.filter(
        action="notification.panel_notification_read", object_id=str(new.pk)
    ).exists()
    response = client.get(reverse("notifications:panel-notification", args=[old.reference]))
    assert response.status_code == 404


def test_the_panel_page_gives_the_day_the_local_authority_became_aware(
    board: Board, signed_in
) -> None:
    """The national form asks when the local authority became aware: the page gives the
    day recorded, or says it is not recorded yet."""
    people = staff(board)
    known = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        framework=WT,
        local_authority_aware_on=datetime.date(2026, 11, 23),
    )
    unknown = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER], framework=WT)
    client = signed_in(people[Role.BUSINESS_MANAGER])

    def row(case: Notification) -> str:
        page = client.get(reverse("notifications:panel-notification", args=[case.reference]))
        text: str = page.content.decode()
        start = text.index("Date the local authority became aware")
        return text[start : text.index("</dd>", start)]

    assert "23 November 2026" in row(known)
    assert "Not recorded yet" in row(unknown)


def test_a_child_not_looked_after_is_not_reported_to_the_secretary_of_state(
    board: Board, signed_in
) -> None:
    people = staff(board)
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        framework=WT,
        criteria_facts={"abuse_or_neglect": "known", "child_died": True},
    )
    _child(case, looked_after="never")
    client = signed_in(people[Role.BUSINESS_MANAGER])
    page = client.get(reverse("notifications:panel-notification", args=[case.reference]))
    assert "Secretary of State" not in page.content.decode()


def test_someone_who_may_not_see_the_case_finds_no_panel_page(
    board: Board, other_board: Board, signed_in
) -> None:
    people = staff(board)
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER], framework=WT)
    outsider = staff(other_board)[Role.BUSINESS_MANAGER]
    response = signed_in(outsider).get(
        reverse("notifications:panel-notification", args=[case.reference])
    )
    assert response.status_code == 404


def _submitted_2015(board: Board, people) -> Notification:
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
    )
    return notification_transition(
        notification=case, name="submit", by=people[Role.NOTIFIER], expected_version=1
    )


def test_an_administrator_moves_a_case_with_a_reason_and_its_deadlines_are_recomputed(
    board: Board, administrator: User
) -> None:
    people = staff(board)
    case = _submitted_2015(board, people)
    assert set(
        Deadline.objects.filter(notification=case, state="open").values_list("rule_code", flat=True)
    ) == {"verification_due", "lisg_recommendation_due", "scr_decision_within_one_month"}
    moved = notification_framework_move(
        notification=case,
        framework=Framework.WT_2023,
        by=administrator,
        reason="Notified after the board became a partnership",
        expected_version=case.version,
    )
    assert (moved.framework, moved.status) == (WT, Status.SUBMITTED)
    # The Panel's 5 working days start only once the incident is judged notifiable.
    assert not Deadline.objects.filter(notification=case, state="open").exists()
    assert Deadline.objects.filter(notification=case, state="cancelled").count() == 3
    event = AuditEvent.objects.get(action="notification.framework_move")
    assert event.detail["from_framework"] == "bf-lscb-2015"
    assert event.detail["to_framework"] == WT
    assert StatusChange.objects.filter(notification=case, transition="framework_move").exists()


def test_only_an_administrator_moves_a_case_and_never_after_a_decision(
    board: Board, administrator: User
) -> None:
    people = staff(board)
    case = _submitted_2015(board, people)
    with pytest.raises(FrameworkMoveRefused, match="Only an administrator"):
        notification_framework_move(
            notification=case,
            framework=Framework.WT_2023,
            by=people[Role.BUSINESS_MANAGER],
            reason="x",
            expected_version=case.version,
        )
    with pytest.raises(FrameworkMoveRefused, match="Enter the reason"):
        notification_framework_move(
            notification=case,
            framework=Framework.WT_2023,
            by=administrator,
            reason=" ",
            expected_version=case.version,
        )
    decided = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.SCR_COMMISSIONED
    )
    with pytest.raises(FrameworkMoveRefused, match="before any decision"):
        notification_framework_move(
            notification=decided,
            framework=Framework.WT_2023,
            by=administrator,
            reason="Too late",
            expected_version=1,
        )
    decided.refresh_from_db()
    assert decided.framework == "bf-lscb-2015"
    assert not AuditEvent.objects.filter(action="notification.framework_move").exists()


def test_the_move_page_says_what_is_wrong_at_the_field_and_keeps_what_was_typed(
    board: Board, administrator: User, signed_in
) -> None:
    client: Client = signed_in(administrator)
    url = reverse("administration:framework-move")
    response = client.post(
        url, {"reference": "BF-2099-0001", "framework": WT, "reason": "Wrong framework"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "No submitted case has this reference" in page
    assert "Wrong framework" in page
    assert "govuk-error-summary" in page


def test_a_board_is_given_a_framework_from_a_date(
    board: Board, administrator: User, signed_in
) -> None:
    client: Client = signed_in(administrator)
    url = reverse("administration:board-framework", args=[board.pk])
    response = client.post(url, {"framework": WT, "effective_from": "2027-01-04"})
    assert response.status_code == 302
    assert board.framework_on(datetime.date(2027, 1, 3)) == Framework.BF_LSCB_2015
    assert board.framework_on(datetime.date(2027, 1, 4)) == Framework.WT_2023
    assert AuditEvent.objects.filter(action="board_framework.create").exists()
    again = client.post(url, {"framework": WT, "effective_from": "2027-01-04"})
    assert "already changes framework on this date" in again.content.decode()


def test_the_partners_are_told_once_when_the_rapid_review_is_sent(
    board: Board, mailbox: Mailbox
) -> None:
    BoardFramework.objects.create(
        board=board, framework=WT, effective_from=datetime.date(2024, 1, 1)
    )
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], framework=WT, status=Status.RAPID_REVIEW
    )
    notification_transition(
        notification=case,
        name="send_rapid_review",
        by=people[Role.BUSINESS_MANAGER],
        expected_version=1,
        reason="Rapid review held on 3 March; sent to the Panel",
    )
    deliver_outbox()
    sent = list(mailbox.messages)
    deliver_outbox()
    assert mailbox.messages == sent
    # Each of the three safeguarding partners' representatives must agree the decision.
    assert sorted(m["To"] for m in sent) == sorted(
        people[role].email
        for role in (Role.PARTNER_LOCAL_AUTHORITY, Role.PARTNER_ICB, Role.PARTNER_POLICE)
    )
    assert "your agreement is needed" in sent[0]["Subject"]
    assert case.reference in sent[0]["Subject"]


def test_a_partnership_case_waits_for_the_business_manager_on_the_home_page_not_to_verify(
    board: Board, signed_in
) -> None:
    """A submitted wt-2023 case is not verified (a 2015 step): it waits on the Business
    Manager's list for the notification to the Panel, and the verification page is not
    found for it."""
    people = staff(board)
    old = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    new = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER], framework=WT)
    client = signed_in(people[Role.BUSINESS_MANAGER])
    home = client.get("/").content.decode()
    to_verify, waiting = home.split("Cases waiting for you", 1)
    assert old.reference in to_verify
    assert new.reference not in to_verify
    assert new.reference in waiting
    assert client.get(reverse("assessments:verify", args=[new.reference])).status_code == 404
    assert client.get(reverse("assessments:verify", args=[old.reference])).status_code == 200


def test_the_business_manager_records_the_panels_response_and_it_is_kept_and_audited(
    board: Board, signed_in
) -> None:
    """Whether the Panel takes a national review is recorded on a partnership's case once
    its rapid review is sent; a missing answer is asked for at the field, keeping what
    was typed; nobody else, and no 2015 case, has the page."""
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], framework=WT, status=Status.LCSPR_COMMISSIONED
    )
    old = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.SCR_COMMISSIONED
    )
    url = reverse("workflow:panel-response", args=[case.reference])
    client = signed_in(people[Role.BUSINESS_MANAGER])
    page = client.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert "Record the Panel&#x27;s response" in page
    case_page = reverse("notifications:detail", args=[case.reference])
    assert "The Panel's response has not been recorded yet" in page
    answered = {"received_on_day": "2", "received_on_month": "4", "received_on_year": "2026"}
    refused = client.post(url, {"version": 1, "detail": "Letter of 2 April", **answered})
    assert "Select yes if the Panel will carry out a national review" in refused.content.decode()
    assert "Letter of 2 April" in refused.content.decode()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = {
        "received_on_day": str(tomorrow.day),
        "received_on_month": str(tomorrow.month),
        "received_on_year": str(tomorrow.year),
    }
    refused = client.post(url, {"version": 1, "national_review": "no", **future})
    assert "The date the Panel answered must be today or in the past" in refused.content.decode()
    assert not PanelResponse.objects.exists()
    done = client.post(
        url, {"version": 1, "national_review": "no", "detail": "Letter of 2 April", **answered}
    )
    assert done.status_code == 302
    response = PanelResponse.objects.get(notification=case)
    assert (response.national_review, response.received_on) == (False, datetime.date(2026, 4, 2))
    entry = TimelineEntry.objects.get(notification=case, kind__startswith="panel_response.")
    assert entry.kind == "panel_response.no_national_review"
    assert entry.detail == "Letter of 2 April"
    assert AuditEvent.objects.filter(action="notification.panel_response").count() == 1
    case.refresh_from_db()
    assert (case.status, case.version) == (Status.LCSPR_COMMISSIONED, 1)
    page = client.get(case_page).content.decode()
    assert "will not carry out a national review" in page
    assert "2 April 2026" in page
    # A correction is a new response, and the case page shows the newest.
    client.post(url, {"version": 1, "national_review": "yes", **answered})
    page = client.get(case_page).content.decode()
    shown = page[page.index('id="panel-response"') :]
    shown = shown[: shown.index("</dl>")]
    assert "The Child Safeguarding Practice Review Panel will carry out a national review" in shown
    assert "will not carry out" not in shown
    old_url = reverse("workflow:panel-response", args=[old.reference])
    assert client.get(old_url).status_code == 404
    for other in (Role.NOTIFIER, Role.AGENCY_LEAD, Role.LISG_MEMBER):
        assert signed_in(people[other]).get(url).status_code == 404


def test_the_notification_form_opens_with_the_words_of_the_framework_in_force(
    board: Board, signed_in
) -> None:
    """A notifier starting a notification reads the 2015 advice (consult, 24 hours) while
    the board runs the 2015 procedure, and the Panel's 5 working days once it is a
    partnership; the confirmation names the partnership."""
    people = staff(board)
    client = signed_in(people[Role.NOTIFIER])
    start = reverse("notifications:start")
    page = client.get(start).content.decode()
    assert "may need a Serious Case Review or a Child Protection Incident Review" in page
    assert "within 24 hours of that consultation" in page
    BoardFramework.objects.create(
        board=board, framework=WT, effective_from=timezone.localdate() - datetime.timedelta(1)
    )
    page = client.get(start).content.decode()
    assert "may need a rapid review" in page
    assert "within 5 working days of becoming aware of it" in page
    assert "LSCB" not in page[page.index("<main") :]
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], framework=WT, status=Status.SUBMITTED
    )
    sent = client.get(reverse("submission:submitted", args=[case.reference])).content.decode()
    assert "The safeguarding partnership's Business Manager will check" in sent
