"""A notifier notifies a case in a real browser, from signing in (password and a real
authenticator code) to the confirmation; the worker sends the e-mails to a real SMTP
server; the Business Manager signs in and opens the notification."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Role
from casereviews.notifications.models import Attachment, Notification, Status
from casereviews.outbox.jobs import deliver_outbox
from tests.browser.conftest import accessibility_violations
from tests.factories import PASSWORD, BoardFactory, OrganisationFactory, person
from tests.helpers import current_code, enrolled
from tests.notifications import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILD_NAME = "Kacey Hollins"
CHILD_BORN = datetime.date(2015, 4, 9)


@pytest.fixture
def board(db: None) -> Board:
    return BoardFactory.create(name="Bracknell Forest Local Safeguarding Children Board", code="BF")


@pytest.fixture
def notifier(board: Board) -> User:
    police = OrganisationFactory.create(name="Thames Valley Police")
    return person(board, Role.NOTIFIER, organisation=police, full_name="Priya Shah")


@pytest.fixture
def business_manager(board: Board) -> User:
    return person(board, Role.BUSINESS_MANAGER, full_name="Alison Burnell")


def sign_in(page: Page, url: str, user: User) -> None:
    """Through the pages: e-mail address and password, then the authenticator's code."""
    device = enrolled(user)
    page.goto(f"{url}/account/sign-in")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Enter the 6-digit code from your authenticator app").fill(
        current_code(device)
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="What needs your attention")).to_be_visible()


def no_axe_violations(page: Page, check: bool) -> None:
    if check:
        assert accessibility_violations(page) == [], page.url


def shows_error(page: Page, message: str) -> None:
    """The GOV.UK error summary links to the field, which shows the same message."""
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".govuk-error-summary").get_by_role("link", name=message)).to_be_visible()
    expect(page.locator(".govuk-error-message").filter(has_text=message)).to_be_visible()


def choose(page: Page, name: str, value: str) -> None:
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def fill_date(page: Page, name: str, value: datetime.date) -> None:
    page.locator(f"#id_{name}_day").fill(str(value.day))
    page.locator(f"#id_{name}_month").fill(str(value.month))
    page.locator(f"#id_{name}_year").fill(str(value.year))


def go_on(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def complete_the_form(page: Page, url: str, tmp_path: Path, *, mistakes: bool, axe: bool) -> str:
    """Every page of the CRNF A; with `mistakes`, one per kind of page, each shown and
    fixed. Returns the reference on the confirmation page."""
    today = timezone.localdate()
    page.goto(f"{url}/notifications/new")
    no_axe_violations(page, axe)

    # A radios page: no choice made.
    if mistakes:
        page.get_by_role("button", name="Start").click()
        shows_error(page, "Select what you are asking us to consider")
        no_axe_violations(page, axe)
    choose(page, "review_sought", "inter_agency_cpir")
    page.get_by_role("button", name="Start").click()

    # A text page: the job title left out; the telephone typed is kept.
    expect(page.get_by_label("Your full name")).to_have_value("Priya Shah")
    no_axe_violations(page, axe)
    page.get_by_label("Your telephone number").fill("01344 000000")
    if mistakes:
        go_on(page)
        shows_error(page, "Enter your job title")
        expect(page.get_by_label("Your telephone number")).to_have_value("01344 000000")
        no_axe_violations(page, axe)
    page.get_by_label("Your job title").fill("Detective Sergeant")
    go_on(page)

    no_axe_violations(page, axe)
    choose(page, "consulted_with", "agency_lead")
    fill_date(page, "consultation_date", today - datetime.timedelta(days=1))
    page.get_by_label("Time of the consultation").fill("09:30")
    go_on(page)

    # A date page: the incident in the future; the other answers are kept.
    no_axe_violations(page, axe)
    page.get_by_label("Where was the child at the time?").fill("At home")
    page.get_by_label("Who was the child with at the time?").fill("Her mother's partner")
    if mistakes:
        fill_date(page, "incident_date", today + datetime.timedelta(days=3))
        go_on(page)
        shows_error(page, "The date of the incident must be today or in the past")
        expect(page.get_by_label("Where was the child at the time?")).to_have_value("At home")
        no_axe_violations(page, axe)
    fill_date(page, "incident_date", today - datetime.timedelta(days=5))
    go_on(page)

    # An add-another page: a child without a name; what was typed is kept.
    no_axe_violations(page, axe)
    page.get_by_role("button", name="Add a child").click()
    no_axe_violations(page, axe)
    fill_date(page, "date_of_birth", CHILD_BORN)
    choose(page, "sex", "female")
    page.get_by_label("Address").fill("12 Larch Avenue, Bracknell")
    page.get_by_label("Local authority where the child lives").fill("Bracknell Forest")
    choose(page, "child_protection_plan", "before")
    choose(page, "looked_after", "never")
    choose(page, "open_to_social_care", "yes")
    if mistakes:
        go_on(page)
        shows_error(page, "Enter the child's full name")
        expect(page.get_by_label("Address")).to_have_value("12 Larch Avenue, Bracknell")
        expect(page.locator("#id_date_of_birth_year")).to_have_value(str(CHILD_BORN.year))
        no_axe_violations(page, axe)
    page.get_by_label("Full name", exact=True).fill(CHILD_NAME)
    go_on(page)
    expect(page.locator("dt", has_text=CHILD_NAME)).to_be_visible()
    no_axe_violations(page, axe)
    go_on(page)

    no_axe_violations(page, axe)
    page.get_by_label("What happened?").fill("Admitted to hospital with injuries.")
    go_on(page)
    no_axe_violations(page, axe)
    choose(page, "child_died", "no")
    choose(page, "seriously_harmed", "yes")
    go_on(page)
    no_axe_violations(page, axe)
    choose(page, "abuse_or_neglect", "suspected")
    go_on(page)
    no_axe_violations(page, axe)
    choose(page, "inter_agency_concern", "unclear")
    choose(page, "standards_not_met", "yes")
    go_on(page)
    no_axe_violations(page, axe)
    page.locator('input[name="learning"][value="working_together"]').check()
    choose(page, "good_practice", "no")
    choose(page, "similar_issues_previously_reviewed", "unknown")
    go_on(page)
    no_axe_violations(page, axe)
    go_on(page)  # no family members known
    no_axe_violations(page, axe)
    page.get_by_label("Other agencies involved (optional)").fill("GP surgery")
    go_on(page)
    no_axe_violations(page, axe)
    page.locator('input[name="processes"][value="criminal_proceedings"]').check()
    go_on(page)

    # The upload page: a text file named as a PDF, then a real PDF.
    expect(page.get_by_role("heading", name="Upload documents")).to_be_visible()
    no_axe_violations(page, axe)
    impostor = tmp_path / "report.pdf"
    impostor.write_bytes(b"Not a PDF at all.\n" * 20)
    real = tmp_path / "Body map.pdf"
    real.write_bytes(files.PDF)
    if mistakes:
        page.get_by_label("Upload a file").set_input_files(str(impostor))
        page.get_by_role("button", name="Upload file").click()
        shows_error(page, "The selected file must be a PDF, Word document, JPG or PNG")
        no_axe_violations(page, axe)
    page.get_by_label("Upload a file").set_input_files(str(real))
    page.get_by_role("button", name="Upload file").click()
    expect(page.get_by_role("link", name="Body map.pdf", exact=True)).to_be_visible()
    go_on(page)

    expect(page.get_by_role("heading", name="Check your answers before sending")).to_be_visible()
    no_axe_violations(page, axe)
    page.get_by_role("button", name="Accept and send").click()
    panel = page.locator(".govuk-panel")
    expect(panel).to_contain_text("BF-")
    notification = Notification.objects.get(status=Status.SUBMITTED)
    assert notification.reference
    expect(panel).to_contain_text(notification.reference)
    return notification.reference


def test_a_notifier_notifies_a_case_and_the_business_manager_opens_it(
    page: Page, live_server, tmp_path: Path, notifier, business_manager, mailbox
) -> None:
    """The whole journey, with one mistake per kind of page, no accessibility
    violations, the e-mails over real SMTP without the child's identity, and the
    Business Manager's home page."""
    url = live_server.url
    sign_in(page, url, notifier)
    reference = complete_the_form(page, url, tmp_path, mistakes=True, axe=True)
    notification = Notification.objects.get(reference=reference)
    assert notification.children.get().full_name == CHILD_NAME
    assert Attachment.objects.get(notification=notification).original_name == "Body map.pdf"

    assert deliver_outbox() == 2
    assert len(mailbox.messages) == 2
    recipients = {message["To"] for message in mailbox.messages}
    assert recipients == {notifier.email, business_manager.email}
    for message in mailbox.messages:
        text = str(message.get_payload(decode=True), "utf-8") + str(message["Subject"])
        assert reference in text
        assert f"/notifications/{reference}" in text
        assert CHILD_NAME not in text
        assert "Kacey" not in text
        for born in ("9 April 2015", "09/04/2015", "2015-04-09", "9 4 2015"):
            assert born not in text

    page.context.clear_cookies()
    sign_in(page, url, business_manager)
    link = page.get_by_role("link", name=reference)
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(re.escape(reference)))
    expect(page.get_by_text(reference).first).to_be_visible()


def test_the_form_can_be_sent_with_javascript_turned_off(
    page_without_javascript: Page, live_server, tmp_path: Path, notifier, business_manager
) -> None:
    """Every page works as plain HTML: the notification reaches the board."""
    page = page_without_javascript
    sign_in(page, live_server.url, notifier)
    reference = complete_the_form(page, live_server.url, tmp_path, mistakes=False, axe=False)
    assert Notification.objects.get(reference=reference).status == Status.SUBMITTED
