"""The page of a step exists only in the states the transition table allows the step
from; in any other it answers "not found" (as verification does), and posting to it
writes nothing. The pages say where a case stands in sentences, not status codes."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.decisions.models import ChairDecision, LisgRecommendation
from casereviews.notifications.models import Status
from casereviews.workflow.models import StatusChange, TimelineEntry
from casereviews.workflow.services import TransitionRefused, notification_transition
from casereviews.workflow.transitions import TRANSITIONS, get_transition, sources_of
from casereviews.workflow.words import status_sentence
from tests.factories import NotificationFactory
from tests.helpers import sign_in
from tests.lisg import before_the_lisg
from tests.workflow.procedure import SATISFY, prepare, staff

pytestmark = pytest.mark.django_db

# Each step page, the role that takes it, and the states it is open in.
RECORD_PAGES = {
    "decisions:lisg-recommendation": (Role.LISG_MEMBER, sources_of("lisg_recommend")),
    "decisions:chair-decision": (
        Role.INDEPENDENT_CHAIR,
        sources_of("decide_scr", "decide_cpir", "decide_other_review", "decide_no_review"),
    ),
    "decisions:escalate": (Role.INDEPENDENT_CHAIR, sources_of("escalate_to_scr")),
    "single_agency:agreement": (Role.BUSINESS_MANAGER, sources_of("agree_single_agency")),
    "single_agency:outcome": (Role.BUSINESS_MANAGER, sources_of("close_single_agency")),
}
PLAIN_STEPS = [
    name
    for name, transition in TRANSITIONS.items()
    if transition.record_page is None and not transition.notifier_may
]
STATES = [status for status in Status if status != Status.DRAFT]


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.mark.parametrize("page", sorted(RECORD_PAGES))
def test_a_record_page_is_found_only_in_the_states_its_step_is_taken_from(board, page) -> None:
    role, open_in = RECORD_PAGES[page]
    people = staff(board)
    client = _client(people[role])
    for status in STATES:
        case = NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=status
        )
        if role == Role.LISG_MEMBER:  # the LISG sees a case through a meeting (ADR 0011)
            before_the_lisg(case, people[role])
        response = client.get(reverse(page, args=[case.reference]))
        assert response.status_code == (200 if status in open_in else 404), status


@pytest.mark.parametrize("name", PLAIN_STEPS)
def test_a_step_page_is_found_only_in_the_states_of_its_transition(board, name) -> None:
    people = staff(board)
    client = _client(people[Role.BUSINESS_MANAGER])
    for status in STATES:
        case = NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=status
        )
        response = client.get(reverse("workflow:transition", args=[case.reference, name]))
        expected = 200 if status in TRANSITIONS[name].sources else 404
        assert response.status_code == expected, status


def test_the_chair_cannot_reach_a_decision_on_a_submitted_case(board) -> None:
    """Issue 13: the Chair's decision page on a case not yet before the Chair showed its
    form. It answers "not found" to a look and to a post; the refusal is audited with the
    case it was for; nothing is written."""
    people = staff(board)
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    chair = _client(people[Role.INDEPENDENT_CHAIR])
    url = reverse("decisions:chair-decision", args=[case.reference])

    looked = chair.get(url)
    posted = chair.post(url, {"version": "1", "decision": "scr", "rationale": "Reasons"})

    assert looked.status_code == posted.status_code == 404
    assert "Record your decision" not in looked.content.decode()
    case.refresh_from_db()
    assert (case.status, case.version) == (Status.SUBMITTED, 1)
    assert not ChairDecision.objects.exists()
    assert not StatusChange.objects.exists()
    refusals = AuditEvent.objects.filter(
        action="access.denied", actor=people[Role.INDEPENDENT_CHAIR]
    )
    assert [event.detail["case"] for event in refusals] == [case.reference] * 2


def test_the_question_is_the_heading_of_the_lisg_page_and_the_case_of_the_chair_page(
    board,
) -> None:
    """The Chair's page puts what they decide with above the question, so its heading
    names the case, and the question is asked below it."""
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.LISG_RECOMMENDED
    )
    page = _client(people[Role.INDEPENDENT_CHAIR]).get(
        reverse("decisions:chair-decision", args=[case.reference])
    )
    html = page.content.decode()
    assert f'Decide on <span class="app-reference">{case.reference}</span></h1>' in html
    assert "What is your decision?" in html
    assert html.count("<h1") == 1
    assert f"<title>Decide on {case.reference} \N{EN DASH}" in html
    detail = reverse("notifications:detail", args=[case.reference])
    assert f'<a href="{detail}" class="govuk-back-link">' in html

    considered = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
    )
    before_the_lisg(considered, people[Role.LISG_MEMBER])
    lisg = _client(people[Role.LISG_MEMBER])
    url = reverse("decisions:lisg-recommendation", args=[considered.reference])
    html = lisg.get(url).content.decode()
    assert '<h1 class="govuk-fieldset__heading">What does the LISG recommend?</h1>' in html
    # A page in error says so first in its title, the GOV.UK way.
    refused = lisg.post(url, {"version": "1"}).content.decode()
    assert "<title>Error: What does the LISG recommend? \N{EN DASH}" in refused
    assert not LisgRecommendation.objects.exists()


def test_a_judgement_step_asks_why_as_its_heading_and_a_plain_step_says_where_the_case_is(
    board,
) -> None:
    people = staff(board)
    bm = _client(people[Role.BUSINESS_MANAGER])
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    withdraw = bm.get(reverse("workflow:transition", args=[case.reference, "withdraw"]))
    assert re.search(
        r'<h1 class="govuk-label-wrapper">\s*<label class="govuk-label govuk-label--l" '
        r'for="id_reason">Why do you want to withdraw the notification\?</label>',
        withdraw.content.decode(),
    )

    # Publishing records how, on its own page; starting to monitor is a plain step.
    published = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.PUBLISHED
    )
    url = reverse("workflow:transition", args=[published.reference, "monitor_actions"])
    html = bm.get(url).content.decode()
    assert '<h1 class="govuk-heading-l">Start monitoring the actions</h1>' in html
    assert f"The report of the review of {published.reference} has been published." in html
    assert "is published" not in html


def test_the_message_after_a_step_is_a_sentence_not_a_status_code(board) -> None:
    """ "BF-2026-0003 is now report" became a sentence saying what happened."""
    people = staff(board)
    bm = _client(people[Role.BUSINESS_MANAGER])
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.REVIEW_IN_PROGRESS
    )
    prepare(case, get_transition("receive_report"), people)  # the final report is uploaded
    url = reverse("workflow:transition", args=[case.reference, "receive_report"])
    response = bm.post(url, {"version": "1"}, follow=True)
    html = response.content.decode()
    assert (
        f"The report of the review of {case.reference} has been written and is waiting to be "
        "published."
    ) in html
    assert "is now report" not in html
    case.refresh_from_db()
    assert case.status == Status.REPORT


def test_a_refused_step_says_where_the_case_stands_in_words(board) -> None:
    """The service's refusal for the wrong state names the state as a sentence."""
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.LISG_RECOMMENDED
    )
    SATISFY["no_lisg_recommendation"](case, TRANSITIONS["decide_scr"], people)
    with pytest.raises(TransitionRefused) as refused:
        notification_transition(
            notification=case, name="close", by=people[Role.BUSINESS_MANAGER], expected_version=1
        )
    assert refused.value.message == (
        "You cannot close the case now. The LISG has made its recommendation on "
        f"{case.reference}, which is waiting for the Independent Chair's decision."
    )
    assert "lisg recommended" not in refused.value.message.lower()


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_a_sentence_that_names_the_case(board, status) -> None:
    case = NotificationFactory.create(board=board, status=status)
    sentence = status_sentence(case)
    assert sentence.endswith(".")
    assert sentence[0].isupper()
    assert "_" not in sentence
    assert (case.reference or "This notification") in sentence


def test_the_timeline_says_what_was_done_not_the_buttons_words(board) -> None:
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.REVIEW_IN_PROGRESS
    )
    prepare(case, get_transition("receive_report"), people)  # the final report is uploaded
    notification_transition(
        notification=case,
        name="receive_report",
        by=people[Role.BUSINESS_MANAGER],
        expected_version=1,
    )
    entry = TimelineEntry.objects.get(notification=case)
    assert entry.text == "Recorded that the report is written"
    assert entry.by == people[Role.BUSINESS_MANAGER]
