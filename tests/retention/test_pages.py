"""The retention pages as the Business Manager uses them: the schedule, changing a
period, placing and lifting a legal hold, and approving a disposal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications.models import Child
from casereviews.retention.models import DisposedCase, LegalHold, RecordKind, RetentionPeriod
from tests.factories import person
from tests.retention.cases import finished_case

pytestmark = pytest.mark.django_db


def test_the_schedule_shows_each_kind_with_its_basis_marked_a_local_standard(
    board, business_manager, signed_in
) -> None:
    page = signed_in(business_manager).get(reverse("retention:schedule"))

    text = page.content.decode()
    assert page.status_code == 200
    assert "A Serious Case Review or local child safeguarding practice review" in text
    assert "35 years after the case closed" in text
    assert text.count("Local standard") >= 6
    assert "Blackpool Council" in text


def test_another_role_is_refused_the_pages(board, signed_in) -> None:
    chair = person(board, Role.INDEPENDENT_CHAIR)

    page = signed_in(chair).get(reverse("retention:disposal"))

    assert page.status_code == 403
    assert AuditEvent.objects.filter(action="access.denied", actor=chair).exists()


def test_a_period_is_changed_and_bad_input_is_shown_at_the_field(
    board, business_manager, signed_in
) -> None:
    client = signed_in(business_manager)
    url = reverse("retention:period", args=[RecordKind.CPIR])

    wrong = client.post(url, {"years": "ten"})
    assert "Enter the number of years as a whole number" in wrong.content.decode()
    assert 'value="ten"' in wrong.content.decode()
    assert not RetentionPeriod.objects.exists()

    client.post(url, {"years": "40"})
    assert RetentionPeriod.objects.get(board=board, kind=RecordKind.CPIR).years == 40
    assert client.get(reverse("retention:period", args=["audit"])).status_code == 404


def test_disposal_of_a_held_case_is_refused_at_the_field_and_the_other_goes_alone(
    board, business_manager, signed_in
) -> None:
    free = finished_case(board, years_ago=12, name="Leo Marsh")
    held = finished_case(board, years_ago=12)
    client = signed_in(business_manager)
    placed = client.post(
        reverse("retention:hold"),
        {"scope": "case", "reference": str(held.reference).lower(), "reason": "complaint"},
    )
    assert placed.status_code == 302
    hold = LegalHold.objects.get(notification=held)

    listed = client.get(reverse("retention:disposal")).content.decode()
    assert f"{held.reference}: " in listed
    assert "under a legal hold (a complaint)" in listed

    refused = client.post(
        reverse("retention:disposal"),
        {"cases": [str(free.pk), str(held.pk)], "reason": "Reviewed at the March meeting"},
    )
    text = refused.content.decode()
    assert refused.status_code == 200
    assert f"{held.reference} is under a legal hold" in text
    assert "Reviewed at the March meeting" in text  # what was typed is kept
    assert not DisposedCase.objects.exists()

    approved = client.post(
        reverse("retention:disposal"),
        {"cases": [str(free.pk)], "reason": "Reviewed at the March meeting"},
    )
    assert approved.status_code == 302
    assert list(DisposedCase.objects.values_list("notification", flat=True)) == [free.pk]
    assert Child.objects.filter(notification=held).exists()

    client.post(reverse("retention:lift", args=[hold.pk]), {"reason": "Complaint closed"})
    hold.refresh_from_db()
    assert hold.lifted_reason == "Complaint closed"
    assert client.get(reverse("retention:lift", args=[hold.pk])).status_code == 404


def test_a_hold_needs_a_reference_of_the_board(board, other_board, business_manager, signed_in):
    elsewhere = finished_case(other_board, years_ago=12)

    page = signed_in(business_manager).post(
        reverse("retention:hold"),
        {"scope": "child", "reference": elsewhere.reference, "reason": "inquiry"},
    )

    assert "No case of the board has this reference" in page.content.decode()
    assert not LegalHold.objects.exists()
