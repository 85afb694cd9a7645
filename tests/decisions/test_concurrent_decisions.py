"""Two people deciding the same case at the same moment, on real database connections."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from casereviews.boards.models import Role
from casereviews.decisions.models import ChairDecision
from casereviews.notifications.models import Status
from casereviews.workflow.models import StatusChange
from tests.factories import NotificationFactory, person
from tests.helpers import sign_in
from tests.workflow.procedure import SATISFY, staff

# Each thread commits on its own connection, as two web requests would.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_two_chairs_deciding_at_the_same_moment_one_wins_the_other_sees_the_conflict(
    board,
) -> None:
    """Both decisions are posted together from the same version of the case. Exactly one
    is recorded and moves the case; the other person gets the conflict page with their own
    rationale kept, and no second decision is left half-written."""
    people = staff(board)
    deputy = person(board, Role.INDEPENDENT_CHAIR, full_name="Deputy Chair")
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.LISG_RECOMMENDED
    )
    SATISFY["no_lisg_recommendation"](case, None, people)
    url = reverse("decisions:chair-decision", args=[case.reference])
    decisions = {
        "scr": (people[Role.INDEPENDENT_CHAIR], "Regulation 5(2) is met"),
        "cpir": (deputy, "A CPIR would bring the learning sooner"),
    }
    clients = {kind: sign_in(Client(), user) for kind, (user, _) in decisions.items()}
    start = threading.Barrier(len(decisions))
    answers: dict[str, tuple[int, str]] = {}

    def decide(kind: str) -> None:
        try:
            _, rationale = decisions[kind]
            start.wait(timeout=10)
            response = clients[kind].post(
                url,
                {
                    "version": "1",
                    "decision": kind,
                    "rationale": rationale,
                    **({"commissioning": "joint"} if kind == "cpir" else {}),
                },
            )
            answers[kind] = (response.status_code, response.content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(kind,)) for kind in decisions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(status for status, _ in answers.values()) == [302, 409]
    winner = next(kind for kind, (status, _) in answers.items() if status == 302)
    loser = next(kind for kind in decisions if kind != winner)
    conflict_page = answers[loser][1]
    assert "This case changed while you were working" in conflict_page
    assert decisions[loser][1] in conflict_page
    case.refresh_from_db()
    assert case.status == {"scr": Status.SCR_COMMISSIONED, "cpir": Status.CPIR_COMMISSIONED}[winner]
    assert list(ChairDecision.objects.values_list("decision", flat=True)) == [winner]
    assert StatusChange.objects.filter(notification=case).count() == 1
