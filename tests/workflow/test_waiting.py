"""The home page's "needs your attention": the cases whose next step is the person's,
read from the transition table, however far along the procedure they are. The Business
Manager's list kept only submitted notifications, so a case dropped off it once
verified though the agencies, the review and its report were still theirs to follow."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from casereviews.boards.models import Role
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.transitions import awaiting
from tests.factories import NotificationFactory
from tests.helpers import sign_in
from tests.lisg import before_the_lisg
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db


def _home_sections(user) -> dict[str, set[str]]:
    """Each section's title and the references listed under it."""
    client = Client()
    sign_in(client, user)
    page = client.get("/").content.decode()
    sections = {}
    for title, body in re.findall(
        r'<h2 class="govuk-heading-m" id="section-\d+">(.*?)</h2>(.*?)</section>', page, re.S
    ):
        sections[title] = set(re.findall(r">([A-Z]+-\d{4}-\d{4})</a>", body))
    return sections


def test_the_business_managers_list_keeps_a_case_while_its_next_step_is_theirs(board) -> None:
    people = staff(board)
    cases: dict[Status, str] = {
        status: str(
            NotificationFactory.create(
                board=board, notifier=people[Role.NOTIFIER], status=status
            ).reference
        )
        for status in Status
        if status != Status.DRAFT
    }
    sections = _home_sections(people[Role.BUSINESS_MANAGER])

    assert sections["Notifications to verify"] == {cases[Status.SUBMITTED]}
    waiting = sections["Cases waiting for you"]
    for status in (
        Status.UNDER_CONSIDERATION,  # the agencies are asked for information first
        Status.SCR_COMMISSIONED,
        Status.NO_REVIEW,  # Ofsted and the Panel are told, then the case is closed
        Status.REVIEW_IN_PROGRESS,
        Status.REPORT,
        Status.PUBLISHED,
        Status.LEARNING_DISSEMINATED,
        Status.ACTIONS_MONITORED,
    ):
        assert cases[status] in waiting, status
    for status in (
        Status.SUBMITTED,  # listed to verify, above
        Status.RETURNED_FOR_INFORMATION,  # the notifier's move
        Status.LISG_RECOMMENDED,  # the Chair's
        Status.WITHDRAWN,
        Status.CLOSED,
    ):
        assert cases[status] not in waiting, status

    # A LISG member's list holds the cases of their meetings' agendas (ADR 0011).
    for status in (Status.UNDER_CONSIDERATION, Status.LISG_RECOMMENDED, Status.SCR_COMMISSIONED):
        considered = Notification.objects.get(reference=cases[status])
        before_the_lisg(considered, people[Role.LISG_MEMBER])
    assert _home_sections(people[Role.LISG_MEMBER])["Cases before the LISG"] == {
        cases[Status.UNDER_CONSIDERATION]
    }
    assert _home_sections(people[Role.INDEPENDENT_CHAIR])["Cases waiting for your decision"] == {
        cases[Status.LISG_RECOMMENDED]
    }


def test_side_steps_put_no_case_on_anyones_list() -> None:
    """Withdrawing, reopening and escalating can be done but are not waited for."""
    assert Status.CLOSED not in awaiting(Role.BUSINESS_MANAGER)  # reopen is a side step
    assert Status.WITHDRAWN not in awaiting(Role.BUSINESS_MANAGER)
    assert Status.CPIR_COMMISSIONED not in awaiting(Role.INDEPENDENT_CHAIR)  # escalation
    assert awaiting(Role.NOTIFIER) == frozenset()  # the notifier's drafts are listed apart
