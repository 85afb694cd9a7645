"""The Business Manager asks every partner agency at once (Procedure A 4(i)); each asked
agency's leads are e-mailed a reference and a link, never the child's identity."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Organisation, Role, RoleGrant
from casereviews.deadlines.models import Deadline
from casereviews.decisions.models import InvolvementRequest
from casereviews.outbox.jobs import deliver_outbox
from casereviews.outbox.models import OutboxEmail
from casereviews.workflow.models import TimelineEntry
from tests.helpers import sign_in
from tests.involvement.conftest import CHILD, PARENT

pytestmark = pytest.mark.django_db


def _ask_url(partners) -> str:
    return reverse("decisions:involvement-request", args=[partners.case.reference])


def test_every_partner_is_preselected_with_the_notifiers_agencies_first(client, partners):
    page = sign_in(client, partners.manager).get(_ask_url(partners)).content.decode()
    health = page.index("Frimley Health NHS Foundation Trust")
    assert health < page.index("Crown Wood Primary School") < page.index("Thames Valley Police")
    assert page.count('type="checkbox"') == 3
    assert page.count(" checked>") == 3


def test_asking_all_partners_writes_each_request_deadline_and_email(
    client, partners, mailbox
) -> None:
    """One post asks the three agencies: a request, a deadline and an e-mail each, one
    timeline entry and audit event each; the e-mails (sent over real SMTP) carry the
    reference and the link to the agency's own page, and nothing of the child."""
    response = sign_in(client, partners.manager).post(
        _ask_url(partners),
        {
            "version": "1",
            "organisations": [
                str(o.pk) for o in (partners.police, partners.health, partners.school)
            ],
            "working_days": "10",
        },
    )
    assert response.status_code == 302
    asked = InvolvementRequest.objects.filter(notification=partners.case)
    assert asked.count() == 3
    assert Deadline.objects.filter(rule_code="agency_return_due", state="open").count() == 3
    assert TimelineEntry.objects.filter(kind="involvement_request.sent").count() == 3
    assert AuditEvent.objects.filter(action="involvement_request.send").count() == 3
    assert deliver_outbox() == 3
    by_address = {message["To"]: message for message in mailbox.messages}
    assert set(by_address) == {
        partners.police_lead.email,
        partners.health_lead.email,
        partners.school_lead.email,
    }
    police_request = asked.get(organisation=partners.police)
    police_email = by_address[partners.police_lead.email]
    body = police_email.get_payload(decode=True).decode()
    assert partners.case.reference in police_email["Subject"]
    assert reverse("involvement:request", args=[police_request.pk]) in body
    for message in mailbox.messages:
        text = message["Subject"] + message.get_payload(decode=True).decode()
        for identity in (CHILD, "Kacey", "Hollins", PARENT, "Larch Avenue", "2025", "9 April"):
            assert identity not in text


def test_only_the_business_manager_asks(client, partners) -> None:
    lisg = sign_in(client, partners.people[Role.LISG_MEMBER])
    data = {"version": "1", "organisations": [str(partners.police.pk)], "working_days": "10"}
    assert lisg.post(_ask_url(partners), data).status_code == 404
    assert not InvolvementRequest.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_asking_nobody_is_refused_at_the_field(client, partners) -> None:
    response = sign_in(client, partners.manager).post(
        _ask_url(partners), {"version": "1", "working_days": "10"}
    )
    assert response.status_code == 200
    assert "Select at least one agency to ask" in response.content.decode()
    assert not InvolvementRequest.objects.exists()


def test_an_unregistered_agency_is_added_and_its_lead_invited_without_the_case(
    client, partners, mailbox
) -> None:
    """A GP surgery the notifier typed in: it becomes a partner, its lead gets an account
    (agency lead in this board) and an invitation to set a password and a second factor.
    The invitation names neither the case nor the child."""
    url = reverse("involvement:agency-add", args=[partners.case.reference])
    response = sign_in(client, partners.manager).post(
        url,
        {
            "name": "Crown Wood Medical Centre",
            "organisation_type": "health",
            "lead_name": "Dr Ada Okafor",
            "lead_email": "ada.okafor@crownwood.example.nhs.uk",
        },
    )
    assert response.status_code == 302
    surgery = Organisation.objects.get(name="Crown Wood Medical Centre")
    assert partners.board.partners.filter(pk=surgery.pk).exists()
    lead = User.objects.get(email="ada.okafor@crownwood.example.nhs.uk")
    assert (lead.organisation, lead.has_usable_password()) == (surgery, False)
    assert RoleGrant.objects.filter(user=lead, board=partners.board, role=Role.AGENCY_LEAD).exists()
    assert AuditEvent.objects.filter(action="involvement.agency_added").count() == 1
    assert deliver_outbox() == 1
    (invitation,) = mailbox.messages
    text = invitation["Subject"] + invitation.get_payload(decode=True).decode()
    # The link is the account set-up link: it sets a password for this person only.
    link = re.search(r"/account/password-reset/(?P<uid>[^/\s]+)/(?P<token>\S+)", text)
    assert link is not None
    assert default_token_generator.check_token(lead, link["token"])
    for secret in (partners.case.reference, CHILD, "Kacey", "Larch Avenue"):
        assert secret not in text
    # The new agency is now offered on the page that asks the partners.
    page = client.get(_ask_url(partners)).content.decode()
    assert "Crown Wood Medical Centre" in page


def test_an_agency_already_registered_is_not_added_twice(client, partners) -> None:
    url = reverse("involvement:agency-add", args=[partners.case.reference])
    response = sign_in(client, partners.manager).post(
        url,
        {
            "name": "thames valley police",
            "organisation_type": "police",
            "lead_name": "Someone",
            "lead_email": "someone@tvp.example.org",
        },
    )
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert not User.objects.filter(email="someone@tvp.example.org").exists()
