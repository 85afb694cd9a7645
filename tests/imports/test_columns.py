"""Every column of the import template reads by the one text rule (docs/adr/0021), and
its words are the models' own choices."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from casereviews.decisions.models import Methodology, ReviewType
from casereviews.imports import sheet
from casereviews.imports.columns import (
    ACTION_STATES,
    COLUMNS,
    DECISIONS,
    HEADERS,
    REVIEW_TYPES,
    STAGES,
)
from casereviews.notifications.models import Status
from casereviews.reviews.models import ActionStatus
from tests.frontend.test_hidden_characters import HOSTILE
from tests.imports.sheets import case_row, csv_file

pytestmark = pytest.mark.django_db

GOOD = case_row(
    "",
    decided="11/02/2019",
    stage="Review in progress",
    decision="CPIR",
    review_type="SILP",
    action=("Audit plans", "Thames Valley Police", "30/06/2030", "On track"),
)


def test_every_column_refuses_every_hidden_character_naming_its_row_and_column(partners) -> None:
    rows: list[list[str]] = []
    expected: list[tuple[int, str, str]] = []
    for index, (_, heading) in enumerate(COLUMNS):
        for text, kind in HOSTILE.values():
            row = list(GOOD)
            row[0] = f"R-{len(rows)}"
            row[index] = text
            rows.append(row)
            expected.append((len(rows) + 1, heading.split(" (")[0], kind))
    content = csv_file(rows).read()
    read = sheet.read_sheet("cases.csv", io.BytesIO(content), size=len(content))

    run = sheet.dry_run(partners, read, today=timezone.localdate())

    found = [(p.row, p.column, p.reason) for p in run.problems]
    assert [(row, column) for row, column, _ in found] == [(r, c) for r, c, _ in expected]
    for (_, _, reason), (_, _, kind) in zip(found, expected, strict=True):
        assert f"({kind})" in reason


def test_the_words_a_sheet_may_use_are_the_models_choices() -> None:
    assert set(STAGES.values()) - {"decided"} <= set(Status.values)
    assert set(DECISIONS.values()) == set(ReviewType.values)
    assert set(REVIEW_TYPES.values()) == set(Methodology.values) - {"none"}
    assert set(ACTION_STATES.values()) == set(ActionStatus.values)
    assert len(HEADERS) <= 20  # the upload bound on columns (ADR 0020)
