"""`make run` shows a review in progress with its actions, one of them overdue."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from casereviews.notifications.models import Notification, Status
from casereviews.reviews.models import ActionStatus, ReviewAction, Reviewer

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_scr_in_progress_with_reviewers_and_actions() -> None:
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (case,) = Notification.objects.filter(status=Status.REVIEW_IN_PROGRESS)
    assert Reviewer.objects.filter(review__notification=case, role="lead").count() == 1
    actions = ReviewAction.objects.filter(notification=case)
    assert actions.count() == 2
    assert actions.filter(status=ActionStatus.ON_TRACK).count() == 1
