"""Issue 27 §2: the notification to the Panel is a record, not a click. The Business
Manager records when it was sent, how, the Panel's (or Ofsted's) reference and who sent it;
a date before the local authority became aware, or in the future, is refused at its field
with nothing lost; the Panel's 5 working days are met or missed by the day it was sent,
and the rapid review's 15 count from it."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, BoardFramework, Role
from casereviews.deadlines.models import Deadline
from casereviews.deadlines.rules import PARTNERSHIP_RULES
from casereviews.deadlines.services import configured
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.models import PanelNotification, StatusChange
from casereviews.workflow.services import notification_transition
from tests.factories import NotificationFactory
from tests.notifications.helpers import date_parts
from tests.partnership import judged_notifiable
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

WT = "wt-2023"
SERIOUS = {"abuse_or_neglect": "known", "child_died": True}
AWARE = datetime.date(2026, 12, 24)


@pytest.fixture
def people(board: Board):
    BoardFramework.objects.create(
        board=board, framework=WT, effective_from=datetime.date(2024, 9, 1)
    )
    return staff(board)


@pytest.fixture
def case(board: Board, people) -> Notification:
    with time_machine.travel(datetime.datetime(2026, 12, 24, 10, tzinfo=datetime.UTC)):
        draft = NotificationFactory.create(
            board=board,
            notifier=people[Role.NOTIFIER],
            status=Status.DRAFT,
            framework=WT,
            criteria_facts=SERIOUS,
            local_authority_aware_on=AWARE,
            reference="BF-2026-0200",
        )
        submitted = notification_transition(
            notification=draft, name="submit", by=people[Role.NOTIFIER], expected_version=1
        )
        return judged_notifiable(submitted, people[Role.BUSINESS_MANAGER])


def _form(case: Notification, day: datetime.date, **extra: str) -> dict[str, object]:
    return {
        "version": case.version,
        **date_parts("sent_on", day),
        "sent_time": "14:30",
        "how": "online_form",
        "reference": "CSPRP-2026-12345",
        "sent_by": "Sam Patel, Head of Children's Social Care",
        **extra,
    }


def _deadlines(case: Notification) -> dict[str, tuple[str, datetime.date]]:
    return {
        d.rule_code: (d.state, timezone.localtime(d.due_at).date())
        for d in Deadline.objects.filter(notification=case)
    }


def test_a_date_before_awareness_or_in_the_future_is_refused_at_its_field_keeping_the_rest(
    case: Notification, people, signed_in
) -> None:
    url = reverse("workflow:panel-notified", args=[case.reference])
    with time_machine.travel(datetime.datetime(2026, 12, 30, 10, tzinfo=datetime.UTC)):
        client = signed_in(people[Role.BUSINESS_MANAGER])
        assert client.get(url).status_code == 200
        early = client.post(url, _form(case, datetime.date(2026, 12, 23)))
        assert early.status_code == 200
        text = early.content.decode()
        assert (
            "The date the Panel was notified must be on or after 24 December 2026, the day the "
            "local authority became aware of the incident" in text
        )
        assert 'value="CSPRP-2026-12345"' in text
        assert "Sam Patel, Head of Children&#x27;s Social Care" in text
        future = client.post(url, _form(case, datetime.date(2026, 12, 31)))
        assert "must be now or in the past" in future.content.decode()
        missing = client.post(url, _form(case, datetime.date(2026, 12, 29), reference=""))
        assert "Enter the reference the Panel or Ofsted gave" in missing.content.decode()
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    assert not PanelNotification.objects.exists()
    assert not StatusChange.objects.filter(transition="notify_panel").exists()
    assert _deadlines(case) == {
        "panel_notified_within_5_working_days": ("open", datetime.date(2027, 1, 5))
    }


def test_recorded_late_it_is_met_by_the_day_it_was_sent_and_the_rapid_review_counts_from_it(
    case: Notification, people, signed_in
) -> None:
    """Sent on Tuesday 5 January 2027 (the 5th working day after Christmas Eve, past
    Christmas, Boxing Day's substitute and New Year's Day), recorded on 7 January: met. The
    rapid review's 15 working days from 5 January end on Tuesday 26 January 2027."""
    url = reverse("workflow:panel-notified", args=[case.reference])
    with time_machine.travel(datetime.datetime(2027, 1, 7, 10, tzinfo=datetime.UTC)):
        client = signed_in(people[Role.BUSINESS_MANAGER])
        done = client.post(url, _form(case, datetime.date(2027, 1, 5)))
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.RAPID_REVIEW
    record = PanelNotification.objects.get(notification=case)
    assert (record.reference, record.how, record.recorded_by) == (
        "CSPRP-2026-12345",
        "online_form",
        people[Role.BUSINESS_MANAGER],
    )
    assert timezone.localtime(record.sent_at) == datetime.datetime(
        2027, 1, 5, 14, 30, tzinfo=timezone.get_current_timezone()
    )
    assert _deadlines(case) == {
        "panel_notified_within_5_working_days": ("met", datetime.date(2027, 1, 5)),
        "rapid_review_within_15_working_days": ("open", datetime.date(2027, 1, 26)),
    }
    assert AuditEvent.objects.filter(action="notification.notify_panel").count() == 1
    page = (
        signed_in(people[Role.BUSINESS_MANAGER])
        .get(reverse("notifications:detail", args=[case.reference]))
        .content.decode()
    )
    assert "CSPRP-2026-12345" in page
    assert "5 January 2027 at 14:30" in page


def test_sent_after_the_fifth_working_day_it_is_missed_and_before_the_judgement_it_is_refused(
    board: Board, case: Notification, people, signed_in
) -> None:
    url = reverse("workflow:panel-notified", args=[case.reference])
    with time_machine.travel(datetime.datetime(2027, 1, 7, 10, tzinfo=datetime.UTC)):
        client = signed_in(people[Role.BUSINESS_MANAGER])
        assert client.post(url, _form(case, datetime.date(2027, 1, 6))).status_code == 302
    assert _deadlines(case)["panel_notified_within_5_working_days"] == (
        "missed",
        datetime.date(2027, 1, 5),
    )
    client = signed_in(people[Role.BUSINESS_MANAGER])
    unjudged = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], framework=WT, status=Status.SUBMITTED
    )
    other = reverse("workflow:panel-notified", args=[unjudged.reference])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    refused = client.post(other, _form(unjudged, yesterday))
    assert refused.status_code == 200
    assert "Record that the incident is notifiable to the Panel" in refused.content.decode()
    assert PanelNotification.objects.filter(notification=unjudged).count() == 0
    for role in (Role.NOTIFIER, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER):
        assert signed_in(people[role]).get(other).status_code == 404


def test_the_rapid_reviews_15_working_days_are_the_panels_expectation_and_not_changed(
    settings,
) -> None:
    """Issue 27 §3: labelled and cited as the Panel's expectation, not statutory guidance;
    a national figure an installation cannot silently change."""
    rule = PARTNERSHIP_RULES["rapid_review_within_15_working_days"]
    assert "expectation, not statutory guidance" in rule.source
    assert "Rapid review timescales" in rule.source
    settings.DEADLINE_FIGURES = {"rapid_review_within_15_working_days": 20}
    with pytest.raises(ValueError, match="cannot be changed"):
        configured(rule)
