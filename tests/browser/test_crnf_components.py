"""The CRNF A's GOV.UK components as a notifier's browser uses them: the conditional
reveal, the exclusive "none" checkbox, the character count, the task list when resuming
a draft, and a chosen document sent with "Save and continue"."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from casereviews.boards.models import Role
from casereviews.notifications.models import Attachment, Notification, Status
from tests.browser.conftest import accessibility_violations
from tests.browser.test_signed_in_pages import browse_as
from tests.factories import NotificationFactory, person
from tests.notifications import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(db: None) -> Notification:
    case = NotificationFactory.create(status=Status.DRAFT, answered_pages=["review-sought"])
    notifier = person(case.board, Role.NOTIFIER, organisation=case.organisation)
    Notification.objects.filter(pk=case.pk).update(notifier=notifier)
    case.refresh_from_db()
    return case


def _open(page: Page, live_server, draft: Notification, path: str) -> None:
    browse_as(page, live_server, draft.notifier)
    page.goto(f"{live_server.url}/notifications/drafts/{draft.pk}/{path}")


def test_not_consulting_reveals_the_question_why(page: Page, live_server, draft) -> None:
    _open(page, live_server, draft, "consultation")
    why = page.get_by_label("If you have not consulted anyone, tell us why")
    expect(why).to_be_hidden()
    page.get_by_label("I have not consulted anyone").check()
    expect(why).to_be_visible()
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why you have not consulted anyone"
    )
    expect(why).to_be_visible()
    page.get_by_label("My agency's safeguarding lead").check()
    expect(why).to_be_hidden()


def test_none_identified_yet_clears_the_other_answers(page: Page, live_server, draft) -> None:
    _open(page, live_server, draft, "learning")
    together = page.get_by_label("How organisations work together")
    none = page.get_by_label("None identified yet")
    together.check()
    none.check()
    expect(together).not_to_be_checked()
    together.check()
    expect(none).not_to_be_checked()


def test_the_character_count_counts_down(page: Page, live_server, draft) -> None:
    _open(page, live_server, draft, "what-happened")
    page.get_by_label("What happened?").fill("Admitted to hospital.")
    expect(page.locator(".govuk-character-count__status")).to_have_text(
        "You have 9,979 characters remaining"
    )


def test_resuming_a_draft_shows_its_task_list(page: Page, live_server, draft) -> None:
    browse_as(page, live_server, draft.notifier)
    page.goto(f"{live_server.url}/notifications/drafts/{draft.pk}")
    expect(page.get_by_role("heading", name="Your notification")).to_be_visible()
    expect(page.locator(".govuk-task-list__item")).to_have_count(14)
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Your details").click()
    expect(page.get_by_label("Your full name")).to_be_visible()


def test_a_chosen_file_goes_with_save_and_continue(
    page: Page, live_server, draft, tmp_path: Path
) -> None:
    _open(page, live_server, draft, "documents")
    report = tmp_path / "Body map.pdf"
    report.write_bytes(files.PDF)
    page.get_by_label("Upload a file").set_input_files(str(report))
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(f"{live_server.url}/notifications/drafts/{draft.pk}/check")
    assert Attachment.objects.get(notification=draft).original_name == "Body map.pdf"
