"""A safeguarding partnership (framework wt-2023) asks its agencies for information for the
rapid review (Working Together 2023, chapter 5), as a board asks them for the LISG
(Procedure A 4(i)): the Business Manager asks them while the case is in its rapid review,
the agencies answer from their home page, the rapid review is not sent to the Panel while
an asked agency has not answered unless the Business Manager records why, and once it is
sent an agency still to answer is no longer late. The words are the partnership's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereviews.boards.models import Board
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.decisions.models import InvolvementRequest
from casereviews.involvement.services.requests import involvement_requests_send
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.services import TransitionRefused
from tests.helpers import sign_in
from tests.involvement.conftest import Partners, build_partners

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(board: Board) -> Partners:
    """The three agencies' case, notified to a partnership and in its rapid review."""
    partners = build_partners(board)
    Notification.objects.filter(pk=partners.case.pk).update(
        framework="wt-2023", status=Status.RAPID_REVIEW
    )
    partners.case.refresh_from_db()
    return partners


def _ask(client, partnership: Partners, *organisations) -> None:
    response = sign_in(client, partnership.manager).post(
        reverse("decisions:involvement-request", args=[partnership.case.reference]),
        {
            "version": str(partnership.case.version),
            "organisations": [str(o.pk) for o in organisations],
            "working_days": "10",
        },
    )
    assert response.status_code == 302


def _send_rapid_review(client, partnership: Partners):
    case = Notification.objects.get(pk=partnership.case.pk)
    return sign_in(client, partnership.manager).post(
        reverse("workflow:transition", args=[case.reference, "send_rapid_review"]),
        {"version": str(case.version), "reason": "Rapid review meeting held on 20 November"},
    )


def test_the_agencies_are_asked_and_answer_during_the_rapid_review(client, partnership):
    case_page = reverse("notifications:detail", args=[partnership.case.reference])
    page = sign_in(client, partnership.manager).get(case_page).content.decode()
    assert "Ask the partner agencies for information" in page
    # A LISG meeting is the 2015 procedure's: a partnership's case page offers none.
    assert "LISG meeting" not in page[page.index("<main") :]

    _ask(client, partnership, partnership.police, partnership.school)
    asked = {r.organisation_id: r for r in InvolvementRequest.objects.all()}
    assert set(asked) == {partnership.police.pk, partnership.school.pk}
    assert Deadline.objects.filter(rule_code="agency_return_due", state="open").count() == 2

    police = sign_in(client, partnership.police_lead)
    request = asked[partnership.police.pk]
    home = police.get(reverse("frontend:home")).content.decode()
    assert reverse("involvement:request", args=[request.pk]) in home
    police.post(
        reverse("involvement:request", args=[request.pk]),
        {"involvement": "not_involved", "records_searched": "Niche RMS, 21/11/2026"},
    )
    assert police.post(reverse("involvement:send", args=[request.pk])).status_code == 302
    request.refresh_from_db()
    assert request.status == "answered"


def test_the_rapid_review_waits_for_the_agencies_unless_the_business_manager_says_why(
    client, partnership
):
    _ask(client, partnership, partnership.school)
    refused = _send_rapid_review(client, partnership).content.decode()
    assert "Every agency asked must answer before the rapid review is sent to the Panel" in refused
    assert Notification.objects.get(pk=partnership.case.pk).status == Status.RAPID_REVIEW

    manager = sign_in(client, partnership.manager)
    case_page = manager.get(
        reverse("notifications:detail", args=[partnership.case.reference])
    ).content.decode()
    assert "Let the rapid review go ahead" in case_page
    go_ahead = reverse("involvement:go-ahead", args=[partnership.case.reference])
    page = manager.get(go_ahead).content.decode()
    assert "Why should the rapid review go ahead without these agencies&#x27; answers?" in page
    assert "LISG" not in page[page.index("<main") :]
    empty = manager.post(go_ahead, {"reason": " "}).content.decode()
    assert "Enter why the rapid review should go ahead" in empty
    reason = "The school is closed for the half term; its records come next week"
    assert manager.post(go_ahead, {"reason": reason}).status_code == 302

    assert _send_rapid_review(client, partnership).status_code == 302
    assert Notification.objects.get(pk=partnership.case.pk).status == Status.RAPID_REVIEW_SENT
    # Its answer was for the rapid review: the school is no longer late.
    deadline = Deadline.objects.get(rule_code="agency_return_due")
    assert deadline.state == DeadlineState.CANCELLED
    # It may still answer before the partners decide.
    school = sign_in(client, partnership.school_lead)
    home = school.get(reverse("frontend:home")).content.decode()
    assert reverse("involvement:request", args=[InvolvementRequest.objects.get().pk]) in home


def test_agencies_are_not_asked_once_the_rapid_review_is_sent(client, partnership):
    Notification.objects.filter(pk=partnership.case.pk).update(status=Status.RAPID_REVIEW_SENT)
    manager = sign_in(client, partnership.manager)
    url = reverse("decisions:involvement-request", args=[partnership.case.reference])
    assert manager.get(url).status_code == 404
    case_page = manager.get(
        reverse("notifications:detail", args=[partnership.case.reference])
    ).content.decode()
    assert "Ask the partner agencies for information" not in case_page
    case = Notification.objects.get(pk=partnership.case.pk)
    with pytest.raises(TransitionRefused) as refused:
        involvement_requests_send(
            notification=case, organisations=[partnership.police], by=partnership.manager
        )
    assert refused.value.message == (
        "You can only ask agencies for information while the case is in its rapid review"
    )
    assert not InvolvementRequest.objects.exists()
