"""Every partner agency answers, in a real browser, with axe on every page: the Business
Manager asks all partners; one agency answers on the page; one uploads an XLSX with one
bad row, sees the row named, fixes it and re-uploads; one answers "no involvement"; one
does not answer, is reminded by the worker's sweep and then escalated; the merged
chronology shows both involved agencies' entries in date order; the LISG is refused until
the Business Manager records why it may go ahead."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.deadlines.jobs import sweep_deadlines
from casereviews.deadlines.models import Deadline
from casereviews.involvement.entries import HEADERS
from casereviews.notifications.models import Status
from casereviews.outbox.jobs import deliver_outbox
from tests.browser.conftest import accessibility_violations
from tests.factories import OrganisationFactory, person
from tests.helpers import sign_in
from tests.involvement.conftest import build_partners
from tests.lisg import before_the_lisg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Journey:
    def __init__(self, page: Page, live_server) -> None:
        self.page = page
        self.url = live_server.url
        self.problems: dict[str, list[str]] = {}

    def as_(self, user: User) -> None:
        """Give the browser the session of someone fully signed in."""
        self.page.context.clear_cookies()
        client = sign_in(Client(), user)
        self.page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": self.url,
                }
            ]
        )

    def go(self, path: str) -> None:
        self.page.goto(f"{self.url}{path}")
        self.axe()

    def axe(self) -> None:
        found = accessibility_violations(self.page)
        if found:
            self.problems[self.page.url] = found

    def click(self, role: str, name: str, *, exact: bool = False) -> None:
        self.page.get_by_role(role, name=name, exact=exact).click()  # type: ignore[arg-type]
        self.page.wait_for_load_state()
        self.axe()


def workbook(path: Path, rows: list[tuple[str, ...]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_every_agency_answers_and_the_lisg_waits(
    page: Page, live_server, board, tmp_path: Path, mailbox
) -> None:
    partners = build_partners(board)
    probation = OrganisationFactory.create(name="Thames Valley Probation", type="probation")
    board.partners.add(probation)
    probation_lead = person(board, Role.AGENCY_LEAD, organisation=probation)
    case = partners.case
    reference = case.reference or ""
    journey = Journey(page, live_server)

    # The Business Manager asks every partner at once.
    journey.as_(partners.manager)
    journey.go(f"/notifications/{reference}")
    journey.click("link", "Ask the partner agencies for information")
    for name in ("Thames Valley Police", "Thames Valley Probation", "Crown Wood Primary School"):
        expect(page.get_by_label(name)).to_be_checked()
    journey.click("button", "Ask the partner agencies for information")
    expect(page.get_by_text("4 agencies have been asked for information")).to_be_visible()
    journey.axe()

    # The police answer on the page, with two entries (add another).
    journey.as_(partners.police_lead)
    journey.go("/")
    journey.click("link", reference)
    expect(page.get_by_role("heading", name="Request for information")).to_be_visible()
    expect(page.get_by_text("Kacey Hollins")).to_be_visible()
    page.get_by_label("Yes, we have been involved").check()
    page.get_by_label("Summary of information held").fill("Two call-outs to the home")
    journey.click("button", "Save and come back later")
    journey.click("link", "Add a chronology entry")
    for day, what, another in (
        ("14", "Call-out after shouting reported", True),
        ("3", "Welfare check", False),
    ):
        page.get_by_label("Day").fill(day)
        page.get_by_label("Month").fill("3")
        page.get_by_label("Year").fill("2026")
        page.get_by_label("What happened").fill(what)
        page.get_by_label("Source record").fill("Police log")
        journey.click("button", "Save and add another" if another else "Save the entry")
    journey.click("button", "Continue to check and send")
    journey.click("button", "Send your answer to the board")
    expect(page.get_by_text("Your answer has been sent to the board")).to_be_visible()

    # Health uploads a workbook with one bad row, sees it named, fixes it.
    journey.as_(partners.health_lead)
    journey.go("/")
    journey.click("link", reference)
    page.get_by_label("Yes, we have been involved").check()
    page.get_by_label("Summary of information held").fill("Health visiting since birth")
    journey.click("button", "Save and come back later")
    journey.click("link", "upload your chronology as a file")
    good = ("08/03/2026", "10:00", "no", "Health visitor home visit", "Health visitor", "HV record")
    bad = ("31/02/2026", "", "", "Missed clinic", "", "Clinic list")
    page.get_by_label("Upload your chronology").set_input_files(
        workbook(tmp_path / "chronology.xlsx", [good, bad])
    )
    journey.click("button", "Upload and check the file")
    expect(page.get_by_role("cell", name="Row 3")).to_be_visible()
    expect(page.get_by_text("is not a real date")).to_be_visible()
    fixed = ("28/02/2026", "", "yes", "Missed clinic", "", "Clinic list")
    page.get_by_label("Upload your chronology").set_input_files(
        workbook(tmp_path / "fixed.xlsx", [good, fixed])
    )
    journey.click("button", "Upload and check the file")
    expect(page.get_by_text("2 entries imported from fixed.xlsx")).to_be_visible()
    journey.click("button", "Continue to check and send")
    journey.click("button", "Send your answer to the board")
    expect(page.get_by_text("Your answer has been sent to the board")).to_be_visible()

    # The school had no involvement.
    journey.as_(partners.school_lead)
    journey.go("/")
    journey.click("link", reference)
    page.get_by_label("No involvement").check()
    page.get_by_label("Which records did you search, and when?").fill("Pupil records, 30/11/2026")
    journey.click("button", "Continue to check and send")
    journey.click("button", "Send your answer to the board")
    expect(page.get_by_text("Your answer has been sent to the board")).to_be_visible()

    # Probation does not answer: the worker's sweep reminds its lead, then escalates.
    deliver_outbox()
    mailbox.messages.clear()
    deadline = Deadline.objects.get(state="open", responsible_organisation=probation)
    with time_machine.travel(deadline.due_at - datetime.timedelta(hours=1), tick=False):
        assert sweep_deadlines() == 1
    with time_machine.travel(deadline.due_at + datetime.timedelta(days=5), tick=False):
        assert sweep_deadlines() == 2
        deliver_outbox()  # queued "now" in the travelled time
    told = [(m["To"], m["Subject"]) for m in mailbox.messages]
    assert (probation_lead.email, f"{reference}: deadline is due soon") in told
    assert (
        partners.manager.email,
        f"{reference}: deadline is overdue and has been escalated to you",
    ) in told

    # The merged chronology: both involved agencies' entries, in date order.
    journey.as_(partners.manager)
    journey.go(f"/notifications/{reference}/chronology")
    cells = page.locator("#chronology tbody tr td:nth-child(3)").all_inner_texts()
    assert [re.sub(r"\s+", " ", c).strip() for c in cells] == [
        "Missed clinic",
        "Welfare check",
        "Health visitor home visit",
        "Call-out after shouting reported",
    ]

    # The LISG is refused while probation has not answered...
    lisg = partners.people[Role.LISG_MEMBER]
    before_the_lisg(case, lisg)  # today's meeting has the case on its agenda (ADR 0011)
    journey.as_(lisg)
    journey.go(f"/notifications/{reference}/lisg-recommendation")
    page.get_by_label("Serious Case Review (SCR)").check()
    page.get_by_label("Significant Incident Learning Process (SILP)").check()
    page.get_by_label("Why does the LISG recommend this?").fill("Regulation 5(2) is met")
    page.get_by_label("At the LISG meeting on").check()
    journey.click("button", "Record the LISG recommendation")
    expect(page.get_by_text("Every agency asked must answer").first).to_be_visible()

    # ...until the Business Manager records why it may go ahead.
    journey.as_(partners.manager)
    journey.go(f"/notifications/{reference}")
    journey.click("link", "Let the LISG go ahead without these answers")
    page.get_by_label("Why should the LISG go ahead without these agencies' answers?").fill(
        "Probation's records come through the police liaison officer"
    )
    journey.click("button", "Record the reason")
    journey.as_(lisg)
    journey.go(f"/notifications/{reference}")
    expect(page.get_by_text("come through the police liaison officer")).to_be_visible()
    journey.go(f"/notifications/{reference}/lisg-recommendation")
    page.get_by_label("Serious Case Review (SCR)").check()
    page.get_by_label("Significant Incident Learning Process (SILP)").check()
    page.get_by_label("Why does the LISG recommend this?").fill("Regulation 5(2) is met")
    page.get_by_label("At the LISG meeting on").check()
    journey.click("button", "Record the LISG recommendation")
    expect(page.get_by_text("The LISG recommendation for")).to_be_visible()
    case.refresh_from_db()
    assert case.status == Status.LISG_RECOMMENDED
    assert journey.problems == {}


def test_the_boards_agency_pages_have_no_accessibility_violations(
    page: Page, live_server, board
) -> None:
    partners = build_partners(board)
    reference = partners.case.reference or ""
    journey = Journey(page, live_server)
    journey.as_(partners.manager)
    for path in (
        f"/notifications/{reference}/agencies/new",
        f"/notifications/{reference}/lisg-meeting",
        f"/notifications/{reference}/chronology",
        f"/notifications/{reference}/chronology/share",
        f"/notifications/{reference}/disclosure-decisions/new",
        f"/notifications/{reference}/parallel-processes",
        f"/notifications/{reference}/parallel-processes/new",
        f"/notifications/{reference}/regulator-notifications/new",
    ):
        journey.go(path)
        expect(page.locator("h1")).to_be_visible()
    journey.as_(partners.people[Role.LISG_MEMBER])
    journey.go(f"/notifications/{reference}/procedure-agreement")
    expect(page.locator("h1")).to_be_visible()
    assert journey.problems == {}
