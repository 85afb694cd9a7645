"""Issue 28, 6: a recorded date never precedes the thing it follows. Generated from the
review's pages: every date field of every one of them refuses the day before its anchor
(the case's notification, or the report's sign-off for the copy sent to Ofsted and the
Panel) at the field, and accepts the anchor itself."""

from __future__ import annotations

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.frontend.forms import DateField
from casereviews.notifications.models import Notification, Status
from casereviews.reviews.views import ReviewPage
from tests.reviews.helpers import commissioned
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db


def _pages() -> list[type[ReviewPage]]:
    found, todo = [], list(ReviewPage.__subclasses__())
    while todo:
        page = todo.pop()
        found.append(page)
        todo.extend(page.__subclasses__())
    return found


DATE_FIELDS = sorted(
    (page.__name__, name, page)
    for page in _pages()
    for name, field in page.form_class.base_fields.items()
    if isinstance(field, DateField)
)


def test_every_review_page_with_a_date_is_generated() -> None:
    assert len(DATE_FIELDS) >= 10, DATE_FIELDS


def _typed(name: str, day: datetime.date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


@pytest.mark.parametrize(("page_name", "name", "page"), DATE_FIELDS, ids=lambda v: str(v))
def test_6_a_recorded_date_cannot_precede_its_anchor(board, page_name, name, page) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.REPORT)
    notified = timezone.now() - datetime.timedelta(days=200)
    Notification.objects.filter(pk=case.pk).update(submitted_at=notified)
    case.refresh_from_db()
    view = page()
    view.request = RequestFactory().post("/")
    view.request.user = people[Role.BUSINESS_MANAGER]
    view.case = case
    view.kwargs = {"reference": case.reference}
    anchor, what = view.date_anchors()[name]
    assert anchor == timezone.localdate(notified)

    before = view.make_form(_typed(name, anchor - datetime.timedelta(days=1)))
    assert not before.is_valid()
    assert before.errors[name] == [
        f"The date must be on or after {anchor.day} {anchor:%B %Y}, {what}"
    ]
    on = view.make_form(_typed(name, anchor))
    on.is_valid()
    assert name not in on.errors
