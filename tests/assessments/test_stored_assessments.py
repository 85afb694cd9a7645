"""Every submitted notification has its assessment stored with the ruleset used; a new
one is stored when the facts change, and the history is kept."""

from __future__ import annotations

import pytest

from casereviews.assessments.models import CriteriaAssessment
from casereviews.assessments.services import criteria_assessment_refresh
from tests.assessments.conftest import CPIR, SCR_MANDATORY, submit
from tests.factories import moved

pytestmark = pytest.mark.django_db


def test_submitting_stores_the_assessment(board, notifier) -> None:
    notification = submit(board, notifier, SCR_MANDATORY)
    stored = CriteriaAssessment.objects.get(notification=notification)
    assert (stored.ruleset, stored.ruleset_version) == ("bf-lscb-2015", 1)
    assert stored.facts == SCR_MANDATORY
    assert stored.recommendation == stored.answer["recommendation"] == "scr_mandatory"
    assert stored.by == notifier


def test_the_same_facts_are_not_stored_twice(submitted, business_manager) -> None:
    criteria_assessment_refresh(notification=submitted, by=business_manager)
    assert CriteriaAssessment.objects.filter(notification=submitted).count() == 1


def test_changed_facts_are_stored_again_and_the_history_kept(
    board, notifier, business_manager
) -> None:
    notification = submit(board, notifier, SCR_MANDATORY)
    moved(notification, "return_for_information", business_manager, reason="Was abuse suspected?")
    notification.criteria_facts = CPIR
    notification.save()
    moved(notification, "resubmit", notifier)
    history = list(
        CriteriaAssessment.objects.filter(notification=notification).values_list(
            "recommendation", flat=True
        )
    )
    assert history == ["scr_mandatory", "cpir"]


def test_a_stored_assessment_is_never_edited(submitted) -> None:
    stored = CriteriaAssessment.objects.get(notification=submitted)
    stored.recommendation = "no_review"
    with pytest.raises(TypeError):
        stored.save()


def test_facts_the_engine_refuses_store_nothing_and_do_not_block_submission(
    board, notifier
) -> None:
    notification = submit(board, notifier, {"age_years": 30})
    assert notification.status == "submitted"
    assert not CriteriaAssessment.objects.filter(notification=notification).exists()
