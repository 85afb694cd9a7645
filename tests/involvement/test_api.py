"""The agency's answer and the merged chronology through the API, under the pages'
policy: agency A is told "not found" for agency B's request; the chronology only to
those who may see it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereviews.api.services import api_token_create
from casereviews.audit.models import AuditEvent
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.involvement.models import ChronologyEntry, InvolvementReturn
from casereviews.involvement.services.requests import involvement_requests_send
from tests.api.conftest import bearer
from tests.involvement.conftest import NARRATIVE

pytestmark = pytest.mark.django_db

ANSWER = {
    "involvement": "involved",
    "summary": "Two call-outs to the family home",
    "chronology": [
        {"date": "2026-03-02", "time": "22:10", "what_happened": "Call-out", "source": "Log 1"},
        {"date": "2026-01-05", "what_happened": "=1+1", "source": "Log 2", "approximate": True},
    ],
    "submit": True,
}


@pytest.fixture
def token_for():
    return lambda user: api_token_create(user=user, name="Case management system")[1]


@pytest.fixture
def asked(partners):
    sent = involvement_requests_send(
        notification=partners.case,
        organisations=[partners.police, partners.health],
        by=partners.manager,
    )
    return {r.organisation_id: r for r in sent}


def test_an_agency_reads_and_answers_its_request(client, partners, asked, token_for):
    police = asked[partners.police.pk]
    headers = bearer(token_for(partners.police_lead))
    url = reverse("api:involvement-request", args=[police.pk])
    read = client.get(url, headers=headers)
    assert read.status_code == 200
    body = read.json()
    assert body["reference"] == partners.case.reference
    assert NARRATIVE not in read.content.decode()
    assert {p["full_name"] for p in body["people"]} == {"Kacey Hollins", "Morgan Hollins"}
    answered = client.put(url, ANSWER, content_type="application/json", headers=headers)
    assert answered.status_code == 200
    (version,) = answered.json()["versions"]
    assert (version["state"], len(version["chronology"])) == ("submitted", 2)
    assert ChronologyEntry.objects.filter(current=True).count() == 2
    deadline = Deadline.objects.get(subject=f"involvement-request:{police.pk}")
    assert deadline.state == DeadlineState.MET
    assert AuditEvent.objects.filter(action="involvement_return.submitted").count() == 1

    again = client.put(url, ANSWER, content_type="application/json", headers=headers)
    assert again.status_code == 400
    assert "correction_reason" in again.json()["errors"]
    corrected = client.put(
        url,
        {**ANSWER, "correction_reason": "Dates checked"},
        content_type="application/json",
        headers=headers,
    )
    assert corrected.status_code == 200
    states = list(InvolvementReturn.objects.order_by("version").values_list("state", flat=True))
    assert states == ["superseded", "submitted"]


def test_a_bad_entry_is_named_and_nothing_is_saved(client, partners, asked, token_for):
    police = asked[partners.police.pk]
    url = reverse("api:involvement-request", args=[police.pk])
    bad = {**ANSWER, "chronology": [{"date": "2099-01-01", "what_happened": "x", "source": ""}]}
    response = client.put(
        url,
        bad,
        content_type="application/json",
        headers=bearer(token_for(partners.police_lead)),
    )
    assert response.status_code == 400
    assert not ChronologyEntry.objects.exists()


def test_agency_a_gets_not_found_for_agency_bs_request(client, partners, asked, token_for):
    health = asked[partners.health.pk]
    headers = bearer(token_for(partners.police_lead))
    url = reverse("api:involvement-request", args=[health.pk])
    assert client.get(url, headers=headers).status_code == 404
    put = client.put(url, ANSWER, content_type="application/json", headers=headers)
    assert put.status_code == 404
    assert not InvolvementReturn.objects.exists()
    assert AuditEvent.objects.filter(action="access.denied").count() == 2


def test_the_chronology_is_for_those_who_may_see_it(client, partners, asked, token_for):
    police = asked[partners.police.pk]
    client.put(
        reverse("api:involvement-request", args=[police.pk]),
        ANSWER,
        content_type="application/json",
        headers=bearer(token_for(partners.police_lead)),
    )
    url = reverse("api:chronology", args=[partners.case.reference])
    manager = client.get(url, headers=bearer(token_for(partners.manager)))
    assert manager.status_code == 200
    entries = manager.json()["entries"]
    assert [e["date"] for e in entries] == ["2026-01-05", "2026-03-02"]
    assert {e["agency"] for e in entries} == {"Thames Valley Police"}
    assert AuditEvent.objects.filter(action="chronology.read").count() == 1
    for agency_lead in (partners.police_lead, partners.health_lead):
        refused = client.get(url, headers=bearer(token_for(agency_lead)))
        assert refused.status_code == 404
