"""Rulesets are versioned data with an effective date and verbatim sources."""

import re
from datetime import date
from pathlib import Path

import pytest

from casereviews.criteria import (
    RULESETS,
    Recommendation,
    UnknownRuleset,
    get_ruleset,
    ruleset_in_force,
)
from casereviews.criteria.rulesets import Ruleset

FINDINGS = {
    "reg_5_2_a_abuse_or_neglect",
    "reg_5_2_b_i_died",
    "reg_5_2_b_i_suspected_suicide",
    "reg_5_2_b_ii_harmed_with_concern",
    "harmed_no_inter_agency_concern",
    "reg_5_2_met",
    "death_in_listed_setting",
    "scr_discretion",
    "cpir_standards_not_met",
    "learning_single_agency",
    "learning_working_together",
    "learning_local_services",
    "good_practice",
    "suspected_suicide_reg_5_2_not_met",
    "scr_facts_not_known",
    "reg_5_2_b_not_met",
    "no_learning_identified",
    "no_good_practice_identified",
}
ADVISORIES = {
    "suspected_suicide_abuse_not_known",
    "similar_issues_previously_reviewed",
    "parallel_domestic_homicide_review",
    "parallel_safeguarding_adults_review",
    "parallel_mappa_review",
    "parallel_criminal_proceedings",
    "parallel_coroner_inquest",
}
PROCEDURE_NAME = "notification-of-cpir-scr.txt"


def test_bf_lscb_2015_is_in_force_from_working_together_2015() -> None:
    """bf-lscb-2015 applies from 26 March 2015, the publication of Working Together 2015."""
    ruleset = get_ruleset("bf-lscb-2015")
    assert ruleset.effective_from == date(2015, 3, 26)
    assert ruleset.version == 1
    assert ruleset_in_force(date(2015, 3, 26)) is ruleset
    assert ruleset_in_force(date(2026, 11, 26)) is ruleset


def test_no_ruleset_before_2015() -> None:
    """A date before any ruleset took effect has no ruleset in force."""
    with pytest.raises(UnknownRuleset, match="2015-03-25"):
        ruleset_in_force(date(2015, 3, 25))


def test_unknown_code_is_refused() -> None:
    """Asking for a ruleset code that does not exist names the code."""
    with pytest.raises(UnknownRuleset, match="'wt-2099'"):
        get_ruleset("wt-2099")


@pytest.mark.parametrize("ruleset", RULESETS, ids=lambda r: r.code)
def test_every_code_has_plain_text_and_a_source(ruleset: Ruleset) -> None:
    """Every recommendation, finding and advisory has text and a quoted, referenced source."""
    ruleset = get_ruleset(ruleset.code)
    assert set(ruleset.recommendations) == {str(r) for r in Recommendation}
    assert set(ruleset.findings) == FINDINGS
    assert set(ruleset.advisories) == ADVISORIES
    passages = [
        *ruleset.recommendations.values(),
        *ruleset.findings.values(),
        *ruleset.advisories.values(),
        *(listed.passage for listed in ruleset.listed_death_settings.values()),
    ]
    for passage in passages:
        assert passage.text.endswith(".")
        assert re.match(r"^Section [ABC] \d", passage.source), passage.source
        assert "“" in passage.source
        assert "”" in passage.source


# The procedure the service implements, kept in the repository beside its docs.
PROCEDURE = Path(__file__).resolve().parents[2] / "docs" / "procedure" / PROCEDURE_NAME


def _normalise(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def test_sources_quote_the_procedure_verbatim() -> None:
    """Every quotation in a source appears word for word in the procedure."""
    procedure = _normalise(PROCEDURE.read_text(encoding="utf-8"))
    for ruleset in RULESETS:
        passages = [
            *ruleset.recommendations.values(),
            *ruleset.findings.values(),
            *ruleset.advisories.values(),
            *(listed.passage for listed in ruleset.listed_death_settings.values()),
        ]
        for passage in passages:
            quotes = re.findall(r"“([^”]+)”", passage.source)
            assert quotes, passage.source
            for quote in quotes:
                assert _normalise(quote) in procedure, quote


def test_deprivation_of_liberty_limb_starts_at_16() -> None:
    """Only the deprivation of liberty setting carries a minimum age, 16."""
    ruleset = get_ruleset("bf-lscb-2015")
    ages = {str(s): listed.minimum_age for s, listed in ruleset.listed_death_settings.items()}
    assert ages.pop("deprivation_of_liberty_order") == 16
    assert set(ages.values()) == {0}
    assert "none" not in ages
