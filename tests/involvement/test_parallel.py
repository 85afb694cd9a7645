"""Parallel processes (Procedure A 5): seeded from the notifier's answers when the case is
verified; the register with its status, lead, CPS guidance and flags; the liaison log;
the LISG's agreement on the most appropriate procedure; regulators told."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.involvement.models import (
    ParallelProcess,
    ParallelProcessLiaison,
    ProcedureAgreement,
    RegulatorNotification,
)
from casereviews.notifications.models import Status
from tests.factories import NotificationFactory, moved
from tests.helpers import sign_in
from tests.lisg import before_the_lisg

pytestmark = pytest.mark.django_db


def test_the_register_is_seeded_from_the_notifiers_answers_at_verification(partners):
    case = NotificationFactory.create(
        board=partners.board,
        notifier=partners.people[Role.NOTIFIER],
        status=Status.SUBMITTED,
        criteria_facts={
            "coroner_inquest": True,
            "domestic_homicide": True,
            "mappa_offender": False,
        },
    )
    moved(case, "verify", partners.manager)
    seeded = ParallelProcess.objects.filter(notification=case)
    assert sorted(seeded.values_list("kind", flat=True)) == ["coroner_inquest", "dhr"]
    assert all(p.from_notification for p in seeded)


def test_the_business_manager_keeps_the_register_and_its_liaison_log(client, partners):
    manager = sign_in(client, partners.manager)
    reference = partners.case.reference
    response = manager.post(
        reverse("involvement:parallel-new", args=[reference]),
        {
            "kind": "police_investigation",
            "status": "under_way",
            "lead_contact": "DI Sam Jones, Senior Investigating Officer",
            "cps_guidance_considered": "on",
            "affects_family_contact": "on",
        },
    )
    assert response.status_code == 302
    process = ParallelProcess.objects.get()
    assert (process.cps_guidance_considered, process.affects_family_contact) == (True, True)
    assert process.affects_publication is False
    liaison = manager.post(
        reverse("involvement:parallel-liaison", args=[reference, process.pk]),
        {
            "on_day": "27",
            "on_month": "11",
            "on_year": "2026",
            "with_whom": "DI Sam Jones",
            "note": "No contact with the family until the suspect is interviewed",
        },
    )
    assert liaison.status_code == 302
    assert ParallelProcessLiaison.objects.get().with_whom == "DI Sam Jones"
    page = manager.get(reverse("involvement:parallel", args=[reference])).content.decode()
    assert "No contact with the family until the suspect is interviewed" in page
    assert AuditEvent.objects.filter(action="parallel_process.liaison").count() == 1
    assert AuditEvent.objects.filter(action="parallel_processes.read").count() == 1


def test_the_lisg_agrees_the_procedure_and_the_business_manager_may_not(client, partners):
    url = reverse("involvement:procedure-agreement", args=[partners.case.reference])
    data = {
        "procedure": "scr_alongside_dhr",
        "reasoning": "The DHR will not analyse the safeguarding of the child",
    }
    assert sign_in(client, partners.manager).post(url, data).status_code == 404
    client.logout()
    before_the_lisg(partners.case, partners.people[Role.LISG_MEMBER])
    assert sign_in(client, partners.people[Role.LISG_MEMBER]).post(url, data).status_code == 302
    assert ProcedureAgreement.objects.get().procedure == "scr_alongside_dhr"
    assert AuditEvent.objects.filter(action="procedure_agreement.recorded").count() == 1


def test_an_agencys_notification_to_its_regulator_is_recorded(client, partners):
    url = reverse("involvement:regulator-new", args=[partners.case.reference])
    response = sign_in(client, partners.manager).post(
        url,
        {
            "organisation": str(partners.health.pk),
            "regulator": "Care Quality Commission",
            "notified_on_day": "20",
            "notified_on_month": "11",
            "notified_on_year": "2026",
        },
    )
    assert response.status_code == 302
    assert RegulatorNotification.objects.get().regulator == "Care Quality Commission"


def test_an_agency_lead_does_not_see_the_register(client, partners):
    url = reverse("involvement:parallel", args=[partners.case.reference])
    assert sign_in(client, partners.police_lead).get(url).status_code == 404
