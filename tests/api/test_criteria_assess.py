"""`POST /api/v1/criteria/assess`: the engine's answer for any person with a role in a
board and a valid token; bad facts, missing or revoked tokens and sessions refused."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from casereviews.api.models import ApiToken
from casereviews.api.services import api_token_revoke
from casereviews.audit.models import AuditEvent
from tests.api.conftest import bearer
from tests.factories import UserFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db
URL = "/api/v1/criteria/assess"
DIED_SUSPECTED = {"abuse_or_neglect": "suspected", "child_died": True}


def post(client: Client, body: object, token: str | None = None, query: str = "") -> Response:
    headers = bearer(token) if token else {}
    return client.post(
        URL + query, data=json.dumps(body), content_type="application/json", headers=headers
    )


def test_a_notifier_with_a_token_gets_the_engines_answer(client, notifier, token_for) -> None:
    response = post(client, DIED_SUSPECTED, token_for(notifier))
    assert response.status_code == 200
    answer = response.json()
    assert answer["recommendation"] == "scr_mandatory"
    assert answer["ruleset"] == "bf-lscb-2015"
    assert {f["code"] for f in answer["findings"]} >= {"reg_5_2_met", "reg_5_2_b_i_died"}
    assert all(f["source"] for f in answer["findings"])
    assert ApiToken.objects.get(user=notifier).last_used_at is not None


def test_the_ruleset_can_be_chosen_and_an_unknown_one_is_named(client, notifier, token_for) -> None:
    token = token_for(notifier)
    assert post(client, {}, token, "?ruleset=bf-lscb-2015").json()["ruleset"] == "bf-lscb-2015"
    response = post(client, {}, token, "?ruleset=no-such-rules")
    assert response.status_code == 400
    assert response.json()["fact"] == "ruleset"


@pytest.mark.parametrize(
    ("facts", "fact"),
    [
        ({"child_was_sad": True}, "child_was_sad"),
        ({"abuse_or_neglect": "probably"}, "abuse_or_neglect"),
        ({"age_years": 18}, "age_years"),
        ({"child_died": "yes"}, "child_died"),
    ],
)
def test_bad_facts_get_a_problem_naming_the_fact(client, notifier, token_for, facts, fact) -> None:
    response = post(client, facts, token_for(notifier))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["fact"]) == (400, fact)
    assert body["detail"].startswith(f"{fact}:")


def test_invalid_json_is_a_problem_not_a_traceback(client, notifier, token_for) -> None:
    response = client.post(
        URL, data="{not json", content_type="application/json", headers=bearer(token_for(notifier))
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "Traceback" not in response.content.decode()


def test_without_a_token_the_answer_is_401(client) -> None:
    response = post(client, DIED_SUSPECTED)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused_and_the_attempt_audited(client, notifier, token_for) -> None:
    token = token_for(notifier)
    api_token_revoke(token=ApiToken.objects.get(user=notifier), by=notifier)
    response = post(client, DIED_SUSPECTED, token)
    assert response.status_code == 401
    assert AuditEvent.objects.filter(action="api_token.refused", outcome="failed").count() == 1


def test_a_disabled_persons_token_is_refused(client, notifier, token_for) -> None:
    token = token_for(notifier)
    notifier.is_active = False
    notifier.save()
    assert post(client, DIED_SUSPECTED, token).status_code == 401


def test_a_made_up_token_is_refused(client) -> None:
    assert post(client, DIED_SUSPECTED, "crn_not-a-real-token").status_code == 401


def test_a_signed_in_browser_session_is_not_accepted(client, notifier) -> None:
    """A page cannot ride someone's session to call the API."""
    client.force_login(notifier)
    response = post(client, DIED_SUSPECTED)
    assert response.status_code == 401


def test_a_person_with_no_board_role_is_forbidden(client, token_for) -> None:
    """Administrators and people without a role hold no criteria permission."""
    administrator = UserFactory.create(is_administrator=True)
    response = post(client, DIED_SUSPECTED, token_for(administrator))
    assert response.status_code == 403
    assert response.json()["status"] == 403


def test_an_unknown_api_address_is_a_json_404(client) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_the_openapi_document_describes_the_endpoint(client) -> None:
    """Public: it holds the contract, no case data."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    operation = document["paths"]["/api/v1/criteria/assess"]["post"]
    assert {"200", "400", "401"} <= set(operation["responses"])
    assert operation["security"] == [{"apiToken": []}]
    assert document["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
