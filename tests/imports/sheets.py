"""Sheets for the import tests, built by the test code as a board would fill the template."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.core.files.uploadedfile import SimpleUploadedFile

from casereviews.imports.columns import HEADERS


def csv_file(rows: Iterable[Sequence[str]], name: str = "cases.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def case_row(
    reference: str,
    *,
    notified: str = "14/01/2019",
    decided: str = "",
    child: str = "Alex Example",
    born: str = "03/05/2012",
    agency: str = "Thames Valley Police",
    stage: str = "Submitted",
    decision: str = "",
    review_type: str = "",
    published: str = "",
    action: Sequence[str] = ("", "", "", ""),
) -> list[str]:
    return [
        reference,
        notified,
        decided,
        child,
        born,
        agency,
        stage,
        decision,
        review_type,
        published,
        *action,
    ]


def action_row(reference: str, action: Sequence[str]) -> list[str]:
    return [reference, *[""] * 9, *action]


def many_rows(count: int, *, prefix: str = "OLD") -> list[list[str]]:
    """`count` cases of every stage, a third of them with actions."""
    rows = []
    for n in range(count):
        kind = n % 4
        reference = f"{prefix}-{n:05d}"
        day = f"{n % 28 + 1:02d}/{n % 12 + 1:02d}/2019"
        if kind == 0:
            rows.append(
                case_row(reference, notified=day, child=f"Child {n}", stage="Under consideration")
            )
        elif kind == 1:
            rows.append(
                case_row(
                    reference,
                    notified=day,
                    child=f"Child {n}",
                    stage="Closed",
                    decided=day,
                    decision="No review",
                )
            )
        elif kind == 2:
            rows.append(
                case_row(
                    reference,
                    notified=day,
                    child=f"Child {n}",
                    stage="Review in progress",
                    decided=day,
                    decision="CPIR",
                    review_type="SILP",
                )
            )
        else:
            rows.append(
                case_row(
                    reference,
                    notified=day,
                    child=f"Child {n}",
                    stage="Actions monitored",
                    decided=day,
                    decision="SCR",
                    review_type="SILP",
                    published="01/06/2020",
                    action=("Audit early help", "Thames Valley Police", "31/03/2021", "Complete"),
                )
            )
            rows.append(
                action_row(
                    reference,
                    (
                        "Train staff",
                        "Frimley Health NHS Foundation Trust",
                        "30/06/2021",
                        "On track",
                    ),
                )
            )
    return rows
