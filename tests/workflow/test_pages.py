"""The pages that move a case: who reaches them, what they write, and what the second of
two people acting at once sees."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.decisions.models import ChairDecision, InvolvementRequest, LisgRecommendation
from casereviews.notifications.models import Status
from casereviews.workflow.models import StatusChange
from casereviews.workflow.services import notification_transition
from tests.factories import NotificationFactory, OrganisationFactory, decided, person
from tests.helpers import sign_in
from tests.lisg import before_the_lisg
from tests.workflow.procedure import SATISFY, staff

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def test_the_business_manager_takes_a_step_from_the_case_page(board) -> None:
    """The case page links to the steps the person may take; taking one moves the case
    and writes its status row."""
    people = staff(board)
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    bm = _client(people[Role.BUSINESS_MANAGER])
    page = bm.get(reverse("notifications:detail", args=[case.reference]))
    url = reverse("workflow:transition", args=[case.reference, "withdraw"])
    assert url in page.content.decode()
    assert "Withdraw the notification" in page.content.decode()
    form = bm.get(url)
    assert form.status_code == 200
    assert 'name="version" value="1"' in form.content.decode()
    response = bm.post(url, {"version": "1", "reason": "Notified twice"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    assert StatusChange.objects.get(notification=case).by == people[Role.BUSINESS_MANAGER]


def test_verifying_always_goes_through_the_verification_page(board) -> None:
    """Verification records its outcome beside the criteria engine's advice, so the plain
    step page sends the Business Manager there and changes nothing."""
    people = staff(board)
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    bm = _client(people[Role.BUSINESS_MANAGER])
    for name in ("verify", "return_for_information"):
        step = reverse("workflow:transition", args=[case.reference, name])
        response = bm.post(step, {"version": "1", "reason": "Please add the chronology"})
        assert response["Location"] == reverse("assessments:verify", args=[case.reference])
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED


def test_a_notifier_cannot_open_a_business_manager_step(board) -> None:
    """The notifier sees their case but may not withdraw it: the step's page is not found
    for them (a scoped refusal answers like a missing page), and nothing is written."""
    people = staff(board)
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    notifier = _client(people[Role.NOTIFIER])
    url = reverse("workflow:transition", args=[case.reference, "withdraw"])
    assert notifier.get(url).status_code == 404
    assert notifier.post(url, {"version": "1", "reason": "Mine"}).status_code == 404
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    assert not StatusChange.objects.exists()


def test_someone_who_cannot_see_the_case_gets_not_found(board, other_board) -> None:
    people = staff(board)
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    stranger = _client(person(other_board, Role.BUSINESS_MANAGER))
    url = reverse("workflow:transition", args=[case.reference, "withdraw"])
    assert stranger.post(url, {"version": "1", "reason": "Not ours"}).status_code == 404
    assert not StatusChange.objects.exists()


def test_a_judgement_without_a_reason_shows_the_error_at_the_field(board) -> None:
    people = staff(board)
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    bm = _client(people[Role.BUSINESS_MANAGER])
    url = reverse("workflow:transition", args=[case.reference, "withdraw"])
    response = bm.post(url, {"version": "1", "reason": ""})
    assert response.status_code == 200
    assert "Enter the reason" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED


def test_a_guard_is_shown_in_the_words_of_the_procedure(board) -> None:
    """Closing an SCR before Ofsted and the Panel are recorded as told is refused with
    the guard's own message."""
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.ACTIONS_MONITORED
    )
    decided(case, people, "scr", rationale="Reg 5(2) met", decided_at=case.created_at)
    bm = _client(people[Role.BUSINESS_MANAGER])
    response = bm.post(
        reverse("workflow:transition", args=[case.reference, "close"]), {"version": "1"}
    )
    assert response.status_code == 200
    assert (
        "Record that Ofsted was told of the Independent Chair&#x27;s decision before closing "
        "the case"
    ) in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.ACTIONS_MONITORED


def test_two_people_at_once_the_second_sees_what_changed_and_keeps_what_they_typed(
    board,
) -> None:
    """A Business Manager opens a case to withdraw it while another verifies it. The
    withdrawal then gets the conflict page: the change made, their own words kept, and a
    form to try again on the current version (a verified case can still be withdrawn)."""
    people = staff(board)
    second_bm = person(board, Role.BUSINESS_MANAGER, full_name="Jo Second")
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    second = _client(second_bm)
    withdraw = reverse("workflow:transition", args=[case.reference, "withdraw"])
    assert 'value="1"' in second.get(withdraw).content.decode()

    notification_transition(
        notification=case, name="verify", by=people[Role.BUSINESS_MANAGER], expected_version=1
    )
    response = second.post(
        withdraw, {"version": "1", "reason": "Please add the skeleton chronology"}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "This case changed while you were working" in page
    assert "Submitted to Under consideration" in page
    assert people[Role.BUSINESS_MANAGER].full_name in page
    assert page.count("Please add the skeleton chronology") == 2  # shown, and kept in the form
    assert 'name="version" value="2"' in page
    case.refresh_from_db()
    assert (case.status, case.version) == (Status.UNDER_CONSIDERATION, 2)
    assert StatusChange.objects.filter(notification=case).count() == 1


def test_when_the_other_persons_change_ends_the_step_no_retry_is_offered(board) -> None:
    """Two Business Managers withdraw the same case. The second sees what changed and
    what they typed, and is told the step is no longer available, with no form to send
    again; opening the page again shows where the case stands and who moved it there
    (issue 26: a stale link is not "Page not found")."""
    people = staff(board)
    second_bm = person(board, Role.BUSINESS_MANAGER, full_name="Jo Second")
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    first = _client(people[Role.BUSINESS_MANAGER])
    second = _client(second_bm)
    withdraw = reverse("workflow:transition", args=[case.reference, "withdraw"])
    assert 'value="1"' in second.get(withdraw).content.decode()

    assert first.post(withdraw, {"version": "1", "reason": "Notified twice"}).status_code == 302
    response = second.post(
        withdraw, {"version": "1", "reason": "Please add the skeleton chronology"}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Submitted to Withdrawn" in page
    assert "Notified twice" in page
    assert page.count("Please add the skeleton chronology") == 1  # shown; no form to resend
    assert "This step is no longer available" in page
    assert f"{case.reference} has been withdrawn." in page
    assert 'name="version"' not in page
    # The step's page, opened again (a stale link), says where the case went and who
    # moved it there, with no form; a post of the current version writes nothing.
    again = second.get(withdraw)
    shown = again.content.decode()
    who = people[Role.BUSINESS_MANAGER].full_name
    assert again.status_code == 409
    assert f"{case.reference} has been withdrawn." in shown
    assert f"recorded on {timezone.localdate():%-d %B %Y} by {who}" in shown
    assert 'name="version"' not in shown
    assert second.post(withdraw, {"version": "2", "reason": "Again"}).status_code == 409
    case.refresh_from_db()
    assert (case.status, case.version) == (Status.WITHDRAWN, 2)
    assert StatusChange.objects.filter(notification=case).count() == 1


def test_two_chairs_decide_at_once_one_wins_and_nothing_is_lost(board) -> None:
    """The Independent Chair and a deputy both decide the same case. One decision is
    recorded and moves the case; the other person sees the conflict page with the winning
    change and their own rationale, and no second decision is half-written."""
    people = staff(board)
    deputy = person(board, Role.INDEPENDENT_CHAIR, full_name="Deputy Chair")
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.LISG_RECOMMENDED
    )
    SATISFY["no_lisg_recommendation"](case, None, people)
    url = reverse("decisions:chair-decision", args=[case.reference])
    chair, other = _client(people[Role.INDEPENDENT_CHAIR]), _client(deputy)
    assert chair.get(url).status_code == other.get(url).status_code == 200
    won = chair.post(
        url, {"version": "1", "decision": "scr", "rationale": "Regulation 5(2) is met"}
    )
    lost = other.post(
        url,
        {
            "version": "1",
            "decision": "cpir",
            "commissioning": "joint",
            "rationale": "A CPIR would bring the learning sooner",
        },
    )
    assert won.status_code == 302
    assert lost.status_code == 409
    page = lost.content.decode()
    assert "LISG recommended to SCR commissioned" in page
    assert "A CPIR would bring the learning sooner" in page
    case.refresh_from_db()
    assert case.status == Status.SCR_COMMISSIONED
    assert list(ChairDecision.objects.values_list("decision", "decided_by")) == [
        ("scr", people[Role.INDEPENDENT_CHAIR].pk)
    ]
    # The decision is taken: no form to try again, and the page of the step is gone.
    assert "This step is no longer available" in page
    retry = other.post(
        url,
        {
            "version": "2",
            "decision": "cpir",
            "commissioning": "joint",
            "rationale": "A CPIR would bring the learning",
        },
    )
    assert retry.status_code == 409
    assert "This step cannot be taken on the case now" in retry.content.decode()
    assert ChairDecision.objects.count() == 1


def test_the_lisg_records_its_recommendation_once_agencies_were_asked(board) -> None:
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
    )
    url = reverse("decisions:lisg-recommendation", args=[case.reference])
    before_the_lisg(case, people[Role.LISG_MEMBER])
    lisg = _client(people[Role.LISG_MEMBER])
    data = {
        "version": "1",
        "review_type": "scr",
        "methodology": "silp",
        "rationale": "The criteria are met",
        "meeting_held": "meeting",
    }
    refused = lisg.post(url, data)
    assert refused.status_code == 200
    assert "Request information from the partner agencies" in refused.content.decode()
    assert not LisgRecommendation.objects.exists()

    SATISFY["agency_information_not_requested"](case, None, people)
    waiting = lisg.post(url, data)
    assert waiting.status_code == 200
    assert "Every agency asked must answer" in waiting.content.decode()
    assert not LisgRecommendation.objects.exists()

    SATISFY["agencies_not_answered"](case, None, people)
    assert lisg.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.LISG_RECOMMENDED
    assert LisgRecommendation.objects.get().methodology == "silp"
    assert AuditEvent.objects.filter(action="notification.lisg_recommend").count() == 1


def test_only_the_business_manager_asks_agencies_for_information(board) -> None:
    people = staff(board)
    agency = OrganisationFactory.create(
        name="Frimley Health NHS Foundation Trust", secure_email="safeguarding@fhft.example"
    )
    board.partners.add(agency)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
    )
    url = reverse("decisions:involvement-request", args=[case.reference])
    data = {"version": "1", "organisations": [str(agency.pk)], "working_days": "15"}
    assert _client(people[Role.LISG_MEMBER]).post(url, data).status_code == 404
    assert not InvolvementRequest.objects.exists()
    assert _client(people[Role.BUSINESS_MANAGER]).post(url, data).status_code == 302
    request = InvolvementRequest.objects.get()
    assert (request.organisation, request.working_days) == (agency, 15)


def test_a_returned_notification_is_sent_back_only_through_the_form(board) -> None:
    """Sending a notification back checks it is complete and tells the board, so the
    plain step page refuses it; the case page offers the form instead."""
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.RETURNED_FOR_INFORMATION
    )
    notifier = _client(people[Role.NOTIFIER])
    for name in ("resubmit", "submit"):
        step = reverse("workflow:transition", args=[case.reference, name])
        assert notifier.post(step, {"version": "1"}).status_code == 404
    case.refresh_from_db()
    assert case.status == Status.RETURNED_FOR_INFORMATION
    page = notifier.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert "/step/resubmit" not in page
    assert reverse("notifications:resume", args=[case.pk]) in page
