"""The guards of the transition table are registered by the apps that own the records
they read; the registry refuses a guard that names no transition, or one given twice."""

from __future__ import annotations

import pytest

from casereviews.workflow.guards import register_guard
from casereviews.workflow.transitions import TRANSITIONS

# The procedure's rules, by transition, as the decisions app registers them.
EXPECTED = {
    "lisg_recommend": ["agency_information_not_requested"],
    "decide_scr": ["no_lisg_recommendation", "decision_not_recorded"],
    "decide_cpir": ["no_lisg_recommendation", "decision_not_recorded"],
    "decide_other_review": [
        "no_lisg_recommendation",
        "decision_not_recorded",
        "other_review_not_considered",
    ],
    "decide_no_review": [
        "no_lisg_recommendation",
        "decision_not_recorded",
        "other_review_not_considered",
    ],
    "escalate_to_scr": ["escalation_not_recorded", "not_a_cpir"],
    "agree_single_agency": [
        "not_a_single_agency_consultation",
        "single_agency_agreement_not_recorded",
    ],
    "close_single_agency": ["single_agency_outcome_not_recorded"],
    "close": ["ofsted_not_told", "panel_not_told", "action_open"],
    # The review's records (casereviews/reviews).
    "start_review": ["no_lead_reviewer", "no_terms_of_reference"],
    "receive_report": ["no_final_report"],
    "publish": [
        "not_an_scr",
        "board_not_signed_off",
        "pre_publication_copy_not_sent",
        "publication_not_recorded",
    ],
    "disseminate_learning": ["scr_to_be_published", "learning_not_recorded"],
}


def test_each_transition_carries_the_guards_of_the_procedure() -> None:
    registered = {name: [g.code for g in t.guards] for name, t in TRANSITIONS.items() if t.guards}
    # Another app may add a guard (agencies' answers…); none of these may go missing.
    for name, codes in EXPECTED.items():
        assert [code for code in registered[name] if code in codes] == codes


# The guards that decide whether the step is offered at all (what the case is, not what
# is still to be recorded). A disposed case is not offered "reopen" (casereviews/retention).
HIDING = {"not_an_scr", "scr_to_be_published", "not_a_cpir", "disposed"}


def test_only_the_guards_of_what_the_case_is_hide_a_step() -> None:
    hiding = {g.code for t in TRANSITIONS.values() for g in t.guards if g.hides_step}
    assert hiding == HIDING


def test_a_guard_for_a_transition_that_does_not_exist_is_refused() -> None:
    with pytest.raises(LookupError, match="decide_maybe"):
        register_guard("decide_maybe", code="x", message="Never shown")(lambda case: True)


def test_the_same_guard_cannot_be_registered_twice_on_a_transition() -> None:
    with pytest.raises(ValueError, match="already has a guard"):
        register_guard("close", code="ofsted_not_told", message="Again")(lambda case: True)
    assert [g.code for g in TRANSITIONS["close"].guards].count("ofsted_not_told") == 1


def test_a_guard_must_name_a_transition() -> None:
    with pytest.raises(ValueError, match="names no transition"):
        register_guard(code="x", message="Never shown")(lambda case: True)
