""" "What are you asking us to consider?" asks in the words of the framework the notification
will follow: the 2015 procedure's four reviews while the board runs it, unchanged;
Working Together 2023's rapid review of a serious incident or another form of learning
review once it is a partnership, with the guidance's chapter 5 as the hint. Another
framework's choice is refused at the field, and a draft whose board changed framework
before it was sent is asked again; the case then follows its framework's steps."""

from __future__ import annotations

import datetime
import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereviews.boards.models import Board, BoardFramework, Role
from casereviews.deadlines.models import Deadline
from casereviews.frameworks.vocabulary import VOCABULARIES, Framework
from casereviews.notifications.models import Notification, ReviewSought, Status
from casereviews.outbox.models import OutboxEmail
from casereviews.single_agency.guards import single_agency_sought
from tests.notifications.helpers import fill_in, page, send
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

OLD_LABELS = [
    "Serious Case Review (SCR) consideration",
    "Inter-agency Child Protection Incident Review",
    "Single-agency CPIR consultation",
    "Good practice review",
]
NEW_LABELS = [
    "A rapid review of a serious incident (the child died or was seriously harmed, and abuse "
    "or neglect is known or suspected)",
    "Learning from a case that may not meet those criteria (another form of learning review)",
]
WT_REFUSED = VOCABULARIES[Framework.WT_2023].review_sought_refused
LSCB_REFUSED = VOCABULARIES[Framework.BF_LSCB_2015].review_sought_refused


@pytest.fixture(autouse=True)
def _a_fixed_now(time_machine) -> None:
    time_machine.move_to("2026-11-25 12:00:00+00:00", tick=False)


def _becomes_a_partnership(board: Board) -> None:
    BoardFramework.objects.create(
        board=board, framework="wt-2023", effective_from=datetime.date(2026, 11, 1)
    )


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


def _offered(text: str) -> list[str]:
    """The labels of the radios, in the order the page shows them."""
    labels = []
    for chunk in text.split('class="govuk-label govuk-radios__label"')[1:]:
        labels.append(chunk[chunk.index(">") + 1 : chunk.index("</label>")].strip())
    return labels


def test_a_2015_board_offers_the_procedures_four_reviews_unchanged(board: Board, signed_in) -> None:
    client = signed_in(staff(board)[Role.NOTIFIER])
    text = _text(client.get(reverse("notifications:start")))
    assert _offered(text) == OLD_LABELS
    assert "Working Together" not in text[text.index("<main") :]


def test_a_partnership_offers_a_rapid_review_or_another_learning_review(
    board: Board, signed_in
) -> None:
    _becomes_a_partnership(board)
    client = signed_in(staff(board)[Role.NOTIFIER])
    text = _text(client.get(reverse("notifications:start")))
    assert _offered(text) == NEW_LABELS
    assert "Working Together to Safeguard Children 2023, chapter 5" in text
    assert "Serious Case Review" not in text[text.index("<main") : text.index("</form>")]


def test_each_framework_refuses_the_others_choice_at_the_field_and_makes_no_draft(
    board: Board, signed_in
) -> None:
    client = signed_in(staff(board)[Role.NOTIFIER])
    start = reverse("notifications:start")
    refused = client.post(start, {"review_sought": "serious_incident"})
    assert refused.status_code == 200
    assert LSCB_REFUSED in _text(refused)
    _becomes_a_partnership(board)
    for old_choice in ReviewSought.values[:4]:
        refused = client.post(start, {"review_sought": old_choice})
        text = _text(refused)
        assert refused.status_code == 200
        assert "govuk-error-summary" in text
        assert text.count(WT_REFUSED) == 2  # the summary and the field
    assert not Notification.objects.exists()
    made = client.post(start, {"review_sought": "serious_incident"})
    assert made.status_code == 302
    draft = Notification.objects.get()
    assert (draft.framework, draft.review_sought) == ("wt-2023", "serious_incident")


def test_a_draft_begun_under_2015_is_asked_again_once_its_board_is_a_partnership(
    board: Board, signed_in
) -> None:
    """Its framework is fixed when it is first sent: the 2015 choice it kept no longer
    stands, so sending it is refused until it is answered in the partnership's words, and
    the case then follows the partnership's steps and deadlines, not the 2015 ones."""
    people = staff(board)
    client: Client = signed_in(people[Role.NOTIFIER])
    draft = fill_in(client, review_sought="inter_agency_cpir")
    _becomes_a_partnership(board)

    tasks = _text(client.get(reverse("notifications:resume", args=[draft.pk])))
    row = tasks[tasks.index("What you are asking us to consider") :]
    assert "Incomplete" in row[: row.index("</li>")]
    refused = send(client, draft)
    assert refused.status_code == 200
    assert "Answer the questions about what you are asking us to consider" in _text(refused)
    assert Notification.objects.get(pk=draft.pk).status == Status.DRAFT
    assert not OutboxEmail.objects.exists()

    asked = _text(client.get(page(draft, "review-sought")))
    assert WT_REFUSED in asked
    assert _offered(asked) == NEW_LABELS

    answered = client.post(page(draft, "review-sought"), {"review_sought": "serious_incident"})
    assert answered.status_code == 302
    draft.refresh_from_db()
    sent = send(client, draft, version=draft.version)
    assert sent.status_code == 302
    case = Notification.objects.get(pk=draft.pk)
    assert (case.status, case.framework, case.review_sought) == (
        Status.SUBMITTED,
        "wt-2023",
        "serious_incident",
    )
    # The 2015 procedure's 24 hours from the consultation is not the partnership's clock;
    # the five working days to tell the Panel are, once the incident is judged notifiable.
    assert case.submission_due_at is None
    assert not Deadline.objects.filter(notification=case).exists()
    assert not single_agency_sought(case)
    # The Business Manager reads what was sought in the partnership's words.
    to_manager = OutboxEmail.objects.get(to=[people[Role.BUSINESS_MANAGER].email])
    assert f"Review sought: {NEW_LABELS[0]}" in to_manager.body
    case_page = signed_in(people[Role.BUSINESS_MANAGER]).get(
        reverse("notifications:detail", args=[case.reference])
    )
    assert NEW_LABELS[0] in _text(case_page)
