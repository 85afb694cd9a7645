"""The criteria engine: facts in, a recommendation with its reasons out.

Decision support only (DESIGN.md section 4): the Business Manager verifies and the
Independent Chair decides.

How unknown facts are handled. The serious case review (SCR) criteria depend on six
facts: abuse or neglect, whether the child died, suspected suicide, serious harm, the
death setting and the age. The engine enumerates every *completion*: every way of
filling in those that are unknown (``inter_agency_concern`` unknown counts as
``unclear``, so it is never filled in), leaving out contradictory ones such as
``child_died: false`` with a death in custody. Then:

- ``scr_mandatory`` / ``scr_expected`` hold when they hold in every completion;
- ``insufficient_information`` holds when they hold in some completion;
- a fact is *missing* when two completions that differ only in that fact differ in
  whether an SCR recommendation holds (or, when the answer is already
  ``scr_expected``, whether ``scr_mandatory`` does).

Findings are listed only when they hold in every completion, so each is certain on
the facts given.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import product
from typing import cast

from casereviews.criteria.facts import (
    MAX_AGE,
    MIN_AGE,
    AbuseOrNeglect,
    DeathSetting,
    Facts,
    InterAgencyConcern,
    StandardsNotMet,
    fact_names,
)
from casereviews.criteria.rulesets import Passage, Ruleset


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
    recommendation: Recommendation
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


# --- The SCR criteria over one completion -----------------------------------------

# The facts a completion fills in, in declaration order.
_SCR_FACTS = (
    "abuse_or_neglect",
    "child_died",
    "suspected_suicide",
    "seriously_harmed",
    "death_setting",
    "age_years",
)


@dataclass(frozen=True)
class _Case:
    """One completion: every SCR fact known."""

    abuse_or_neglect: AbuseOrNeglect
    child_died: bool
    suspected_suicide: bool
    seriously_harmed: bool
    death_setting: DeathSetting
    age_years: int
    concern: InterAgencyConcern


def _abuse_known_or_suspected(case: _Case) -> bool:
    return case.abuse_or_neglect is not AbuseOrNeglect.NOT_SUSPECTED


def _harmed_with_concern(case: _Case) -> bool:
    return case.seriously_harmed and case.concern is not InterAgencyConcern.NO


def _reg_5_2_met(case: _Case) -> bool:
    return _abuse_known_or_suspected(case) and (case.child_died or _harmed_with_concern(case))


def _died_in_listed_setting(case: _Case, ruleset: Ruleset) -> bool:
    listed = ruleset.listed_death_settings.get(case.death_setting)
    return case.child_died and listed is not None and case.age_years >= listed.minimum_age


def _consistent(case: _Case) -> bool:
    # The same contradictions Facts refuses: a suicide or a listed setting is a death.
    return case.child_died or (
        not case.suspected_suicide and case.death_setting is DeathSetting.NONE
    )


def _age_domain(ruleset: Ruleset) -> tuple[int, ...]:
    # Age matters only through "age >= minimum_age", so one age either side of each
    # threshold stands for every age: the enumeration stays exact and small.
    ages = {MIN_AGE}
    for listed in ruleset.listed_death_settings.values():
        ages |= {listed.minimum_age - 1, listed.minimum_age}
    return tuple(sorted(a for a in ages if MIN_AGE <= a <= MAX_AGE))


def _domains(facts: Facts, ruleset: Ruleset) -> tuple[Sequence[object], ...]:
    full: dict[str, Sequence[object]] = {
        "abuse_or_neglect": tuple(AbuseOrNeglect),
        "child_died": (False, True),
        "suspected_suicide": (False, True),
        "seriously_harmed": (False, True),
        "death_setting": tuple(DeathSetting),
        "age_years": _age_domain(ruleset),
    }
    return tuple(
        full[name] if getattr(facts, name) is None else (getattr(facts, name),)
        for name in _SCR_FACTS
    )


def _completions(facts: Facts, ruleset: Ruleset) -> Iterator[tuple[tuple[object, ...], _Case]]:
    concern = facts.concern
    for values in product(*_domains(facts, ruleset)):
        abuse, died, suicide, harmed, setting, age = values
        case = _Case(
            abuse_or_neglect=cast(AbuseOrNeglect, abuse),
            child_died=cast(bool, died),
            suspected_suicide=cast(bool, suicide),
            seriously_harmed=cast(bool, harmed),
            death_setting=cast(DeathSetting, setting),
            age_years=cast(int, age),
            concern=concern,
        )
        if _consistent(case):
            yield values, case


def _influential(unknown: Sequence[int], outcomes: Mapping[tuple[object, ...], bool]) -> set[int]:
    """Indexes of facts that alone change an outcome between two completions."""
    result: set[int] = set()
    for i in unknown:
        seen: dict[tuple[object, ...], set[bool]] = {}
        for values, outcome in outcomes.items():
            seen.setdefault(values[:i] + values[i + 1 :], set()).add(outcome)
        if any(len(v) > 1 for v in seen.values()):
            result.add(i)
    return result


# --- Assessment ---------------------------------------------------------------------


def _always(cases: Sequence[_Case], test: Callable[[_Case], bool]) -> bool:
    return all(test(c) for c in cases)


def assess(facts: Facts, ruleset: Ruleset) -> Assessment:
    """Assess the facts against the ruleset. Pure and deterministic."""
    completions = list(_completions(facts, ruleset))
    cases = [c for _, c in completions]

    def scr(case: _Case) -> bool:
        return _reg_5_2_met(case) or _died_in_listed_setting(case, ruleset)

    mandatory = _always(cases, _reg_5_2_met)
    expected = _always(cases, lambda c: _died_in_listed_setting(c, ruleset))
    died = _always(cases, lambda c: c.child_died)
    harmed = _always(cases, lambda c: c.seriously_harmed)
    standards = facts.standards_not_met is StandardsNotMet.YES
    learning = bool(facts.learning)
    may_be_scr = any(scr(c) for c in cases)

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

    # What could still make the answer stronger: an SCR at all, or a mandatory one.
    target = _reg_5_2_met if expected else scr
    unknown = [i for i, name in enumerate(_SCR_FACTS) if getattr(facts, name) is None]
    influential = (
        set()
        if mandatory
        else _influential(unknown, {values: target(case) for values, case in completions})
    )
    missing_names = {_SCR_FACTS[i] for i in influential}
    missing = tuple(n for n in fact_names() if n in missing_names)

    holding = {
        "reg_5_2_a_abuse_or_neglect": _always(cases, _abuse_known_or_suspected),
        "reg_5_2_b_i_died": died,
        "reg_5_2_b_i_suspected_suicide": facts.suspected_suicide is True,
        "reg_5_2_b_ii_harmed_with_concern": _always(cases, _harmed_with_concern),
        "harmed_no_inter_agency_concern": harmed and facts.concern is InterAgencyConcern.NO,
        "reg_5_2_met": mandatory,
        "death_in_listed_setting": expected,
        "scr_discretion": (died or harmed) and not may_be_scr,
        "cpir_standards_not_met": standards,
        "learning_single_agency": "single_agency" in (facts.learning or ()),
        "learning_working_together": "working_together" in (facts.learning or ()),
        "learning_local_services": "local_services" in (facts.learning or ()),
        "good_practice": facts.good_practice is True,
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
        "similar_issues_previously_reviewed": facts.similar_issues_previously_reviewed is True,
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
        missing=missing,
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
