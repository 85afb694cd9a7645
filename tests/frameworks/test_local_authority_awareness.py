"""The day the local authority became aware of the incident (`local_authority_aware_on`).

Under Working Together 2023 the local authority notifies the Child Safeguarding Practice
Review Panel within 5 working days of becoming aware of a serious incident (Children Act
2004 s16C; WT 2023 chapter 5). A partnership's notification form asks that day, in the
framework's words; a 2015 board's never does. It may be left blank, and is refused at its
field when in the future or before the incident, keeping everything else typed."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, BoardFramework, Role
from casereviews.deadlines.calendar import LONDON, end_of_day
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.selectors import overdue_deadlines
from casereviews.frameworks.vocabulary import VOCABULARIES, Framework
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.awareness import local_authority_awareness_record
from casereviews.workflow.models import TimelineEntry
from casereviews.workflow.services import TransitionRefused, notification_transition
from tests.factories import NotificationFactory, moved
from tests.notifications.helpers import date_parts, page, start
from tests.partnership import judged_notifiable
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

WT = "wt-2023"
HINT = VOCABULARIES[Framework.WT_2023].local_authority_aware_hint
PANEL = "panel_notified_within_5_working_days"
LABEL = "When did the local authority become aware of the incident? (optional)"


def _partnership(board: Board) -> Board:
    BoardFramework.objects.create(
        board=board, framework=WT, effective_from=datetime.date(2024, 9, 1)
    )
    return board


def _incident(incident: datetime.date, aware: datetime.date | None) -> dict[str, str]:
    return {
        **date_parts("incident_date", incident),
        **date_parts("local_authority_aware_on", aware),
        "incident_place": "At home, 12 Larch Avenue",
        "incident_with_whom": "Her mother's partner",
    }


def _draft(board: Board, client: Client, review_sought: str) -> Notification:
    return start(client, review_sought)


def test_a_partnerships_form_asks_the_day_in_the_frameworks_words_and_a_boards_never_does(
    board: Board, signed_in
) -> None:
    people = staff(board)
    client = signed_in(people[Role.NOTIFIER])
    old = _draft(board, client, "inter_agency_cpir")
    html = client.get(page(old, "incident")).content.decode()
    assert escape(LABEL) not in html
    assert "local_authority_aware_on" not in html
    _partnership(board)
    new = _draft(board, client, "serious_incident")
    html = client.get(page(new, "incident")).content.decode()
    assert escape(LABEL) in html
    assert escape(HINT) in html
    assert "Leave it blank if you do not know" in HINT
    assert "the safeguarding partnership&#x27;s Business Manager can record it" in html
    # GOV.UK date input: three boxes.
    for part in ("day", "month", "year"):
        assert f'name="local_authority_aware_on_{part}"' in html


def test_the_day_is_optional_and_kept_when_given(board: Board, signed_in) -> None:
    people = staff(_partnership(board))
    client = signed_in(people[Role.NOTIFIER])
    today = timezone.localdate()
    incident = today - datetime.timedelta(days=10)
    blank = _draft(board, client, "serious_incident")
    assert client.post(page(blank, "incident"), _incident(incident, None)).status_code == 302
    blank.refresh_from_db()
    assert (blank.incident_date, blank.local_authority_aware_on) == (incident, None)
    given = _draft(board, client, "serious_incident")
    aware = today - datetime.timedelta(days=8)
    assert client.post(page(given, "incident"), _incident(incident, aware)).status_code == 302
    given.refresh_from_db()
    assert given.local_authority_aware_on == aware


@pytest.mark.parametrize(
    ("aware_days_ago", "message"),
    [
        (-1, "The date the local authority became aware must be today or in the past"),
        (
            11,
            "The date the local authority became aware must be the same as or after the date "
            "of the incident",
        ),
    ],
    ids=["in the future", "before the incident"],
)
def test_a_day_in_the_future_or_before_the_incident_is_refused_at_its_field_keeping_the_rest(
    board: Board, signed_in, aware_days_ago: int, message: str
) -> None:
    people = staff(_partnership(board))
    client = signed_in(people[Role.NOTIFIER])
    today = timezone.localdate()
    incident = today - datetime.timedelta(days=10)
    aware = today - datetime.timedelta(days=aware_days_ago)
    draft = _draft(board, client, "serious_incident")
    response = client.post(page(draft, "incident"), _incident(incident, aware))
    assert response.status_code == 200
    html = response.content.decode()
    # At the field (its error message) and in the error summary, linked to it.
    assert html.count(escape(message)) == 2
    assert 'href="#id_local_authority_aware_on_day"' in html
    # Nothing typed is lost: the other answers and the refused date are on the page again.
    assert "At home, 12 Larch Avenue" in html
    assert "Her mother&#x27;s partner" in html
    assert f'value="{incident.year}"' in html
    assert f'value="{aware.day}"' in html
    draft.refresh_from_db()
    assert draft.incident_date is None
    assert draft.local_authority_aware_on is None


def _aware(day: datetime.date, version: int = 1) -> dict[str, str | int]:
    return {"version": version, **date_parts("aware_on", day)}


def _open_panel_deadlines(case: Notification) -> list[Deadline]:
    return list(
        Deadline.objects.filter(notification=case, rule_code=PANEL, state=DeadlineState.OPEN)
    )


def test_the_business_manager_records_and_corrects_the_day_and_the_panel_deadline_follows(
    board: Board, signed_in, time_machine
) -> None:
    """Submitted on Wednesday 25 November 2026 with no day given, the Panel is due by the end
    of Wednesday 2 December and the case page says so. The Business Manager records Tuesday
    17 November: due by the end of Tuesday 24 November, overdue at once, on the case page
    and /due/; then corrects it to Friday 20 November: due by the end of Friday 27 November.
    One open deadline throughout; each change audited and on the timeline. A day in the
    future or before the incident is refused at the field and writes nothing."""
    time_machine.move_to(datetime.datetime(2026, 11, 25, 12, tzinfo=LONDON), tick=False)
    people = staff(_partnership(board))
    draft = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.DRAFT,
        framework=WT,
        incident_date=datetime.date(2026, 11, 16),
        reference="BF-2026-0100",
    )
    case = notification_transition(
        notification=draft, name="submit", by=people[Role.NOTIFIER], expected_version=1
    )
    case = judged_notifiable(case, people[Role.BUSINESS_MANAGER])
    assert [d.due_at for d in _open_panel_deadlines(case)] == [
        end_of_day(datetime.date(2026, 12, 2))
    ]
    client = signed_in(people[Role.BUSINESS_MANAGER])
    case_url = reverse("notifications:detail", args=[case.reference])
    url = reverse("workflow:local-authority-aware", args=[case.reference])
    page = client.get(case_url).content.decode()
    assert "Not recorded yet. Until it is, the 5 working days for notifying the Panel count" in page
    assert f'href="{url}"' in page
    assert "Record when the local authority became aware" in page
    form = client.get(url).content.decode()
    assert "When did the local authority become aware of the incident?" in form

    audited = AuditEvent.objects.filter(action="notification.local_authority_aware")
    for day, message in (
        (datetime.date(2026, 11, 26), "must be today or in the past"),
        (datetime.date(2026, 11, 15), "must be the same as or after the date of the incident"),
    ):
        refused = client.post(url, _aware(day))
        assert refused.status_code == 200
        html = refused.content.decode()
        assert message in html
        assert 'href="#id_aware_on_day"' in html
        assert f'value="{day.day}"' in html
    assert not audited.exists()
    assert not TimelineEntry.objects.filter(kind="local_authority_aware").exists()

    assert client.post(url, _aware(datetime.date(2026, 11, 17))).status_code == 302
    case.refresh_from_db()
    assert case.local_authority_aware_on == datetime.date(2026, 11, 17)
    [panel] = _open_panel_deadlines(case)
    assert panel.due_at == end_of_day(datetime.date(2026, 11, 24))
    assert (
        Deadline.objects.filter(
            notification=case, rule_code=PANEL, state=DeadlineState.CANCELLED
        ).count()
        == 1
    )
    assert list(overdue_deadlines().filter(notification=case)) == [panel]
    assert audited.get().detail == {"aware_on": "2026-11-17", "previous": None}
    page = client.get(case_url).content.decode()
    shown = page[page.index('id="case-local-authority-aware"') :]
    assert shown.startswith('id="case-local-authority-aware">17 November 2026')
    deadlines = page[page.index("<caption") :]
    assert "end of Tuesday 24 November 2026" in deadlines
    assert "Overdue" in deadlines
    assert "The local authority became aware of the incident on 17 November 2026" in page
    due = client.get(reverse("deadlines:due"))
    assert [
        row.tag[0] for row in due.context["rows"] if row.deadline.notification_id == case.pk
    ] == ["Overdue"]

    assert client.post(url, _aware(datetime.date(2026, 11, 20))).status_code == 302
    [panel] = _open_panel_deadlines(case)
    assert panel.due_at == end_of_day(datetime.date(2026, 11, 27))
    assert audited.count() == 2
    assert audited.latest("pk").detail == {"aware_on": "2026-11-20", "previous": "2026-11-17"}
    entry = TimelineEntry.objects.filter(kind="local_authority_aware").latest("pk")
    assert entry.detail == "Corrected from 17 November 2026."
    assert "Correct when the local authority became aware" in client.get(case_url).content.decode()


def test_only_the_business_manager_records_the_day_and_only_until_the_panel_is_notified(
    board: Board, signed_in
) -> None:
    people = staff(_partnership(board))
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], framework=WT, status=Status.SUBMITTED
    )
    old = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.SUBMITTED
    )
    url = reverse("workflow:local-authority-aware", args=[case.reference])
    today = timezone.localdate()
    for role in (Role.NOTIFIER, Role.AGENCY_LEAD, Role.LISG_MEMBER, Role.INDEPENDENT_CHAIR):
        someone = signed_in(people[role])
        assert someone.get(url).status_code == 404, role
        assert someone.post(url, _aware(today)).status_code == 404, role
        with pytest.raises(TransitionRefused):
            local_authority_awareness_record(notification=case, aware_on=today, by=people[role])
    manager = signed_in(people[Role.BUSINESS_MANAGER])
    old_url = reverse("workflow:local-authority-aware", args=[old.reference])
    assert manager.get(old_url).status_code == 404
    assert (
        "local-authority-aware"
        not in manager.get(reverse("notifications:detail", args=[old.reference])).content.decode()
    )
    assert manager.get(url).status_code == 200
    case = judged_notifiable(case, people[Role.BUSINESS_MANAGER])
    moved(case, "notify_panel", people[Role.BUSINESS_MANAGER])
    assert manager.get(url).status_code == 404
    page = manager.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert "local-authority-aware" not in page.replace('id="case-local-authority-aware"', "")
    case.refresh_from_db()
    assert case.local_authority_aware_on is None
    assert not AuditEvent.objects.filter(action="notification.local_authority_aware").exists()
