"""A chronology upload is read within bounds set before the reading starts and checked
while it runs, in a child process with its own memory and CPU limits (docs/adr/0020):
each bomb the attack probe sent is refused with a message naming the bound, and the web
worker holds no more than the file and the answer."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bench import specimens
from casereviews.involvement import files
from casereviews.involvement.models import ChronologyEntry
from casereviews.involvement.services.requests import involvement_requests_send
from casereviews.uploads.spreadsheets import table_limits
from casereviews.uploads.tables import ENTITIES
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
# The web worker's own allocations while it refuses a bomb: the file, the answer and the
# page, never what the file would unpack to.
WORKER_BOUND = 32 * MB


@pytest.fixture
def asked(partners):
    (request,) = involvement_requests_send(
        notification=partners.case, organisations=[partners.health], by=partners.manager
    )
    return request


BOMBS = {
    # 5 MB of blank lines (29 s and 504 MB before).
    "blank lines.csv": (specimens.BLANK_LINES_CSV, "2,000 rows or fewer below the headings"),
    # A field over csv's own 131,072-character limit (a 500 before).
    "long field.csv": (specimens.LONG_FIELD_CSV, "each cell must have 2,000 characters"),
    "billion laughs.xlsx": (specimens.billion_laughs_xlsx(), ENTITIES),
    "unpacks to 100 MB.xlsx": (
        specimens.unpacking_bomb_xlsx(100 * MB),
        "The workbook unpacks to more than 10 MB",
    ),
    "styles.xlsx": (
        specimens.styles_bomb_xlsx(5 * MB),
        "The workbook's part xl/styles.xml unpacks to more than 1 MB",
    ),
    "every column.xlsx": (
        specimens.wide_dimension_xlsx(),
        "Row 2 has more than 20 columns: each row must have 20 or fewer",
    ),
    "too big.csv": (b"x" * (5 * MB + 1), "The file must be smaller than 5 MB"),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_each_bomb_is_refused_at_the_field_naming_its_bound(client, partners, asked, name):
    content, message = BOMBS[name]
    health = sign_in(client, partners.health_lead)
    tracemalloc.start()
    try:
        response = health.post(
            reverse("involvement:upload", args=[asked.pk]),
            {"file": SimpleUploadedFile(name, content)},
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-message"' in page
    assert message in page.replace("&#x27;", "'")
    assert not ChronologyEntry.objects.exists()
    assert peak < WORKER_BOUND + len(content) * 3


def test_a_file_that_needs_more_memory_than_the_child_may_use_is_refused(settings):
    """The child's memory is a limit the code enforces: a workbook within every other
    bound that needs more memory to read is refused, naming the limit."""
    settings.UPLOAD_PARSE_MEMORY_MB = 64
    content = specimens.shared_strings_xlsx(10 * MB)
    with pytest.raises(files.FileRefused, match=r"more than the service allows .*64 MB of memory"):
        files.read_upload(
            "many strings.xlsx", io.BytesIO(content), size=len(content), today=timezone.localdate()
        )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_at_every_bound_is_read(kind):
    """The worst file the bounds accept is read whole: 2,000 full rows."""
    limits = table_limits()
    if kind == "csv":
        content = specimens.worst_csv(limits, size=5 * MB)
    else:
        content = specimens.worst_xlsx(limits)
    entries, problems = files.read_upload(
        f"chronology.{kind}", io.BytesIO(content), size=len(content), today=timezone.localdate()
    )
    assert problems == []
    assert len(entries) > 1000
    assert {len(entry.what_happened) for entry in entries} == {limits.cell_characters}


def test_the_upload_page_says_the_bounds(client, partners, asked):
    health = sign_in(client, partners.health_lead)
    page = health.get(reverse("involvement:upload", args=[asked.pk])).content.decode()
    for bound in ("up to 5 MB", "2,000 rows", "20 columns", "2,000 characters", "10 MB"):
        assert bound in page
