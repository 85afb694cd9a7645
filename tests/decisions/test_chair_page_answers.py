"""The Chair decides with the agencies' answers and the parallel processes in front of
them, above the form (DESIGN.md section 3): which agencies answered, involved or not,
on time or late, and who is still awaited."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.decisions.models import InvolvementRequest
from casereviews.involvement.models import InvolvementReturn, ParallelProcess
from tests.decisions.cases import case_for_the_chair
from tests.factories import OrganisationFactory
from tests.helpers import sign_in
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db


def _asked(case, name: str, by, *, due_days: int, answered_days: int | None, involvement=""):
    now = timezone.now()
    request = InvolvementRequest.objects.create(
        notification=case,
        organisation=OrganisationFactory.create(name=name),
        requested_by=by,
        requested_at=now - datetime.timedelta(days=20),
        due_at=now + datetime.timedelta(days=due_days),
        status="sent" if answered_days is None else "answered",
        answered_at=None if answered_days is None else now + datetime.timedelta(answered_days),
    )
    if answered_days is not None:
        InvolvementReturn.objects.create(
            request=request,
            state="submitted",
            involvement=involvement,
            created_by=by,
            created_at=now,
            submitted_by=by,
            submitted_at=now,
        )


def test_the_chair_sees_each_agencys_answer_and_the_parallel_processes(board) -> None:
    people = staff(board)
    bm = people[Role.BUSINESS_MANAGER]
    case = case_for_the_chair(board, people, facts=None)
    _asked(case, "Thames Valley Police", bm, due_days=-5, answered_days=-6, involvement="involved")
    _asked(case, "Broadmoor School", bm, due_days=-5, answered_days=-2, involvement="not_involved")
    _asked(case, "Frimley Health", bm, due_days=-1, answered_days=None)
    _asked(case, "Bracknell Housing", bm, due_days=3, answered_days=None)
    ParallelProcess.objects.create(
        notification=case,
        kind="coroner_inquest",
        status="under_way",
        lead_contact="Berkshire Coroner's Office",
        updated_by=bm,
        updated_at=timezone.now(),
    )
    client = sign_in(Client(), people[Role.INDEPENDENT_CHAIR])
    page = client.get(reverse("decisions:chair-decision", args=[case.reference]))
    text = page.content.decode()
    rows = text[text.index('id="agencies-answers"') : text.index("Parallel processes")]
    # One row per agency, by name: what it answered and whether it was on time.
    police = rows[rows.index("Thames Valley Police") :]
    assert police.index("Involved") < police.index("Yes") < police.index("</tr>")
    school = rows[rows.index("Broadmoor School") :]
    assert school.index("No involvement") < school.index("Late") < school.index("</tr>")
    health = rows[rows.index("Frimley Health") :]
    assert health.index("Not answered yet") < health.index("Late") < health.index("</tr>")
    housing = rows[rows.index("Bracknell Housing") :]
    # Not answered and not yet due: not "on time" (issue 28, 16).
    assert housing.index("Not answered yet") < housing.index("Not due yet") < housing.index("</tr>")
    assert "Yes" not in housing[: housing.index("</tr>")]
    assert "Coroner&#x27;s inquest" in text
    assert "Under way; lead contact Berkshire Coroner&#x27;s Office" in text
    # All of it above the form.
    assert text.index('id="parallel-processes"') < text.index('name="decision"')


def test_the_chair_is_told_when_no_agency_was_asked_and_no_process_recorded(board) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=None)
    client = sign_in(Client(), people[Role.INDEPENDENT_CHAIR])
    text = client.get(reverse("decisions:chair-decision", args=[case.reference])).content.decode()
    assert "No agency was asked about this case." in text
    assert "No parallel process is recorded." in text
