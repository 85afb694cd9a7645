"""The PDF of the submitted notification, for the case file."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from casereviews.audit.models import AuditEvent
from tests.notifications.helpers import fill_in, send
from tests.prepared_files.helpers import fetch_prepared

pytestmark = pytest.mark.django_db


def test_the_pdf_is_laid_out_like_the_form_and_its_download_audited(
    signed_in, client, notifier, business_manager
) -> None:
    mine = signed_in(notifier)
    notification = fill_in(mine)
    send(mine, notification)
    client.logout()
    url = reverse("notifications:pdf", args=["BF-2026-0001"])
    response = fetch_prepared(signed_in(business_manager), url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="BF-2026-0001.pdf"'
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for heading in (
        "BF-2026-0001",
        "Your details",
        "Consultation before notifying",
        "The incident",
        "Child 1",
        "What happened",
        "Abuse or neglect",
        "Family members and significant others",
        "Agencies involved",
        "Other processes under way",
    ):
        assert heading in text, heading
    event = AuditEvent.objects.get(action="notification.pdf_download")
    assert (event.actor, event.object_id) == (business_manager, str(notification.pk))
