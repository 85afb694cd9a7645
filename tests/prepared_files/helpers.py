"""Asking for a file the worker prepares, as a person would: follow the export link,
ask for the file, let the worker run, and download what the file's page then offers."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from casereviews.prepared.jobs import prepare_files
from casereviews.prepared.models import PreparedFile

ASK = "Prepare the file"


def ask_prepared(client: Client, url: str) -> Any:
    """Ask for the file behind an export link: the file asked for, or the answer that
    refused it (a refusal, "not found")."""
    page = client.get(url)
    if page.status_code != 200 or ASK not in page.content.decode():
        return page
    asked = client.post(url)
    match = re.fullmatch(r"/files/(\d+)/", asked.get("Location", ""))
    assert match, asked
    waiting = client.get(asked["Location"]).content.decode()
    assert "Your file is being prepared" in waiting
    assert "Check whether it is ready" in waiting
    return PreparedFile.objects.get(pk=match.group(1))


def fetch_prepared(client: Client, url: str) -> Any:
    """The file behind an export link, once the worker has prepared it; any other answer
    as it came."""
    asked = ask_prepared(client, url)
    if not isinstance(asked, PreparedFile):
        return asked
    prepare_files()
    asked.refresh_from_db()
    assert asked.state == PreparedFile.State.READY, asked.state
    download = reverse("prepared:download", args=[asked.pk])
    assert download in client.get(reverse("prepared:file", args=[asked.pk])).content.decode()
    got = client.get(download)
    if got.status_code != 200:
        return got
    response = HttpResponse(b"".join(got.streaming_content), status=200)  # type: ignore[attr-defined]
    for header in ("Content-Type", "Content-Disposition"):
        response[header] = got[header]
    return response
