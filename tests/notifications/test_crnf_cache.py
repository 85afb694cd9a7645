"""The case page keeps a submitted case's drawn CRNF A by its version
(casereviews/notifications/crnf_cache.py): every change to the case's children, family,
answers and documents makes a new version, so the page shows it at once; a reader who
may not see the case never sees the kept fragment; each case shows its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from casereviews.boards.models import Role
from casereviews.notifications.attachments import attachment_add, attachment_remove
from casereviews.notifications.models import Child, Notification, Status
from casereviews.notifications.services import (
    child_remove,
    child_save,
    family_member_remove,
    family_member_save,
    notification_answer,
)
from tests.factories import BoardFactory, person
from tests.helpers import sign_in
from tests.notifications.helpers import CHILD_NAME, child_answers, fill_in, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _submitted(notifier, **child: str) -> Notification:
    client = sign_in(Client(), notifier)
    case = fill_in(client, child=child_answers(**child) if child else None)
    send(client, case)
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    return case


def _page(client: Client, case: Notification) -> str:
    response = client.get(reverse("notifications:detail", args=[case.reference]))
    assert response.status_code == 200
    return response.content.decode()


def _child_fields(child: Child, **changes: object) -> dict[str, object]:
    fields = {
        f.name: getattr(child, f.name)
        for f in Child._meta.concrete_fields
        if f.name not in {"id", "notification"}
    }
    return {**fields, **changes}


def test_the_page_keeps_the_drawn_crnf_until_the_version_changes(notifier, business_manager):
    case = _submitted(notifier)
    manager = sign_in(Client(), business_manager)
    assert CHILD_NAME in _page(manager, case)
    # Written behind the services' back (no service does this): the kept fragment stays.
    Child.objects.filter(notification=case).update(full_name="Written Behind")
    assert CHILD_NAME in _page(manager, case)
    assert "Written Behind" not in _page(manager, case)


def test_every_change_to_a_submitted_cases_crnf_makes_a_new_version(notifier, business_manager):
    case = _submitted(notifier)
    manager = sign_in(Client(), business_manager)
    _page(manager, case)  # drawn and kept
    # Returned for more information, the notifier changes every part of it.
    Notification.objects.filter(pk=case.pk).update(status=Status.RETURNED_FOR_INFORMATION)
    case.refresh_from_db()
    child = case.children.get()
    upload = SimpleUploadedFile("body-map.pdf", b"%PDF-1.4\n%%EOF\n")
    changes: list[tuple[str, Callable[[], Any], str]] = [
        (
            "a child changed",
            lambda: child_save(
                notification=case,
                answers=_child_fields(child, full_name="Amelia Renamed"),
                child=child,
                by=notifier,
            ),
            "Amelia Renamed",
        ),
        (
            "a child added",
            lambda: child_save(
                notification=case, answers=_child_fields(child, full_name="Zara Quill"), by=notifier
            ),
            "Zara Quill",
        ),
        (
            "a family member added",
            lambda: family_member_save(
                notification=case,
                answers={"full_name": "Dana Quill", "relationship": "Aunt"},
                by=notifier,
            ),
            "Dana Quill",
        ),
        (
            "an answer changed",
            lambda: notification_answer(
                notification=case,
                slug="what-happened",
                answers={"what_happened": "Found at the foot of the stairs."},
                by=notifier,
            ),
            "Found at the foot of the stairs.",
        ),
        (
            "a document added",
            lambda: attachment_add(
                notification=case, upload=upload, content_type="application/pdf", by=notifier
            ),
            "body-map.pdf",
        ),
    ]
    for name, change, shown in changes:
        before = case.version
        assert shown not in _page(manager, case), name
        change()
        case.refresh_from_db()
        assert case.version == before + 1, name
        assert shown in _page(manager, case), name
    removals: list[tuple[str, Callable[[], Any], str]] = [
        (
            "the document removed",
            lambda: attachment_remove(
                notification=case, attachment=case.attachments.get(), by=notifier
            ),
            "body-map.pdf",
        ),
        (
            "the family member removed",
            lambda: family_member_remove(
                notification=case, member=case.family_members.get(), by=notifier
            ),
            "Dana Quill",
        ),
        (
            "a child removed",
            lambda: child_remove(
                notification=case,
                child=case.children.get(full_name="Zara Quill"),
                by=notifier,
            ),
            "Zara Quill",
        ),
    ]
    for name, change, gone in removals:
        before = case.version
        assert gone in _page(manager, case), name
        change()
        case.refresh_from_db()
        assert case.version == before + 1, name
        assert gone not in _page(manager, case), name


def test_a_reader_who_may_not_see_the_case_never_sees_the_kept_fragment(
    notifier, business_manager, board
):
    case = _submitted(notifier)
    other = _submitted(notifier, full_name="Olivia Other")
    manager = sign_in(Client(), business_manager)
    assert CHILD_NAME in _page(manager, case)
    # Each case shows its own, kept apart.
    shown = _page(manager, other)
    assert "Olivia Other" in shown
    assert CHILD_NAME not in shown
    assert CHILD_NAME in _page(manager, case)
    url = reverse("notifications:detail", args=[case.reference])
    outsiders = [
        person(BoardFactory.create(), Role.BUSINESS_MANAGER),  # another board's
        person(board, Role.AGENCY_LEAD),  # an agency the case has not asked
    ]
    for outsider in outsiders:
        response = sign_in(Client(), outsider).get(url)
        assert response.status_code == 404
        assert CHILD_NAME not in response.content.decode()
