"""A CPIR can be escalated for an SCR at any stage before the case closes (Procedure C 1:
"cases that are initially subject to a CPIR are escalated and managed within the SCR
process"). The SCR decision names the CPIR decision it escalates, and the case page shows
the link both ways; everything recorded on the CPIR stays with the case."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from casereviews.boards.models import Role
from casereviews.decisions.models import ChairDecision
from casereviews.notifications.models import CPIR_ESCALATABLE, Status
from casereviews.workflow.transitions import sources_of
from tests.factories import ChairDecisionFactory, NotificationFactory, decided
from tests.helpers import sign_in
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db


def test_the_escalation_is_open_from_exactly_the_named_set_of_cpir_stages() -> None:
    assert sources_of("escalate_to_scr") == CPIR_ESCALATABLE
    assert Status.CLOSED not in CPIR_ESCALATABLE
    assert {Status.REPORT, Status.PUBLISHED, Status.ACTIONS_MONITORED} <= CPIR_ESCALATABLE


def _cpir_at(board, people, status: str):
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER], status=status)
    cpir = ChairDecisionFactory.create(
        notification=case,
        decision="cpir",
        rationale="Standards were not met; learning for two agencies",
        decided_by=people[Role.INDEPENDENT_CHAIR],
    )
    return case, cpir


@pytest.mark.parametrize("status", sorted(CPIR_ESCALATABLE))
def test_a_cpir_is_escalated_from_every_stage_before_it_closes(board, status) -> None:
    people = staff(board)
    case, cpir = _cpir_at(board, people, status)
    chair = sign_in(Client(), people[Role.INDEPENDENT_CHAIR])
    response = chair.post(
        reverse("decisions:escalate", args=[case.reference]),
        {"version": case.version, "rationale": "The report shows abuse was suspected"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.SCR_COMMISSIONED
    scr = ChairDecision.objects.get(notification=case, decision="scr")
    assert scr.escalates == cpir
    text = chair.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    # Both ways: the CPIR names the SCR, the SCR names the CPIR.
    assert f'id="decision-{cpir.pk}"' in text
    assert f'href="#decision-{scr.pk}"' in text
    assert f'id="decision-{scr.pk}"' in text
    assert f'href="#decision-{cpir.pk}"' in text
    assert "Standards were not met; learning for two agencies" in text
    assert "The report shows abuse was suspected" in text


def test_a_closed_cpir_is_not_escalated(board) -> None:
    people = staff(board)
    case, _ = _cpir_at(board, people, Status.CLOSED)
    chair = sign_in(Client(), people[Role.INDEPENDENT_CHAIR])
    assert chair.get(reverse("decisions:escalate", args=[case.reference])).status_code == 404


def test_only_a_cpir_is_escalated(board) -> None:
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.REVIEW_IN_PROGRESS
    )
    decided(
        case,
        people,
        "other_review",
        rationale="A multi-agency audit",
        other_review_consideration="A CPIR was considered",
    )
    response = sign_in(Client(), people[Role.INDEPENDENT_CHAIR]).post(
        reverse("decisions:escalate", args=[case.reference]),
        {"version": case.version, "rationale": "More came to light"},
    )
    assert "Only a CPIR can be escalated to an SCR" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.REVIEW_IN_PROGRESS
