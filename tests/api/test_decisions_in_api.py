"""Reading a notification through the API gives the decisions recorded on the case and the
Panel's response: under the 2015 procedure the LISG's recommendation and the Independent
Chair's decision, under Working Together 2023 the safeguarding partners' decision and
whether the Panel will carry out a national review. What was decided and when, to those
who may read the case, and nothing of the reasons or of the agencies named in them."""

from __future__ import annotations

import datetime
import json

import pytest

from casereviews.boards.models import Board, Role
from casereviews.decisions.services import chair_decision_record
from casereviews.notifications.models import Status
from casereviews.workflow.services import panel_response_record
from tests.api.conftest import bearer
from tests.decisions.cases import CPIR_FACTS, case_for_the_chair, commissioned
from tests.factories import NotificationFactory, OrganisationFactory, moved, person
from tests.partnership import agreed_by_the_three_partners, judged_notifiable
from tests.workflow.procedure import staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_fixed_now")]
URL = "/api/v1/notifications"
NOTHING_DECIDED = {
    "lisg_recommendation": None,
    "chair_decision": None,
    "partners_decision": None,
    "panel_response": None,
}


def _decided(data: dict[str, object]) -> dict[str, object]:
    return {key: data[key] for key in NOTHING_DECIDED}


def test_a_2015_case_gives_the_lisgs_recommendation_and_the_chairs_decision(
    client, board: Board, token_for
) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=CPIR_FACTS, review_type="other_review")
    agency = OrganisationFactory.create(name="Hartwell Academy Trust")
    board.partners.add(agency)
    decided = chair_decision_record(
        notification=case,
        by=people[Role.INDEPENDENT_CHAIR],
        expected_version=case.version,
        decision="other_review",
        rationale="The school's records show the concern was never shared",
        other_review_consideration="A CPIR was weighed against an audit",
        choice=commissioned(board, "other_review"),
    )
    assert list(decided.other_review_agencies.all()) == [agency]
    for reader in (people[Role.NOTIFIER], people[Role.BUSINESS_MANAGER]):
        response = client.get(f"{URL}/{case.reference}", headers=bearer(token_for(reader)))
        assert response.status_code == 200
        data = response.json()
        assert _decided(data) == {
            "lisg_recommendation": {
                "review_type": "other_review",
                "methodology": "none",
                "recommended_on": "2026-11-25",
            },
            "chair_decision": {"decision": "other_review", "decided_on": "2026-11-25"},
            "partners_decision": None,
            "panel_response": None,
        }
        # Neither body's reasons, nor the agency the review is commissioned from.
        text = json.dumps(data)
        for private in ("never shared", "weighed", "did not share", "Hartwell", "Chair one"):
            assert private not in text


def test_a_partnership_case_gives_the_partners_decision_and_the_panels_latest_answer(
    client, board: Board, token_for
) -> None:
    people = staff(board)
    manager = people[Role.BUSINESS_MANAGER]
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], framework="wt-2023", status=Status.SUBMITTED
    )
    url, token = f"{URL}/{case.reference}", token_for(people[Role.NOTIFIER])
    assert _decided(client.get(url, headers=bearer(token)).json()) == NOTHING_DECIDED
    judged_notifiable(case, manager)
    for name, by in (
        ("notify_panel", manager),
        ("send_rapid_review", manager),
        ("partners_decide_lcspr", people[Role.PARTNER_POLICE]),
    ):
        if name.startswith("partners_"):
            agreed_by_the_three_partners(case, people, "lcspr")
        moved(case, name, by, reason="Practice across the police and health fell short")
    case.refresh_from_db()
    panel_response_record(
        notification=case,
        national_review=False,
        received_on=datetime.date(2026, 11, 20),
        detail="The Panel's letter",
        by=manager,
    )
    # A correction: the Panel will carry out a national review after all.
    panel_response_record(
        notification=case,
        national_review=True,
        received_on=datetime.date(2026, 11, 23),
        detail="The Panel's second letter",
        by=manager,
    )
    data = client.get(url, headers=bearer(token)).json()
    assert _decided(data) == {
        "lisg_recommendation": None,
        "chair_decision": None,
        "partners_decision": {"decision": "lcspr", "decided_on": "2026-11-25"},
        "panel_response": {"national_review": True, "received_on": "2026-11-23"},
    }
    text = json.dumps(data)
    for private in ("fell short", "letter"):
        assert private not in text


def test_another_agencys_notifier_cannot_read_a_decided_case(
    client, board: Board, health, token_for
) -> None:
    """The decisions ride on the read the policy already guards: someone who may not see
    the case gets the same "not found" as for a case that does not exist."""
    people = staff(board)
    case = case_for_the_chair(board, people, facts=CPIR_FACTS)
    outsider = token_for(person(board, Role.NOTIFIER, organisation=health))
    hidden = client.get(f"{URL}/{case.reference}", headers=bearer(outsider))
    missing = client.get(f"{URL}/BF-2026-9999", headers=bearer(outsider))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
