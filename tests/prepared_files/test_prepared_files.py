"""Files prepared by the worker (casereviews/prepared, ADR 0036): asked for from the
export link, prepared once however often and however many workers, offered on their
page to their reader alone when ready, their download audited through the policy, kept
a while and then deleted. The annual report stands for every kind; each kind's own
content is tested with its feature. Real database (SQLite and PostgreSQL), real threads."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role, RoleGrant
from casereviews.learning import prepared as annual_files
from casereviews.prepared.jobs import prepare_files, prepared_claim
from casereviews.prepared.kinds import Built
from casereviews.prepared.models import PreparedFile
from casereviews.prepared.services import prepared_request, prepared_store
from casereviews.storage import stored_names
from tests.factories import person
from tests.helpers import at_once, sign_in

YEAR = timezone.localdate().year
URL = reverse("learning:annual-report-export", args=["csv"]) + f"?year={YEAR}"
State = PreparedFile.State


def _params(board) -> dict[str, object]:
    return {"board": board.pk, "year": YEAR, "format": "csv"}


def _asked(client: Client) -> str:
    asked = client.post(URL)
    assert asked.status_code == 302
    return asked["Location"]


@pytest.mark.django_db
def test_the_file_is_offered_when_ready_to_its_reader_alone(board, business_manager) -> None:
    manager = sign_in(Client(), business_manager)
    ask = manager.get(URL)
    assert "Prepare the file" in ask.content.decode()
    assert not PreparedFile.objects.exists()  # looking at the link prepares nothing

    page_url = _asked(manager)
    prepared = PreparedFile.objects.get()
    download = reverse("prepared:download", args=[prepared.pk])
    waiting = manager.get(page_url).content.decode()
    assert "Your file is being prepared" in waiting
    assert f'href="{page_url}">Check whether it is ready' in waiting  # without JavaScript
    assert download not in waiting
    assert manager.get(download).status_code == 404
    # Asked again while it is being prepared: the same file, and the link says so.
    assert _asked(manager) == page_url
    assert "already being prepared" in manager.get(URL).content.decode()
    assert PreparedFile.objects.count() == 1

    assert prepare_files() == 1
    ready = manager.get(page_url).content.decode()
    assert "Your file is ready" in ready
    assert download in ready
    assert "Check whether it is ready" not in ready
    got = manager.get(download)
    assert got.status_code == 200
    assert got["Content-Disposition"] == f'attachment; filename="annual-report-BF-{YEAR}.csv"'
    content = b"".join(got.streaming_content)  # type: ignore[attr-defined]
    assert content.decode("utf-8-sig").startswith(f"{board.name}: annual report {YEAR}")
    exported = AuditEvent.objects.get(action="annual_report.exported.csv")
    assert (exported.actor, exported.detail) == (business_manager, {"year": YEAR, "reviews": 0})

    # The Chair of the same board, who may see the same figures, is told "not found".
    the_chair = person(board, Role.INDEPENDENT_CHAIR)
    chair = sign_in(Client(), the_chair)
    assert chair.get(page_url).status_code == 404
    assert chair.get(download).status_code == 404
    assert AuditEvent.objects.filter(action="annual_report.exported.csv").count() == 1
    assert AuditEvent.objects.filter(action="access.denied", actor=the_chair).count() == 2


@pytest.mark.django_db
def test_a_reader_who_lost_sight_of_it_is_refused_the_file(board, business_manager) -> None:
    manager = sign_in(Client(), business_manager)
    page_url = _asked(manager)
    prepare_files()
    prepared = PreparedFile.objects.get(state=State.READY)
    RoleGrant.objects.filter(user=business_manager).delete()
    assert manager.get(reverse("prepared:download", args=[prepared.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="annual_report.exported.csv").exists()
    assert manager.get(page_url).status_code == 200  # the page is theirs; the file is not


@pytest.mark.django_db
def test_a_file_its_reader_may_no_longer_see_is_not_built(board, business_manager) -> None:
    manager = sign_in(Client(), business_manager)
    page_url = _asked(manager)
    RoleGrant.objects.filter(user=business_manager).delete()
    assert prepare_files() == 0
    prepared = PreparedFile.objects.get()
    assert (prepared.state, prepared.stored_name) == (State.FAILED, "")
    assert stored_names("prepared") == []
    assert "The file could not be prepared" in manager.get(page_url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_asked_for_twice_at_once_it_is_prepared_once(board, business_manager) -> None:
    def ask() -> PreparedFile:
        return prepared_request(kind=annual_files.KIND, params=_params(board), by=business_manager)

    asked = at_once([ask, ask])
    assert all(isinstance(one, PreparedFile) for one in asked), asked
    assert asked[0].pk == asked[1].pk
    assert PreparedFile.objects.count() == 1
    # Two workers at once: one builds it, the other finds nothing to do.
    assert sorted(at_once([prepare_files, prepare_files])) == [0, 1]
    prepared = PreparedFile.objects.get()
    assert (prepared.state, prepared.attempts) == (State.READY, 1)
    assert stored_names("prepared") == [prepared.stored_name]


@pytest.mark.django_db
def test_a_file_whose_worker_died_is_built_by_another_and_kept_once(
    board, business_manager
) -> None:
    prepared_request(kind=annual_files.KIND, params=_params(board), by=business_manager)
    first = prepared_claim()  # a worker claims it, then dies
    assert first is not None
    assert prepared_claim() is None
    PreparedFile.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    assert prepare_files() == 1  # another takes it over once the lease has run out
    # The first worker wakes and finishes: its copy is thrown away, the file kept is one.
    late = Built(b"late", "late.csv", "text/csv")
    assert not prepared_store(first, late, lease=first.claimed_until)
    prepared = PreparedFile.objects.get()
    assert (prepared.state, prepared.attempts, prepared.filename) == (
        State.READY,
        2,
        f"annual-report-BF-{YEAR}.csv",
    )
    assert stored_names("prepared") == [prepared.stored_name]


@pytest.mark.django_db
def test_a_file_is_deleted_after_it_has_been_kept(board, business_manager, settings) -> None:
    manager = sign_in(Client(), business_manager)
    page_url = _asked(manager)
    prepare_files()
    kept = timezone.now() - datetime.timedelta(hours=settings.PREPARED_KEEP_HOURS)
    PreparedFile.objects.update(requested_at=kept + datetime.timedelta(minutes=1))
    prepare_files()
    assert PreparedFile.objects.count() == 1  # not yet
    PreparedFile.objects.update(requested_at=kept - datetime.timedelta(minutes=1))
    prepare_files()
    assert not PreparedFile.objects.exists()
    assert stored_names("prepared") == []
    assert manager.get(page_url).status_code == 404
