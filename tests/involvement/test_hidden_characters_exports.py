"""Text stored before the text rule (docs/adr/0021) never breaks an export: a BEL in an
agency's chronology once made the merged chronology's XLSX answer 500 for everyone. Every
format is exported with every hidden kind stored; each answers, with U+FFFD where a
hidden character was."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.frontend.test_hidden_characters import HOSTILE
from tests.helpers import sign_in
from tests.involvement.test_chronology import _entry, answered
from tests.prepared_files.helpers import fetch_prepared

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(partners):
    """Entries saved straight through the service, as they were before the rule."""
    entries = [
        _entry(f"2026-01-{day:02d}", f"Visit {text}")
        for day, (text, _) in enumerate(HOSTILE.values(), start=1)
    ]
    answered(partners, partners.police, partners.police_lead, *entries)
    return partners


@pytest.mark.parametrize("file_type", ["csv", "xlsx", "pdf"])
def test_every_export_answers_with_hidden_characters_stored(client, stored, file_type):
    manager = sign_in(client, stored.manager)
    url = reverse("involvement:chronology-export", args=[stored.case.reference, file_type])
    response = fetch_prepared(manager, url)
    assert response.status_code == 200
    if file_type == "csv":
        content = response.content.decode("utf-8-sig")
        cells = [row[4] for row in csv.reader(io.StringIO(content))][1:]
    elif file_type == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        cells = [str(row[4]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    else:
        assert response.content.startswith(b"%PDF")
        return
    assert len(cells) == len(HOSTILE)
    assert all("\ufffd" in cell for cell in cells)
    assert not any("\x07" in cell or "\u202e" in cell for cell in cells)
