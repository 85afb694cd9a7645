"""The criteria read as the procedure says (issue 14, section 3): a suspected suicide is
never told an SCR is "not required"; the "similar issues" advisory, which concerns
proposals for jointly commissioned CPIRs, never accompanies an SCR; and every answer,
`no_review` included, gives the findings that led to it, each with its source."""

from typing import Any

import pytest
from hypothesis import given

from casereviews.criteria import Assessment, assess, get_ruleset, parse_facts
from tests.criteria.test_properties import fact_dicts

RULESET = get_ruleset("bf-lscb-2015")
SUICIDE_SENTENCE = (
    "Working Together defines Regulation 5(2)(b)(i) to also include a requirement that SCRs "
    "are commissioned where a child has died by suspected suicide"
)


def check(**facts: object) -> Assessment:
    return assess(parse_facts(facts), RULESET)


def everything_said(answer: Assessment) -> list[str]:
    """Every sentence the reader is given: the recommendation and each finding and
    advisory, with their sources."""
    recommendation = RULESET.recommendations[answer.recommendation]
    said = [recommendation.text, recommendation.source]
    for item in (*answer.findings, *answer.advisories):
        said += [item.text, item.source]
    return said


@pytest.mark.parametrize("setting", ["none", None])
def test_a_suspected_suicide_is_never_told_an_scr_is_not_required(setting: object) -> None:
    answer = check(
        suspected_suicide=True,
        abuse_or_neglect="not_suspected",
        death_setting=setting,
        age_years=15,
    )
    if setting is None:  # the setting could be a listed one: find out more first
        assert answer.recommendation == "insufficient_information"
    else:
        assert answer.recommendation == "scr_discretionary"
    assert not any("not required" in sentence.lower() for sentence in everything_said(answer))


def test_a_suspected_suicide_without_abuse_says_why_and_asks_the_board_to_consider_it() -> None:
    answer = check(suspected_suicide=True, abuse_or_neglect="not_suspected", death_setting="none")
    assert answer.recommendation == "scr_discretionary"
    findings = {f.code: f for f in answer.findings}
    assert "scr_discretion" not in findings
    reading = findings["suspected_suicide_reg_5_2_not_met"]
    assert "Regulation 5(2) is not met" in reading.text
    assert SUICIDE_SENTENCE in reading.source
    assert reading.source.startswith("Section A 2(ii)")
    (advisory,) = answer.advisories
    assert advisory.code == "suspected_suicide_abuse_not_known"
    assert "Consider whether abuse or neglect is in fact suspected" in advisory.text


def test_a_death_that_is_not_a_suicide_keeps_the_boards_discretion_finding() -> None:
    answer = check(abuse_or_neglect="not_suspected", child_died=True, death_setting="none")
    assert answer.recommendation == "scr_discretionary"
    codes = [f.code for f in answer.findings]
    assert "scr_discretion" in codes
    assert "suspected_suicide_reg_5_2_not_met" not in codes


@pytest.mark.parametrize(
    ("facts", "recommendation"),
    [
        ({"abuse_or_neglect": "known", "child_died": True}, "scr_mandatory"),
        (
            {"abuse_or_neglect": "not_suspected", "child_died": True, "death_setting": "custody"},
            "scr_expected",
        ),
    ],
)
def test_similar_issues_are_not_raised_against_an_scr(facts: Any, recommendation: str) -> None:
    answer = check(**facts, similar_issues_previously_reviewed=True)
    assert answer.recommendation == recommendation
    assert "similar_issues_previously_reviewed" not in [a.code for a in answer.advisories]


def test_similar_issues_are_raised_against_a_proposed_cpir() -> None:
    answer = check(
        abuse_or_neglect="not_suspected",
        child_died=False,
        seriously_harmed=False,
        standards_not_met="yes",
        learning=["working_together"],
        similar_issues_previously_reviewed=True,
    )
    assert answer.recommendation == "cpir"
    (advisory,) = answer.advisories
    assert advisory.code == "similar_issues_previously_reviewed"
    assert advisory.source.startswith("Section A 3(v)")


def test_no_review_lists_the_criteria_checked_and_not_met_with_their_sources() -> None:
    answer = check(
        abuse_or_neglect="not_suspected",
        child_died=False,
        seriously_harmed=False,
        standards_not_met="yes",
        learning=[],
    )
    assert answer.recommendation == "no_review"
    findings = {f.code: f for f in answer.findings}
    assert list(findings) == [
        "cpir_standards_not_met",
        "reg_5_2_b_not_met",
        "no_learning_identified",
        "no_good_practice_identified",
    ]
    assert findings["reg_5_2_b_not_met"].source.startswith("Section A 2(i), Regulation 5(2)(b)")
    assert findings["no_learning_identified"].source.startswith("Section A 3(i)")
    assert findings["no_good_practice_identified"].source.startswith("Section A 3(ii)")


def test_not_knowing_enough_is_itself_a_finding() -> None:
    answer = check()
    assert answer.recommendation == "insufficient_information"
    assert [f.code for f in answer.findings] == ["scr_facts_not_known"]
    assert answer.missing


@given(fact_dicts())
def test_every_answer_lists_the_findings_that_led_to_it(facts: dict[str, Any]) -> None:
    answer = assess(parse_facts(facts), RULESET)
    assert answer.findings
    for finding in answer.findings:
        assert finding.text
        assert finding.source.startswith("Section ")
        assert "“" in finding.source
