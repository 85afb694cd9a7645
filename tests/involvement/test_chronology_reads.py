"""A case whose merged chronology holds a thousand entries: each page that shows part of
it reads only the part it shows (docs/adr/0010-keyset-pagination.md) — the chronology
page (first, later, one agency's), its API, and the meeting pack's page.

Every query of those pages on the chronology is checked. PostgreSQL: EXPLAIN ANALYZE
counts the rows each reads (returned, and removed by a filter), which must stay within
two pages; before, the likely-duplicate check walked the whole case through the foreign
key's index and the pack read all thousand entries to sort them. SQLite: the plan must
read through one of the chronology's own indexes, with no sort of its own."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from casereviews.involvement import chronology
from casereviews.involvement.models import ChronologyEntry, InvolvementReturn
from tests.helpers import sign_in
from tests.involvement.test_chronology import _entry, answered
from tests.lisg import before_the_lisg

pytestmark = pytest.mark.django_db
TABLE = "involvement_chronologyentry"
ENTRIES_EACH = 500
# A page, the one row that says another follows, and the entries of its days.
MOST_ROWS = 2 * (chronology.PAGE_SIZE + 1)


@pytest.fixture
def thousand(partners) -> Any:
    """Two agencies' five hundred entries each, over three years of days."""
    for organisation, lead in (
        (partners.police, partners.police_lead),
        (partners.health, partners.health_lead),
    ):
        request = answered(partners, organisation, lead, _entry("2023-01-01", "First"))
        answer = InvolvementReturn.objects.get(request=request, state="submitted")
        ChronologyEntry.objects.bulk_create(
            ChronologyEntry(
                involvement_return=answer,
                notification=partners.case,
                organisation=organisation,
                current=True,
                date=datetime.date(2023, 1, 1) + datetime.timedelta(days=(n * 7 + 3) % 1100),
                what_happened=f"Seen at home by a practitioner, visit {n}",
                source="Record",
            )
            for n in range(ENTRIES_EACH - 1)
        )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")
    return partners


def _rows_read(plan: dict[str, Any]) -> int:
    own = 0
    if plan.get("Relation Name") == TABLE:
        own = plan.get("Actual Rows", 0) * plan.get("Actual Loops", 1)
        own += plan.get("Rows Removed by Filter", 0)
    return own + sum(_rows_read(child) for child in plan.get("Plans", []))


def _problems(sql: str, params: Any) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            read = _rows_read(cursor.fetchone()[0][0]["Plan"])
            return [f"{read} rows read: {sql[:160]}"] if read > MOST_ROWS else []
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " / ".join(str(row[-1]) for row in cursor.fetchall())
    own_index = re.search(r"INDEX merged_chronology_\w+ \(([^)]*)\)", plan)
    bounded_by_date = re.search(r'"date" (>|<|IN)', sql.split(" WHERE ", 1)[-1])
    if (
        own_index is None
        or "TEMP B-TREE" in plan
        # A query that names days must start the index range at them.
        or (bounded_by_date and "date" not in own_index.group(1))
    ):
        return [f"{plan}: {sql[:160]}"]
    return []


def _chronology_queries(get: Callable[[], Any]) -> list[str]:
    """Each query of the request on the chronology that reads more than a page allows."""
    seen: list[tuple[str, Any]] = []

    def keep(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith("SELECT") and f'"{TABLE}"' in sql:
            seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        response = get()
    assert response.status_code == 200
    assert seen, "the page read no chronology entry"
    return [problem for sql, params in seen for problem in _problems(sql, params)]


def _later_page(client: Client, url: str) -> str:
    """The address of the chronology's fifth page, followed from the first."""
    for _ in range(4):
        text = client.get(url).content.decode()
        url = url.split("?")[0] + "?after=" + re.findall(r"after=([^\"&]+)", text)[0]
    return url


PAGES: dict[str, Callable[[Any, Client], Callable[[], Any]]] = {
    "the chronology's first page": lambda case, client: (
        lambda: client.get(reverse("involvement:chronology", args=[case.case.reference]))
    ),
    # The pages before it are followed to reach it, and held to the same.
    "a later page of the chronology": lambda case, client: (
        lambda: client.get(
            _later_page(client, reverse("involvement:chronology", args=[case.case.reference]))
        )
    ),
    "one agency's page": lambda case, client: (
        lambda: client.get(
            reverse("involvement:chronology", args=[case.case.reference]),
            {"organisation": case.police.pk},
        )
    ),
    "the meeting pack's page of the case": lambda case, client: (
        lambda: client.get(
            reverse(
                "involvement:lisg-pack-case",
                args=[before_the_lisg(case.case).pk, case.case.reference],
            )
        )
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_page_of_a_thousand_entry_chronology_reads_only_the_page_it_shows(
    thousand, page: str
) -> None:
    client = sign_in(Client(), thousand.manager)
    assert _chronology_queries(PAGES[page](thousand, client)) == []


def test_the_pack_page_shows_the_chronology_s_first_page_and_links_to_the_rest(
    thousand,
) -> None:
    meeting = before_the_lisg(thousand.case)
    client = sign_in(Client(), thousand.manager)
    text = client.get(
        reverse("involvement:lisg-pack-case", args=[meeting.pk, thousand.case.reference])
    ).content.decode()
    assert text.count('<td class="govuk-table__cell">Record</td></tr>') == chronology.PAGE_SIZE
    assert "See the whole chronology" in text
