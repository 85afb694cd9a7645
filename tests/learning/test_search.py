"""Search of the cases: by reference, theme, agency, period, Chair decision and status for
anyone with a role, the results being the cases they may see; by the child's name only
for the board's Business Manager and Chair, by POST, never named in the audit trail."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from casereviews.assessments.models import NotificationTheme, Theme
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.learning.views import child_name_fingerprint
from casereviews.notifications.models import Notification, Status
from tests.factories import ChairDecisionFactory, ChildFactory, NotificationFactory, person
from tests.lisg import before_the_lisg

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


@pytest.fixture(autouse=True)
def quick_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _child(case, name: str) -> None:
    ChildFactory.create(notification=case, full_name=name, little_known=True)


def _decided(case, decision: str, chair) -> None:
    ChairDecisionFactory.create(notification=case, decision=decision, decided_by=chair)


def _shown(response) -> set[str]:
    html = response.content.decode()
    return {
        reference
        for reference in ("BF-2026-0001", "BF-2026-0002", "BF-2026-0003", "RB-2026-0001")
        if reference in html
    }


@pytest.fixture
def cases(board, other_board, police, health):
    chair = person(board, Role.INDEPENDENT_CHAIR)
    neglect = Theme.objects.get_or_create(code="neglect", defaults={"name": "Neglect"})[0]
    board.partners.add(police, health)
    first = NotificationFactory.create(
        board=board,
        reference="BF-2026-0001",
        status=Status.SCR_COMMISSIONED,
        notifier=person(board, Role.NOTIFIER, organisation=police),
        submitted_at=timezone.make_aware(datetime.datetime(2026, 2, 10, 10)),
    )
    NotificationTheme.objects.create(
        notification=first, theme=neglect, tagged_by=chair, tagged_at=timezone.now()
    )
    _decided(first, "scr", chair)
    _child(first, "Amelia Hart")
    second = NotificationFactory.create(
        board=board,
        reference="BF-2026-0002",
        status=Status.UNDER_CONSIDERATION,
        notifier=person(board, Role.NOTIFIER, organisation=health),
        submitted_at=timezone.make_aware(datetime.datetime(2026, 5, 3, 10)),
    )
    second.agencies.add(police)
    third = NotificationFactory.create(
        board=board,
        reference="BF-2026-0003",
        status=Status.NO_REVIEW,
        notifier=person(board, Role.NOTIFIER, organisation=health),
        submitted_at=timezone.make_aware(datetime.datetime(2026, 8, 1, 10)),
    )
    _decided(third, "no_review", chair)
    elsewhere = NotificationFactory.create(
        board=other_board,
        reference="RB-2026-0001",
        status=Status.SCR_COMMISSIONED,
        notifier=person(other_board, Role.NOTIFIER, organisation=police),
    )
    _child(elsewhere, "Amelia Hart")
    return {"neglect": neglect, "police": police, "chair": chair}


def test_the_business_manager_finds_cases_by_each_term(cases, business_manager, signed_in):
    client = signed_in(business_manager)
    police = cases["police"].pk

    def found(query: str) -> set[str]:
        return _shown(client.get(SEARCH + query))

    assert found("?reference=bf-2026-000") == {"BF-2026-0001", "BF-2026-0002", "BF-2026-0003"}
    assert found("?reference=BF-2026-0002") == {"BF-2026-0002"}
    assert found("?theme=" + str(cases["neglect"].pk)) == {"BF-2026-0001"}
    # The notifying agency, or an agency named as involved.
    assert found(f"?agency={police}") == {"BF-2026-0001", "BF-2026-0002"}
    assert found("?outcome=scr") == {"BF-2026-0001"}
    assert found("?outcome=no_review") == {"BF-2026-0003"}
    assert found("?status=under_consideration") == {"BF-2026-0002"}
    period = "?date_from_day=1&date_from_month=4&date_from_year=2026"
    period += "&date_to_day=31&date_to_month=7&date_to_year=2026"
    assert found(period) == {"BF-2026-0002"}
    assert found(f"?agency={police}&status=scr_commissioned") == {"BF-2026-0001"}


def test_results_are_only_the_cases_the_person_may_see(cases, board, signed_in):
    # A LISG member sees the cases on the agenda of their meetings (ADR 0011), whatever
    # the terms: never the board's other cases.
    lisg = person(board, Role.LISG_MEMBER)
    before_the_lisg(Notification.objects.get(reference="BF-2026-0002"), lisg)
    response = signed_in(lisg).get(SEARCH + "?reference=BF")
    assert _shown(response) == {"BF-2026-0002"}


def test_every_search_is_audited_with_its_terms(cases, business_manager, signed_in):
    signed_in(business_manager).get(SEARCH + "?status=no_review&outcome=no_review")
    event = AuditEvent.objects.get(action="case.search")
    assert event.actor == business_manager
    assert event.detail["terms"] == {"status": "no_review", "outcome": "no_review"}
    assert event.detail["rows_shown"] == 1


def test_a_wrong_period_is_explained_and_the_terms_kept(cases, business_manager, signed_in):
    query = "?reference=BF&date_from_day=1&date_from_month=5&date_from_year=2026"
    query += "&date_to_day=1&date_to_month=4&date_to_year=2026"
    response = signed_in(business_manager).get(SEARCH + query)
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The end date must be the same as or after the start date" in html
    assert 'value="BF"' in html
    assert not AuditEvent.objects.filter(action="case.search").exists()


@pytest.mark.parametrize("role", [Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR])
def test_the_manager_and_chair_find_a_case_by_the_childs_name(cases, board, role, signed_in):
    searcher = cases["chair"] if role == Role.INDEPENDENT_CHAIR else person(board, role)
    client = signed_in(searcher)
    form = client.get(SEARCH).content.decode()
    assert "Search by the child&#x27;s name" in form or "Search by the child's name" in form
    response = client.post(SEARCH, {"child_name": "  amelia HART "})
    assert response.status_code == 200
    # Their board's case only, never the other board's child of the same name.
    assert _shown(response) == {"BF-2026-0001"}
    event = AuditEvent.objects.get(action="case.search_by_child_name")
    assert event.outcome == "success"
    assert event.detail["child_name_fingerprint"] == child_name_fingerprint("Amelia Hart")
    assert "amelia" not in json.dumps(event.detail).lower()
    assert "hart" not in json.dumps(event.detail).lower()


@pytest.mark.parametrize("role", [Role.LISG_MEMBER, Role.AGENCY_LEAD, Role.NOTIFIER])
def test_a_search_by_name_is_refused_to_other_roles_and_audited(cases, board, role, signed_in):
    client = signed_in(person(board, role))
    assert "Search by name" not in client.get(SEARCH).content.decode()
    response = client.post(SEARCH, {"child_name": "Amelia Hart"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot search by a child&#x27;s name" in html
    assert _shown(response) == set()
    refused = AuditEvent.objects.get(action="case.search_by_child_name")
    assert refused.outcome == "denied"
    assert "hart" not in json.dumps(refused.detail).lower()


def test_a_name_in_the_address_is_never_searched(cases, business_manager, signed_in):
    response = signed_in(business_manager).get(SEARCH + "?child_name=Amelia+Hart")
    assert _shown(response) == set()
    assert not AuditEvent.objects.filter(action="case.search_by_child_name").exists()


def test_a_name_search_with_no_name_says_what_to_enter(cases, business_manager, signed_in):
    response = signed_in(business_manager).post(SEARCH, {"child_name": "   "})
    assert "Enter the child&#x27;s full name" in response.content.decode()
