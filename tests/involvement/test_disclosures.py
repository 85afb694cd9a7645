"""Disclosure decisions (Procedure A 4(ii)-(iv)): reasoning documented for every
decision, to disclose or not; shown to the LISG and the Chair; exported; audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.involvement.models import DisclosureDecision
from casereviews.involvement.services.disclosures import (
    DisclosureAnswers,
    DisclosureRefused,
    disclosure_decision_record,
)
from casereviews.workflow.models import TimelineEntry
from tests.helpers import sign_in, streamed
from tests.lisg import before_the_lisg

pytestmark = pytest.mark.django_db


def answers(partners, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "records_body": "parent_or_carer",
        "records_description": "The mother's GP records since 2024",
        "holding_agency": str(partners.health.pk),
        "consent": "refused",
        "consent_note": "The mother refused; her records bear on the child's care",
        "lawful_basis": "Public interest: Working Together 2015, chapter 4, paragraphs 22 to 25",
        "decision": "disclose_in_part",
        "reasoning": "Only entries about her care of the child are necessary and proportionate",
    }
    data.update(changes)
    return data


def test_a_decision_without_reasoning_is_refused_either_way(client, partners):
    url = reverse("involvement:disclosure-new", args=[partners.case.reference])
    manager = sign_in(client, partners.manager)
    for decision in ("disclose", "withhold"):
        response = manager.post(url, answers(partners, decision=decision, reasoning="  "))
        assert response.status_code == 200
        assert "Enter the reasoning for this decision" in response.content.decode()
    assert not DisclosureDecision.objects.exists()
    with pytest.raises(DisclosureRefused):
        disclosure_decision_record(
            notification=partners.case,
            answers=DisclosureAnswers(
                records_body="child",
                records_description="",
                holding_agency=partners.health,
                consent="not_sought",
                consent_note="The child died",
                lawful_basis="Public interest",
                decision="disclose",
                reasoning="",
            ),
            by=partners.manager,
        )
    assert not DisclosureDecision.objects.exists()


def test_consent_refused_needs_its_why(client, partners):
    url = reverse("involvement:disclosure-new", args=[partners.case.reference])
    response = sign_in(client, partners.manager).post(url, answers(partners, consent_note=""))
    assert "Enter why consent was refused or not sought" in response.content.decode()
    assert not DisclosureDecision.objects.exists()


def test_a_decision_is_recorded_shown_to_the_lisg_and_chair_and_exported(client, partners):
    url = reverse("involvement:disclosure-new", args=[partners.case.reference])
    assert sign_in(client, partners.manager).post(url, answers(partners)).status_code == 302
    decision = DisclosureDecision.objects.get()
    assert (decision.decision, decision.decided_by) == ("disclose_in_part", partners.manager)
    assert TimelineEntry.objects.filter(kind="disclosure_decision.recorded").count() == 1
    assert AuditEvent.objects.filter(action="disclosure_decision.recorded").count() == 1
    client.logout()
    case_page = reverse("notifications:detail", args=[partners.case.reference])
    before_the_lisg(partners.case, partners.people[Role.LISG_MEMBER])
    for role in (Role.LISG_MEMBER, Role.INDEPENDENT_CHAIR):
        page = sign_in(client, partners.people[role]).get(case_page).content.decode()
        assert "necessary and proportionate" in page, role
        client.logout()
    notifier = sign_in(client, partners.people[Role.NOTIFIER]).get(case_page).content.decode()
    assert "necessary and proportionate" not in notifier
    client.logout()
    export = reverse("involvement:disclosure-export", args=[partners.case.reference])
    assert sign_in(client, partners.police_lead).get(export).status_code == 404
    client.logout()
    response = sign_in(client, partners.people[Role.INDEPENDENT_CHAIR]).get(export)
    content = streamed(response).decode("utf-8-sig")
    assert "Disclose in part" in content
    assert "necessary and proportionate" in content
    assert AuditEvent.objects.filter(action="disclosure_decisions.exported").count() == 1


def test_only_the_business_manager_records_a_decision(client, partners):
    url = reverse("involvement:disclosure-new", args=[partners.case.reference])
    chair = sign_in(client, partners.people[Role.INDEPENDENT_CHAIR])
    assert chair.post(url, answers(partners)).status_code == 404
    assert not DisclosureDecision.objects.exists()
