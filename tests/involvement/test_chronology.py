"""The merged multi-agency chronology: one timeline in date order, labelled by agency,
filterable, likely duplicates flagged, paged by keyset; exports with formula cells
neutralised; every view and export audited; need to know."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.involvement import chronology
from casereviews.involvement.entries import EntryData
from casereviews.involvement.models import ChronologyShare
from casereviews.involvement.services.requests import involvement_requests_send
from casereviews.involvement.services.returns import (
    chronology_import,
    involvement_return_save,
    involvement_return_submit,
)
from tests.helpers import sign_in
from tests.lisg import before_the_lisg
from tests.prepared_files.helpers import fetch_prepared

pytestmark = pytest.mark.django_db


def _entry(day: str, what: str, time: str = "") -> EntryData:
    return EntryData(
        datetime.date.fromisoformat(day),
        datetime.time.fromisoformat(time) if time else None,
        False,
        what,
        "Officer",
        "Record",
    )


def answered(partners, organisation, lead, *entries: EntryData):
    (request,) = involvement_requests_send(
        notification=partners.case, organisations=[organisation], by=partners.manager
    )
    involvement_return_save(
        involvement_request=request,
        by=lead,
        involvement="involved",
        records_searched="",
        summary="Known to us",
    )
    chronology_import(involvement_request=request, by=lead, entries=entries, file_name="c.csv")
    involvement_return_submit(involvement_request=request, by=lead)
    return request


@pytest.fixture
def merged(partners):
    answered(
        partners,
        partners.police,
        partners.police_lead,
        _entry("2026-03-02", "Domestic abuse call-out to the family home", "22:10"),
        _entry("2026-01-10", '=HYPERLINK("http://evil.example","click")'),
    )
    answered(
        partners,
        partners.health,
        partners.health_lead,
        _entry("2026-02-01", "+44 health visitor phone call"),
        _entry("2026-03-02", "Domestic abuse call out to the family home reported"),
        _entry("2026-03-02", "Routine weighing at clinic", "09:00"),
    )
    return partners


def test_one_timeline_in_date_order_labelled_by_agency(client, merged):
    page = sign_in(client, merged.manager).get(
        reverse("involvement:chronology", args=[merged.case.reference])
    )
    text = page.content.decode()
    order = [
        text.index("HYPERLINK"),
        text.index("+44 health visitor"),
        # An entry without a time comes first on its day.
        text.index("Domestic abuse call out to the family home reported"),
        text.index("Routine weighing"),
        text.index("Domestic abuse call-out to the family home"),
    ]
    assert order == sorted(order)
    assert text.count("Thames Valley Police") >= 2
    assert text.count("Possible duplicate") == 2
    assert AuditEvent.objects.filter(action="chronology.read", actor=merged.manager).count() == 1


def test_filter_by_agency_and_period(merged):
    police = chronology.ChronologyFilter(organisation=merged.police.pk)
    rows = chronology.chronology_page(merged.case, police).rows
    assert {row["organisation__name"] for row in rows} == {"Thames Valley Police"}
    spring = chronology.ChronologyFilter(
        start=datetime.date(2026, 2, 1), end=datetime.date(2026, 2, 28)
    )
    assert [r["what_happened"] for r in chronology.chronology_page(merged.case, spring).rows] == [
        "+44 health visitor phone call"
    ]


def test_pages_follow_on_by_keyset_without_repeating(merged, monkeypatch):
    monkeypatch.setattr(chronology, "PAGE_SIZE", 2)
    seen = []
    after = ""
    while True:
        page = chronology.chronology_page(merged.case, chronology.ChronologyFilter(), after)
        seen += [row["id"] for row in page.rows]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert len(seen) == len(set(seen)) == 5


def test_csv_and_xlsx_exports_neutralise_formula_cells_and_are_audited(client, merged):
    manager = sign_in(client, merged.manager)
    url = reverse("involvement:chronology-export", args=[merged.case.reference, "csv"])
    content = fetch_prepared(manager, url).content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Date", "Time", "Approximate date", "Agency"]
    cells = [row[4] for row in rows[1:]]
    assert cells[0] == '\'=HYPERLINK("http://evil.example","click")'
    assert cells[1] == "'+44 health visitor phone call"
    url = reverse("involvement:chronology-export", args=[merged.case.reference, "xlsx"])
    sheet = load_workbook(io.BytesIO(fetch_prepared(manager, url).content)).worksheets[0]
    values = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values[0] == '\'=HYPERLINK("http://evil.example","click")'
    assert values[1] == "'+44 health visitor phone call"
    assert sheet.cell(row=2, column=5).data_type == "s"
    exports = AuditEvent.objects.filter(action__startswith="chronology.exported")
    assert sorted(exports.values_list("action", flat=True)) == [
        "chronology.exported.csv",
        "chronology.exported.xlsx",
    ]


def test_the_pdf_export_is_a_pdf(client, merged):
    url = reverse("involvement:chronology-export", args=[merged.case.reference, "pdf"])
    response = fetch_prepared(sign_in(client, merged.manager), url)
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="chronology.exported.pdf").count() == 1


def test_an_agency_sees_no_chronology_until_the_business_manager_shares_it(client, merged):
    """Need to know: agency A gets not found for the merged chronology (page and export)
    until it is shared with it; the sharing is recorded and audited."""
    school = sign_in(client, merged.school_lead)
    page = reverse("involvement:chronology", args=[merged.case.reference])
    export = reverse("involvement:chronology-export", args=[merged.case.reference, "csv"])
    assert school.get(page).status_code == 404
    assert school.get(export).status_code == 404
    client.logout()
    manager = sign_in(client, merged.manager)
    share = reverse("involvement:share", args=[merged.case.reference])
    assert manager.post(share, {"organisations": [str(merged.school.pk)]}).status_code == 302
    assert ChronologyShare.objects.get().organisation == merged.school
    assert AuditEvent.objects.filter(action="chronology.shared").count() == 1
    client.logout()
    school = sign_in(client, merged.school_lead)
    assert school.get(page).status_code == 200
    # Sharing with the school does not show it to the other agencies' leads.
    client.logout()
    assert sign_in(client, merged.police_lead).get(page).status_code == 404


def test_the_lisg_and_the_chair_see_the_chronology_and_others_do_not(client, merged):
    page = reverse("involvement:chronology", args=[merged.case.reference])
    # A LISG member sees the case through a meeting that has it on its agenda (ADR 0011).
    before_the_lisg(merged.case, merged.people[Role.LISG_MEMBER])
    for role, expected in (
        (Role.LISG_MEMBER, 200),
        (Role.INDEPENDENT_CHAIR, 200),
        (Role.NOTIFIER, 404),
    ):
        client.logout()
        assert sign_in(client, merged.people[role]).get(page).status_code == expected, role
