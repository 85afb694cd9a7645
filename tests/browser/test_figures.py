"""Issue 28, 12: the figures count only what fell due and show zero as zero, in a real
browser, against a count made directly from the rows."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.boards.models import Role
from casereviews.deadlines import rules
from casereviews.deadlines.models import Deadline, DeadlineState
from tests.browser.test_agencies_journey import Journey
from tests.factories import NotificationFactory, OrganisationFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_12_agency_answers_count_only_what_fell_due(page: Page, live_server, board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    police = OrganisationFactory.create(name="Thames Valley Police")
    health = OrganisationFactory.create(name="Frimley Health NHS Foundation Trust")
    board.partners.add(police, health)
    case = NotificationFactory.create(board=board)
    now = timezone.now()
    past = now - datetime.timedelta(days=3)
    # Due within this year: met on time, not yet due, cancelled; and one late.
    for n, (agency, due_at, state, ended) in enumerate(
        (
            (police, past, DeadlineState.MET, past - datetime.timedelta(hours=1)),
            (police, now + datetime.timedelta(hours=6), DeadlineState.OPEN, None),
            (police, past, DeadlineState.CANCELLED, past - datetime.timedelta(hours=2)),
            (health, past, DeadlineState.MISSED, now),
        )
    ):
        Deadline.objects.create(
            notification=case,
            board=board,
            rule_code=rules.AGENCY_RETURN_DUE.code,
            subject=f"involvement-request:{n}",
            started_at=past - datetime.timedelta(days=10),
            due_at=due_at,
            responsible_role="agency_lead",
            responsible_organisation=agency,
            state=state,
            ended_at=ended,
        )
    # The count made directly from the rows: what fell due, by agency.
    fell_due = Deadline.objects.exclude(state=DeadlineState.CANCELLED).filter(due_at__lt=now)
    expected = {
        agency.name: (
            fell_due.filter(responsible_organisation=agency).count(),
            fell_due.filter(responsible_organisation=agency, state=DeadlineState.MET).count(),
        )
        for agency in (police, health)
    }
    assert expected == {police.name: (1, 1), health.name: (1, 0)}

    journey = Journey(page, live_server)
    journey.as_(manager)
    journey.go(f"/figures/?year={timezone.localdate().year}")
    section = page.locator("section").filter(
        has=page.get_by_role("heading", name="Agency answers on time, by agency")
    )
    expect(section).not_to_contain_text("Nothing to show")
    for name, (due, on_time) in expected.items():
        cells = section.locator("table tbody tr").filter(has_text=name).locator("td, th")
        texts = [" ".join(t.split()) for t in cells.all_inner_texts()]
        share = f"{round(100 * on_time / due)}"
        assert texts[:4] == [name, share, str(due), str(on_time)], texts
    assert journey.problems == {}
