"""The criteria engine: facts in, a recommendation with its reasons out.

Decision support only (DESIGN.md section 4): the Business Manager verifies and the
Independent Chair decides.

Unknown facts are reasoned over exactly, by enumerating the ways they could be filled
in (see :mod:`casereviews.criteria.completions`): ``scr_mandatory`` and
``scr_expected`` hold only when they hold however the unknown facts turn out, and
``insufficient_information`` when they would hold for some way of filling them in.

Findings are listed only when they hold in every completion, so each is certain on
the facts given.
"""

from dataclasses import dataclass
from enum import StrEnum

from casereviews.criteria.completions import analyse
from casereviews.criteria.facts import (
    AbuseOrNeglect,
    Facts,
    InterAgencyConcern,
    StandardsNotMet,
)
from casereviews.criteria.rulesets import Passage, Ruleset
from casereviews.criteria.wt2023 import WT_2023, PartnershipRecommendation, judge


class Recommendation(StrEnum):
    """The recommendations, strongest first: the first that holds is returned."""

    SCR_MANDATORY = "scr_mandatory"
    SCR_EXPECTED = "scr_expected"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    CPIR = "cpir"
    CPIR_GOOD_PRACTICE = "cpir_good_practice"
    SCR_DISCRETIONARY = "scr_discretionary"
    OTHER_REVIEW = "other_review"
    NO_REVIEW = "no_review"


SCR_RECOMMENDATIONS = frozenset({Recommendation.SCR_MANDATORY, Recommendation.SCR_EXPECTED})


@dataclass(frozen=True)
class Finding:
    """A finding or advisory: its code, plain-English text and the procedure passage."""

    code: str
    text: str
    source: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text, "source": self.source}


@dataclass(frozen=True)
class Assessment:
    """The engine's answer. ``missing`` holds fact names in declaration order."""

    ruleset: str
    ruleset_version: int
    recommendation: Recommendation | PartnershipRecommendation
    findings: tuple[Finding, ...]
    advisories: tuple[Finding, ...]
    missing: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """The JSON answer of DESIGN.md section 4, plus ``ruleset_version``."""
        return {
            "ruleset": self.ruleset,
            "ruleset_version": self.ruleset_version,
            "recommendation": str(self.recommendation),
            "findings": [f.as_dict() for f in self.findings],
            "advisories": [a.as_dict() for a in self.advisories],
            "missing": list(self.missing),
        }


def assess(facts: Facts, ruleset: Ruleset) -> Assessment:
    """Assess the facts against the ruleset. Pure and deterministic."""
    if ruleset.code == WT_2023.code:
        return _assess_wt_2023(facts, ruleset)
    scr = analyse(facts, ruleset)
    mandatory, expected, died, harmed = scr.mandatory, scr.expected, scr.died, scr.harmed
    standards = facts.standards_not_met is StandardsNotMet.YES
    learning = bool(facts.learning)
    may_be_scr = scr.possible

    if mandatory:
        recommendation = Recommendation.SCR_MANDATORY
    elif expected:
        recommendation = Recommendation.SCR_EXPECTED
    elif may_be_scr:
        recommendation = Recommendation.INSUFFICIENT_INFORMATION
    elif standards and learning:
        recommendation = Recommendation.CPIR
    elif facts.good_practice:
        recommendation = Recommendation.CPIR_GOOD_PRACTICE
    elif died or harmed:
        recommendation = Recommendation.SCR_DISCRETIONARY
    elif learning:
        recommendation = Recommendation.OTHER_REVIEW
    else:
        recommendation = Recommendation.NO_REVIEW

    suicide_not_met = (
        facts.suspected_suicide is True and recommendation is Recommendation.SCR_DISCRETIONARY
    )
    no_review = recommendation is Recommendation.NO_REVIEW
    holding = {
        "reg_5_2_a_abuse_or_neglect": scr.abuse_known_or_suspected,
        "reg_5_2_b_i_died": died,
        "reg_5_2_b_i_suspected_suicide": facts.suspected_suicide is True,
        "reg_5_2_b_ii_harmed_with_concern": scr.harmed_with_concern,
        "harmed_no_inter_agency_concern": harmed and facts.concern is InterAgencyConcern.NO,
        "reg_5_2_met": mandatory,
        "death_in_listed_setting": expected,
        "scr_discretion": (died or harmed) and not may_be_scr and not suicide_not_met,
        "cpir_standards_not_met": standards,
        "learning_single_agency": "single_agency" in (facts.learning or ()),
        "learning_working_together": "working_together" in (facts.learning or ()),
        "learning_local_services": "local_services" in (facts.learning or ()),
        "good_practice": facts.good_practice is True,
        "suspected_suicide_reg_5_2_not_met": suicide_not_met,
        "scr_facts_not_known": recommendation is Recommendation.INSUFFICIENT_INFORMATION,
        # A `no_review` answer: the criteria checked and not met.
        "reg_5_2_b_not_met": no_review,
        "no_learning_identified": no_review,
        "no_good_practice_identified": no_review,
    }
    findings = tuple(
        _finding(code, _finding_passage(code, passage, facts, ruleset))
        for code, passage in ruleset.findings.items()
        if holding.get(code, False)
    )

    suicide_unexplained = facts.suspected_suicide is True and facts.abuse_or_neglect in (
        None,
        AbuseOrNeglect.NOT_SUSPECTED,
    )
    advising = {
        "suspected_suicide_abuse_not_known": suicide_unexplained,
        "similar_issues_previously_reviewed": facts.similar_issues_previously_reviewed is True
        and recommendation not in SCR_RECOMMENDATIONS,
        "parallel_domestic_homicide_review": facts.domestic_homicide is True,
        "parallel_safeguarding_adults_review": facts.adult_at_risk is True,
        "parallel_mappa_review": facts.mappa_offender is True,
        "parallel_criminal_proceedings": facts.criminal_proceedings is True,
        "parallel_coroner_inquest": facts.coroner_inquest is True,
    }
    advisories = tuple(
        _finding(code, passage)
        for code, passage in ruleset.advisories.items()
        if advising.get(code, False)
    )
    return Assessment(
        ruleset=ruleset.code,
        ruleset_version=ruleset.version,
        recommendation=recommendation,
        findings=findings,
        advisories=advisories,
        missing=scr.missing,
    )


def _assess_wt_2023(facts: Facts, ruleset: Ruleset) -> Assessment:
    """A safeguarding partnership's answer (`casereviews.criteria.wt2023`), in the
    ruleset's order of findings and advisories."""
    answer = judge(facts)
    return Assessment(
        ruleset=ruleset.code,
        ruleset_version=ruleset.version,
        recommendation=answer.recommendation,
        findings=tuple(
            _finding(code, passage)
            for code, passage in ruleset.findings.items()
            if code in answer.findings
        ),
        advisories=tuple(
            _finding(code, passage)
            for code, passage in ruleset.advisories.items()
            if code in answer.advisories
        ),
        missing=answer.missing,
    )


def _finding_passage(code: str, passage: Passage, facts: Facts, ruleset: Ruleset) -> Passage:
    # A death in a listed setting quotes the procedure's words for that setting.
    if code == "death_in_listed_setting" and facts.death_setting is not None:
        listed = ruleset.listed_death_settings.get(facts.death_setting)
        if listed is not None:
            return listed.passage
    return passage


def _finding(code: str, passage: Passage) -> Finding:
    return Finding(code=code, text=passage.text, source=passage.source)
