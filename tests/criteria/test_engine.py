"""Recommendations, findings, advisories and missing facts for bf-lscb-2015."""

from typing import cast

import pytest

from casereviews.criteria import Assessment, assess, get_ruleset, parse_facts

RULESET = get_ruleset("bf-lscb-2015")
LISTED = (
    "police_custody",
    "custody",
    "remand_or_sentenced",
    "young_offender_institution",
    "secure_training_centre",
    "secure_childrens_home",
    "mental_health_act_detention",
)


def check(**facts: object) -> Assessment:
    return assess(parse_facts(facts), RULESET)


def codes(**facts: object) -> list[str]:
    return [f.code for f in check(**facts).findings]


def advisories(**facts: object) -> list[str]:
    return [a.code for a in check(**facts).advisories]


# --- scr_mandatory ----------------------------------------------------------------


@pytest.mark.parametrize("abuse", ["known", "suspected"])
def test_died_with_abuse_known_or_suspected_is_mandatory(abuse: str) -> None:
    """Regulation 5(2)(a) and (b)(i): abuse known or suspected and the child died."""
    answer = check(abuse_or_neglect=abuse, child_died=True)
    assert answer.recommendation == "scr_mandatory"
    assert answer.missing == ()
    assert codes(abuse_or_neglect=abuse, child_died=True) == [
        "reg_5_2_a_abuse_or_neglect",
        "reg_5_2_b_i_died",
        "reg_5_2_met",
    ]


@pytest.mark.parametrize("concern", ["yes", "unclear", "unknown", None])
def test_harmed_without_clear_absence_of_concern_is_mandatory(concern: object) -> None:
    """Regulation 5(2)(b)(ii): seriously harmed and not clear there are no concerns."""
    answer = check(abuse_or_neglect="known", seriously_harmed=True, inter_agency_concern=concern)
    assert answer.recommendation == "scr_mandatory"
    assert "reg_5_2_b_ii_harmed_with_concern" in [f.code for f in answer.findings]


def test_suspected_suicide_with_abuse_suspected_is_mandatory() -> None:
    """A suspected suicide counts as a death under Regulation 5(2)(b)(i)."""
    answer = check(abuse_or_neglect="suspected", suspected_suicide=True)
    assert answer.recommendation == "scr_mandatory"
    assert "reg_5_2_b_i_suspected_suicide" in [f.code for f in answer.findings]
    assert "reg_5_2_b_i_died" in [f.code for f in answer.findings]


def test_died_in_custody_with_abuse_known_is_mandatory_not_expected() -> None:
    """Mandatory is stronger than expected; both criteria are listed as findings."""
    answer = check(abuse_or_neglect="known", child_died=True, death_setting="custody")
    assert answer.recommendation == "scr_mandatory"
    assert {"reg_5_2_met", "death_in_listed_setting"} <= {f.code for f in answer.findings}


# --- scr_expected -----------------------------------------------------------------


@pytest.mark.parametrize("setting", LISTED)
def test_death_in_listed_setting_without_abuse_is_expected(setting: str) -> None:
    """An SCR should always be held when a child dies in a listed setting."""
    answer = check(abuse_or_neglect="not_suspected", child_died=True, death_setting=setting)
    assert answer.recommendation == "scr_expected"
    assert answer.missing == ()
    finding = [f for f in answer.findings if f.code == "death_in_listed_setting"]
    assert len(finding) == 1
    assert "should always be carried out" in finding[0].source


def test_died_in_custody_abuse_unknown_is_expected_and_asks_for_abuse() -> None:
    """Whatever is known of abuse, a death in custody is expected to have an SCR.

    Knowing abuse would make it mandatory, so abuse_or_neglect is still missing.
    """
    answer = check(child_died=True, death_setting="custody")
    assert answer.recommendation == "scr_expected"
    assert answer.missing == ("abuse_or_neglect",)


def test_listed_setting_alone_implies_death() -> None:
    """death_setting is where the child died, so child_died need not be given."""
    assert check(abuse_or_neglect="not_suspected", death_setting="custody").recommendation == (
        "scr_expected"
    )


@pytest.mark.parametrize("age", [16, 17])
def test_deprivation_of_liberty_at_16_or_17_is_expected(age: int) -> None:
    """The deprivation of liberty limb applies at 16 or 17."""
    answer = check(
        abuse_or_neglect="not_suspected",
        child_died=True,
        death_setting="deprivation_of_liberty_order",
        age_years=age,
    )
    assert answer.recommendation == "scr_expected"


@pytest.mark.parametrize("age", range(16))
def test_deprivation_of_liberty_under_16_is_not_expected(age: int) -> None:
    """Under 16 the deprivation of liberty limb does not apply; the board has discretion."""
    answer = check(
        abuse_or_neglect="not_suspected",
        child_died=True,
        death_setting="deprivation_of_liberty_order",
        age_years=age,
    )
    assert answer.recommendation == "scr_discretionary"
    assert "death_in_listed_setting" not in [f.code for f in answer.findings]


def test_deprivation_of_liberty_with_age_unknown_needs_the_age() -> None:
    """With the age unknown the limb could apply, so the age is missing."""
    answer = check(
        abuse_or_neglect="not_suspected",
        child_died=True,
        death_setting="deprivation_of_liberty_order",
    )
    assert answer.recommendation == "insufficient_information"
    assert answer.missing == ("age_years",)


# --- insufficient_information -----------------------------------------------------


def test_died_with_abuse_unknown_is_insufficient() -> None:
    """A death with abuse unknown could be mandatory, so more is needed."""
    answer = check(child_died=True, death_setting="none")
    assert answer.recommendation == "insufficient_information"
    assert answer.missing == ("abuse_or_neglect",)


def test_died_abuse_not_suspected_setting_unknown_is_insufficient() -> None:
    """The setting could make an SCR expected; the age matters for the DoLS limb."""
    answer = check(abuse_or_neglect="not_suspected", child_died=True)
    assert answer.recommendation == "insufficient_information"
    assert answer.missing == ("death_setting", "age_years")


def test_abuse_known_and_nothing_else_is_insufficient() -> None:
    """Abuse known: a death, a suicide, a death in custody or serious harm would be mandatory."""
    answer = check(abuse_or_neglect="known")
    assert answer.recommendation == "insufficient_information"
    assert answer.missing == (
        "child_died",
        "suspected_suicide",
        "seriously_harmed",
        "death_setting",
    )


def test_nothing_known_is_insufficient() -> None:
    """With no facts at all an SCR cannot be ruled out."""
    answer = check()
    assert answer.recommendation == "insufficient_information"
    assert answer.missing == (
        "abuse_or_neglect",
        "child_died",
        "suspected_suicide",
        "seriously_harmed",
        "death_setting",
        "age_years",
    )


def test_insufficient_outranks_cpir() -> None:
    """A possible SCR is decided before a CPIR is considered."""
    answer = check(child_died=True, standards_not_met="yes", learning=["single_agency"])
    assert answer.recommendation == "insufficient_information"


def test_inter_agency_concern_is_never_missing() -> None:
    """Unknown concern counts as unclear, so filling it in can never add an SCR."""
    answer = check(abuse_or_neglect="known", child_died=False, seriously_harmed=True)
    assert answer.recommendation == "scr_mandatory"
    assert "inter_agency_concern" not in check().missing


# --- cpir, cpir_good_practice, scr_discretionary, other_review, no_review ---------

NOT_SCR = {"abuse_or_neglect": "not_suspected", "child_died": False, "seriously_harmed": False}


def test_standards_not_met_with_learning_is_cpir() -> None:
    """Not an SCR case, standards not met and a learning area: a CPIR."""
    answer = check(**NOT_SCR, standards_not_met="yes", learning=["working_together"])
    assert answer.recommendation == "cpir"
    assert [f.code for f in answer.findings] == [
        "cpir_standards_not_met",
        "learning_working_together",
    ]
    assert answer.missing == ()


def test_cpir_outranks_good_practice() -> None:
    """Standards not met with learning and good practice: a CPIR."""
    answer = check(
        **NOT_SCR, standards_not_met="yes", learning=["single_agency"], good_practice=True
    )
    assert answer.recommendation == "cpir"
    assert "good_practice" in [f.code for f in answer.findings]


def test_death_outside_listed_settings_without_abuse_with_learning_is_cpir() -> None:
    """Died, abuse not suspected, no listed setting, standards not met with learning: a CPIR."""
    answer = check(
        abuse_or_neglect="not_suspected",
        child_died=True,
        death_setting="none",
        standards_not_met="yes",
        learning=["local_services"],
    )
    assert answer.recommendation == "cpir"
    assert "scr_discretion" in [f.code for f in answer.findings]


@pytest.mark.parametrize("standards", ["no", "unclear", "unknown"])
def test_learning_without_standards_not_met_is_not_cpir(standards: str) -> None:
    """Only standards_not_met "yes" meets the CPIR condition."""
    answer = check(**NOT_SCR, standards_not_met=standards, learning=["single_agency"])
    assert answer.recommendation == "other_review"


@pytest.mark.parametrize("learning", [[], None])
def test_standards_not_met_without_learning_is_not_cpir(learning: object) -> None:
    """A CPIR needs at least one learning area; none identified or unknown is not enough."""
    answer = check(**NOT_SCR, standards_not_met="yes", learning=learning)
    assert answer.recommendation == "no_review"


def test_good_practice_is_cpir_good_practice() -> None:
    """Good practice worth sharing: a CPIR to share it."""
    answer = check(**NOT_SCR, good_practice=True, learning=["single_agency"])
    assert answer.recommendation == "cpir_good_practice"


def test_good_practice_outranks_discretionary() -> None:
    """cpir_good_practice comes before scr_discretionary."""
    answer = check(
        abuse_or_neglect="not_suspected", child_died=True, death_setting="none", good_practice=True
    )
    assert answer.recommendation == "cpir_good_practice"


def test_harmed_without_abuse_is_discretionary() -> None:
    """Seriously harmed but Regulation 5(2) not met: the board may still commission an SCR."""
    answer = check(abuse_or_neglect="not_suspected", seriously_harmed=True, child_died=False)
    assert answer.recommendation == "scr_discretionary"
    assert "scr_discretion" in [f.code for f in answer.findings]


def test_harmed_with_abuse_and_clearly_no_concern_is_discretionary() -> None:
    """Clear that there are no inter-agency concerns: 5(2)(b)(ii) is not met."""
    answer = check(
        abuse_or_neglect="known",
        seriously_harmed=True,
        child_died=False,
        inter_agency_concern="no",
    )
    assert answer.recommendation == "scr_discretionary"
    assert [f.code for f in answer.findings] == [
        "reg_5_2_a_abuse_or_neglect",
        "harmed_no_inter_agency_concern",
        "scr_discretion",
    ]


def test_discretionary_outranks_other_review() -> None:
    """A death with learning but no CPIR conditions is discretionary, not other review."""
    answer = check(
        abuse_or_neglect="not_suspected",
        child_died=True,
        death_setting="none",
        learning=["single_agency"],
    )
    assert answer.recommendation == "scr_discretionary"


def test_learning_alone_is_other_review() -> None:
    """Learning identified without the CPIR conditions: a review or audit of practice."""
    assert check(**NOT_SCR, learning=["local_services"]).recommendation == "other_review"


def test_nothing_of_concern_is_no_review() -> None:
    """No SCR possible and no learning: no review, with the criteria checked and not met
    as its findings, so the Business Manager can record the reason."""
    answer = check(**NOT_SCR)
    assert answer.recommendation == "no_review"
    assert [f.code for f in answer.findings] == [
        "reg_5_2_b_not_met",
        "no_learning_identified",
        "no_good_practice_identified",
    ]
    assert answer.missing == ()


def test_abuse_not_suspected_rules_out_mandatory_only() -> None:
    """With abuse not suspected only a listed-setting death could need an SCR."""
    answer = check(abuse_or_neglect="not_suspected", child_died=False)
    assert answer.recommendation == "no_review"


# --- advisories -------------------------------------------------------------------


@pytest.mark.parametrize("abuse", ["not_suspected", "unknown"])
def test_suspected_suicide_without_abuse_advises_considering_abuse(abuse: str) -> None:
    """A suspected suicide without known or suspected abuse: consider whether it is suspected."""
    assert advisories(suspected_suicide=True, abuse_or_neglect=abuse) == [
        "suspected_suicide_abuse_not_known"
    ]


def test_suspected_suicide_with_abuse_needs_no_advisory() -> None:
    """With abuse known the suicide advisory is not given."""
    assert advisories(suspected_suicide=True, abuse_or_neglect="known") == []


@pytest.mark.parametrize(
    ("fact", "code"),
    [
        ("similar_issues_previously_reviewed", "similar_issues_previously_reviewed"),
        ("domestic_homicide", "parallel_domestic_homicide_review"),
        ("adult_at_risk", "parallel_safeguarding_adults_review"),
        ("mappa_offender", "parallel_mappa_review"),
        ("criminal_proceedings", "parallel_criminal_proceedings"),
        ("coroner_inquest", "parallel_coroner_inquest"),
    ],
)
def test_each_flag_gives_its_advisory(fact: str, code: str) -> None:
    """Each parallel-process or earlier-review flag gives its advisory, and only when true."""
    assert advisories(**{fact: True}) == [code]
    assert advisories(**{fact: False}) == []
    assert advisories(**{fact: None}) == []


def test_dhr_advisory_says_an_scr_may_still_be_needed() -> None:
    """A DHR does not replace an SCR: the advisory says one may still be needed."""
    (advisory,) = check(domestic_homicide=True).advisories
    assert "serious case review may still be needed" in advisory.text


def test_proceedings_advisory_says_do_not_delay() -> None:
    """Criminal proceedings: liaise, do not delay the review, follow CPS guidance."""
    (advisory,) = check(criminal_proceedings=True).advisories
    assert "do not delay the review" in advisory.text
    assert "Crown Prosecution Service" in advisory.text


def test_advisories_accompany_an_scr_and_come_in_ruleset_order() -> None:
    """Advisories are listed with any recommendation, in the ruleset's order; similar
    issues previously reviewed is not among them with an SCR recommendation."""
    answer = check(
        abuse_or_neglect="known",
        child_died=True,
        coroner_inquest=True,
        domestic_homicide=True,
        similar_issues_previously_reviewed=True,
    )
    assert answer.recommendation == "scr_mandatory"
    assert [a.code for a in answer.advisories] == [
        "parallel_domestic_homicide_review",
        "parallel_coroner_inquest",
    ]


# --- the answer's shape -----------------------------------------------------------


def test_as_dict_has_the_contract_keys() -> None:
    """The answer has DESIGN's five keys plus ruleset_version."""
    answer = check(abuse_or_neglect="known", child_died=True, criminal_proceedings=True)
    data = answer.as_dict()
    assert set(data) == {
        "ruleset",
        "ruleset_version",
        "recommendation",
        "findings",
        "advisories",
        "missing",
    }
    assert data["ruleset"] == "bf-lscb-2015"
    assert data["ruleset_version"] == 1
    assert data["recommendation"] == "scr_mandatory"
    assert cast(list[dict[str, object]], data["findings"])[0] == {
        "code": "reg_5_2_a_abuse_or_neglect",
        "text": "Abuse or neglect of the child is known or suspected.",
        "source": "Section A 2(i), Regulation 5(2)(a): “abuse or neglect of a child is known "
        "or suspected”",
    }
    assert data["missing"] == []


def test_finding_for_a_setting_quotes_that_setting() -> None:
    """The listed-setting finding names the setting and quotes its limb."""
    answer = check(child_died=True, death_setting="young_offender_institution")
    (finding,) = [f for f in answer.findings if f.code == "death_in_listed_setting"]
    assert "young offender institution" in finding.text
    assert "Young Offender institution" in finding.source
