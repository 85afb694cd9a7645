"""A file the worker prepares, downloaded in the browser as a person would: on the file's
"Prepare the file" page, ask for it, let the worker run, check again, and download it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from casereviews.prepared.jobs import prepare_files


def download_prepared(page: Page) -> bytes:
    page.get_by_role("button", name="Prepare the file").click()
    expect(page.get_by_text("Your file is being prepared")).to_be_visible()
    prepare_files()
    page.get_by_role("link", name="Check whether it is ready").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download ")).click()
    return download.value.path().read_bytes()
