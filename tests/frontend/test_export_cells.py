"""Every CSV and XLSX the service exports writes its cells through one rule
(`casereviews.frontend.text.export_cell`, docs/adr/0021): a hidden character stored before
the text rule is shown as U+FFFD and never breaks the file, and a cell a spreadsheet would
run as a formula is plain text. The modules that write spreadsheets are found in the code,
so a new export that writes cells its own way fails here."""

from __future__ import annotations

import csv
import io
import pathlib

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

import casereviews
from casereviews.audit.services import audit_record
from casereviews.boards.models import Organisation
from casereviews.frontend.text import export_cell
from casereviews.notifications.models import Status
from casereviews.reviews.actions import action_add
from tests.frontend.test_hidden_characters import HOSTILE
from tests.prepared_files.helpers import fetch_prepared
from tests.reviews.helpers import commissioned, involved_agency
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

# Modules that write spreadsheets but export nothing stored, each with the reason.
NOT_AN_EXPORT = {
    "uploads/specimens.py": "builds hostile upload specimens for the parser's tests",
    "frontend/text.py": "the rule itself",
}
WRITES_A_SPREADSHEET = ("csv.writer(", "Workbook(")


def test_every_module_that_writes_a_spreadsheet_writes_its_cells_through_the_rule():
    root = pathlib.Path(casereviews.__file__).parent
    writers = {
        str(path.relative_to(root)): path.read_text()
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        and any(call in path.read_text() for call in WRITES_A_SPREADSHEET)
    }
    assert {"involvement/files.py", "audit/exports.py", "learning/annual.py"} <= set(writers)
    own_way = [
        name
        for name, text in writers.items()
        if name not in NOT_AN_EXPORT and "export_cell(" not in text
    ]
    assert own_way == []


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_rule_shows_a_hidden_character_and_keeps_the_rest(case: str) -> None:
    text, _ = HOSTILE[case]
    cell = export_cell(text)
    assert "\ufffd" in cell
    assert cell.replace("\ufffd", "") == "".join(c for c in text if c in cell)


def test_the_audit_trails_csv_shows_hidden_characters_stored_before_the_rule(
    board, business_manager, signed_in
):
    for text, _ in HOSTILE.values():
        audit_record(action=f"={text}", actor=business_manager, board=board)
    response = signed_in(business_manager).get(reverse("audit:export"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    actions = [row[5] for row in rows[1:] if row[5].startswith("'=")]
    assert len(actions) == len(HOSTILE)
    assert all("\ufffd" in action for action in actions)
    assert not any("\x07" in action or "\u202e" in action for action in actions)


@pytest.mark.parametrize("file_type", ["csv", "xlsx", "pdf"])
def test_the_annual_report_exports_with_hidden_characters_stored(
    board, business_manager, signed_in, file_type
):
    """An action's owner agency, named with a bell and an override before the rule: every
    format of the annual report, which counts actions by agency, still answers, the
    spreadsheets with U+FFFD in their place."""
    people = staff(board)
    case = commissioned(board, people, status=Status.ACTIONS_MONITORED)
    agency = involved_agency(board)
    Organisation.objects.filter(pk=agency.pk).update(name="Thames\x07 Valley\u202e Police")
    action_add(
        notification=case,
        by=business_manager,
        recommendation_number=1,
        recommendation_text="Agencies share information at strategy meetings",
        description="Train every duty team in information sharing",
        owner_agency=agency,
        owner_name="Head of safeguarding",
        due_on=timezone.localdate(),
    )
    year = timezone.localdate().year
    url = reverse("learning:annual-report-export", args=[file_type]) + f"?year={year}"
    response = fetch_prepared(signed_in(business_manager), url)
    assert response.status_code == 200
    if file_type == "pdf":
        assert response.content.startswith(b"%PDF")
        return
    if file_type == "csv":
        cells = [
            cell
            for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
            for cell in row
        ]
    else:
        workbook = load_workbook(io.BytesIO(response.content))
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
        ]
    assert "Thames\ufffd Valley\ufffd Police" in cells
    assert not any("\x07" in cell or "\u202e" in cell for cell in cells)
