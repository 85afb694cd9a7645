"""Recommendations become actions with an owner agency, until the improvement is
sustained (Procedure A 1: "rigorous monitoring of actions in order that improvements are
sustained"). Agency leads update their own agency's actions only; the worker chases an
overdue action and escalates it to the Business Manager, once."""

from __future__ import annotations

import datetime
from email.message import Message

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Organisation, Role
from casereviews.deadlines.jobs import sweep_deadlines
from casereviews.notifications.models import Notification, Status
from casereviews.outbox.jobs import deliver_outbox
from casereviews.reviews.actions import action_add, mark_overdue_actions
from casereviews.reviews.models import ActionStatus, ReviewAction
from casereviews.workflow.services import TransitionRefused, notification_transition
from tests.factories import moved, person
from tests.helpers import Mailbox, sign_in
from tests.lisg import before_the_lisg
from tests.notifications.files import PDF
from tests.notifications.helpers import date_parts
from tests.reviews.helpers import commissioned, independent_agency, involved_agency
from tests.workflow.procedure import SATISFY, staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _action(
    case: Notification,
    people: dict[Role, User],
    agency: Organisation,
    due_on: datetime.date | None = None,
) -> ReviewAction:
    return action_add(
        notification=case,
        by=people[Role.BUSINESS_MANAGER],
        recommendation_number=1,
        recommendation_text="Agencies share information at strategy meetings",
        description="Train every duty team in information sharing",
        owner_agency=agency,
        owner_name="Head of safeguarding",
        due_on=due_on or TODAY + datetime.timedelta(days=60),
    )


def _subjects(mailbox: Mailbox) -> list[tuple[str, str]]:
    deliver_outbox()
    sent: list[Message] = list(mailbox.messages)
    deliver_outbox()
    assert mailbox.messages == sent  # exactly once
    return sorted((m["To"], m["Subject"]) for m in sent)


def test_an_action_cannot_be_completed_without_evidence(board, mailbox: Mailbox) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.ACTIONS_MONITORED)
    agency = involved_agency(board)
    lead = person(board, Role.AGENCY_LEAD, organisation=agency)
    action = _action(case, people, agency)
    client = sign_in(Client(), lead)
    url = reverse("reviews:action-update", args=[action.pk])
    html = client.post(url, {"status": "complete", "progress": "All teams trained"}).content
    assert "Attach the evidence that the action is complete" in html.decode()
    assert "All teams trained" in html.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED

    response = client.post(
        url,
        {
            "status": "complete",
            "progress": "All teams trained",
            "file": SimpleUploadedFile("register.pdf", PDF),
        },
        follow=True,
    )
    assert "Evidence: register.pdf" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE
    assert _subjects(mailbox) == sorted(
        [
            (lead.email, f"Case notification {case.reference}: an action for your agency"),
            (
                people[Role.BUSINESS_MANAGER].email,
                f"Case notification {case.reference}: an action is complete",
            ),
        ]
    )


def test_an_agency_lead_updates_only_their_own_agencys_actions(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.ACTIONS_MONITORED)
    mine, theirs = involved_agency(board), independent_agency(board)
    lead = person(board, Role.AGENCY_LEAD, organisation=mine)
    own, other = _action(case, people, mine), _action(case, people, theirs)
    client = sign_in(Client(), lead)
    assert client.get(reverse("reviews:action-update", args=[own.pk])).status_code == 200
    for url in (
        reverse("reviews:action-update", args=[other.pk]),
        reverse("reviews:action", args=[other.pk]),
    ):
        assert client.get(url).status_code == 404
    response = client.post(
        reverse("reviews:action-update", args=[other.pk]),
        {"status": "on_track", "progress": "Not ours to say"},
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == ActionStatus.NOT_STARTED
    # Their list shows their own agency's actions only.
    listed = client.get(reverse("reviews:actions")).content.decode()
    assert reverse("reviews:action", args=[own.pk]) in listed
    assert reverse("reviews:action", args=[other.pk]) not in listed
    # The Business Manager sees every action of the board; a LISG member those of the
    # cases before their meeting (ADR 0027), and this case is before none.
    other_link = reverse("reviews:action", args=[other.pk])
    manager = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    assert other_link in manager.get(reverse("reviews:actions")).content.decode()
    lisg = sign_in(Client(), people[Role.LISG_MEMBER])
    assert other_link not in lisg.get(reverse("reviews:actions")).content.decode()
    before_the_lisg(case, people[Role.LISG_MEMBER])
    assert other_link in lisg.get(reverse("reviews:actions")).content.decode()


def test_the_actions_list_filters_by_status_and_agency(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.ACTIONS_MONITORED)
    mine, theirs = involved_agency(board), independent_agency(board)
    own, other = _action(case, people, mine), _action(case, people, theirs)
    ReviewAction.objects.filter(pk=other.pk).update(status=ActionStatus.AT_RISK)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    at_risk = bm.get(reverse("reviews:actions") + "?status=at_risk").content.decode()
    assert reverse("reviews:action", args=[other.pk]) in at_risk
    assert reverse("reviews:action", args=[own.pk]) not in at_risk
    by_agency = bm.get(reverse("reviews:actions") + f"?agency={mine.pk}").content.decode()
    assert reverse("reviews:action", args=[own.pk]) in by_agency
    assert reverse("reviews:action", args=[other.pk]) not in by_agency


def test_the_worker_chases_an_overdue_action_once_and_escalates_it(board, mailbox: Mailbox) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.ACTIONS_MONITORED)
    agency = involved_agency(board)
    lead = person(board, Role.AGENCY_LEAD, organisation=agency)
    action = _action(case, people, agency, due_on=TODAY - datetime.timedelta(days=10))
    assert mark_overdue_actions() == 1
    assert mark_overdue_actions() == 0
    action.refresh_from_db()
    assert action.status == ActionStatus.OVERDUE
    sweep_deadlines()
    sweep_deadlines()  # a second run, or a restarted worker, sends nothing more
    sent = _subjects(mailbox)
    assert (lead.email, f"{case.reference}: deadline is overdue") in sent
    assert (
        people[Role.BUSINESS_MANAGER].email,
        f"{case.reference}: deadline is overdue and has been escalated to you",
    ) in sent


def test_the_case_closes_once_every_action_is_complete_and_sustained(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.ACTIONS_MONITORED)
    for code in ("ofsted_not_told", "panel_not_told"):
        SATISFY[code](case, None, people)
    action = _action(case, people, involved_agency(board))
    ReviewAction.objects.filter(pk=action.pk).update(status=ActionStatus.COMPLETE)
    bm = people[Role.BUSINESS_MANAGER]
    with pytest.raises(TransitionRefused, match="checked as sustained"):
        notification_transition(
            notification=case, name="close", by=bm, expected_version=case.version
        )
    client = sign_in(Client(), bm)
    client.post(
        reverse("reviews:action-sustained", args=[action.pk]),
        {"evidence": "A re-audit of 20 cases six months on", **date_parts("sustained_on", TODAY)},
    )
    page = client.get(reverse("reviews:action", args=[action.pk])).content.decode()
    assert "A re-audit of 20 cases six months on" in page
    moved(case, "close", bm)
    assert case.status == Status.CLOSED
