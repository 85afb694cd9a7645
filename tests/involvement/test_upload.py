"""A chronology uploaded as CSV or XLSX from the template: checked row by row, every bad
row named with its number and reason, nothing imported until the whole file is good."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from casereviews.audit.models import AuditEvent
from casereviews.involvement.entries import HEADERS
from casereviews.involvement.models import ChronologyEntry
from casereviews.involvement.services.requests import involvement_requests_send
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(partners):
    (request,) = involvement_requests_send(
        notification=partners.case, organisations=[partners.health], by=partners.manager
    )
    return request


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


GOOD = ("05/01/2026", "09:15", "no", "Health visitor home visit", "Health visitor", "HV record")
BAD_DATE = ("31/02/2026", "", "", "Missed appointment", "", "GP record")
NO_SOURCE = ("12/02/2026", "", "maybe", "Seen at A&E", "", "")


def upload(client, asked, name: str, content: bytes):
    return client.post(
        reverse("involvement:upload", args=[asked.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_every_bad_row_is_named_and_nothing_is_imported(client, partners, asked):
    health = sign_in(client, partners.health_lead)
    response = upload(health, asked, "chronology.xlsx", xlsx([GOOD, BAD_DATE, NO_SOURCE]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "2 rows have a problem: nothing was imported" in text
    assert "Row 3" in text
    assert "is not a real date" in text
    assert "Row 4" in text
    assert "Approximate date must be yes or no" in text
    assert "Enter the source record" in text
    assert "Row 2" not in text
    assert not ChronologyEntry.objects.exists()


def test_a_corrected_file_is_imported_whole(client, partners, asked):
    health = sign_in(client, partners.health_lead)
    upload(health, asked, "chronology.xlsx", xlsx([GOOD, BAD_DATE]))
    fixed = ("28/02/2026", "", "yes", "Missed appointment", "", "GP record")
    response = upload(health, asked, "chronology.xlsx", xlsx([GOOD, fixed]))
    assert response.status_code == 302
    entries = list(ChronologyEntry.objects.order_by("date"))
    assert [(e.date.isoformat(), e.approximate, e.source) for e in entries] == [
        ("2026-01-05", False, "HV record"),
        ("2026-02-28", True, "GP record"),
    ]
    assert entries[0].time is not None
    assert f"{entries[0].time:%H:%M}" == "09:15"
    audit = AuditEvent.objects.get(action="chronology.imported")
    assert audit.detail["entries"] == 2


def test_a_csv_from_the_template_is_read_too(client, partners, asked):
    health = sign_in(client, partners.health_lead)
    template = health.get(reverse("involvement:template", args=[asked.pk, "csv"]))
    assert template.status_code == 200
    content = template.content.decode("utf-8-sig") + "06/01/2026,,,Phone call to mother,,Call log\n"
    response = upload(health, asked, "mine.csv", content.encode())
    assert response.status_code == 302
    assert ChronologyEntry.objects.count() == 2


def test_the_xlsx_template_has_the_headings(client, partners, asked):
    health = sign_in(client, partners.health_lead)
    response = health.get(reverse("involvement:template", args=[asked.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(HEADERS)


def test_a_file_that_is_not_a_chronology_is_refused_at_the_field(client, partners, asked):
    health = sign_in(client, partners.health_lead)
    wrong = upload(health, asked, "notes.docx", b"PK\x03\x04")
    assert "The file must be a CSV or an Excel workbook" in wrong.content.decode()
    headless = upload(health, asked, "chronology.csv", b"date,what\n01/01/2026,x\n")
    assert "The first row must be the template" in headless.content.decode()
    broken = upload(health, asked, "chronology.xlsx", b"not a workbook")
    assert "must be an Excel workbook" in broken.content.decode()
    assert not ChronologyEntry.objects.exists()
