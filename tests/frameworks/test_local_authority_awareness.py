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
from django.utils import timezone
from django.utils.html import escape

from casereviews.boards.models import Board, BoardFramework, Role
from casereviews.frameworks.vocabulary import VOCABULARIES, Framework
from casereviews.notifications.models import Notification
from tests.notifications.helpers import date_parts, page, start
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

WT = "wt-2023"
HINT = VOCABULARIES[Framework.WT_2023].local_authority_aware_hint
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
