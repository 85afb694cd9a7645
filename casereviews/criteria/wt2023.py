"""The criteria of a safeguarding partnership under Working Together 2023 (ruleset
``wt-2023``): is this a serious child safeguarding case, to be notified to the Child
Safeguarding Practice Review Panel and rapidly reviewed, and does it meet the guidance's
criteria for a local child safeguarding practice review (LCSPR)?

Plain Python with no Django import. Every text states the rule in the project's own
words; every ``source`` is one of :data:`CITATIONS`, each listed with what it says in
``docs/criteria-wt-2023.md``. Paragraph numbers are not cited: the citations name the
chapter and the heading the passage sits under (see that page).

Unknown facts are reasoned over exactly: the definition needs three facts (abuse or
neglect, died, seriously harmed); every way of filling in the unknown ones is tried, so
the case is a serious child safeguarding case only when it is one however they turn out,
and ``insufficient_information`` when it would be one for some of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import product
from types import MappingProxyType

from casereviews.criteria.facts import AbuseOrNeglect, Facts, InterAgencyConcern, LearningArea
from casereviews.criteria.rulesets import FRAMEWORK_RULESETS, Passage, Ruleset

ACT_16C = "Children Act 2004, section 16C(1)"
ACT_16E = "Children Act 2004, section 16E"
WT_SERIOUS_CASES = "Working Together 2023, chapter 5, “Serious child safeguarding cases”"
WT_NOTIFY = (
    "Working Together 2023, chapter 5, “Duty on local authorities to notify incidents to the "
    "Child Safeguarding Practice Review Panel”"
)
WT_RAPID_REVIEW = "Working Together 2023, chapter 5, “Rapid reviews”"
WT_LOCAL_REVIEWS = "Working Together 2023, chapter 5, “Decisions on local and national reviews”"

#: Every citation the ruleset relies on (docs/criteria-wt-2023.md says what each says).
CITATIONS: tuple[str, ...] = (
    ACT_16C,
    ACT_16E,
    WT_SERIOUS_CASES,
    WT_NOTIFY,
    WT_RAPID_REVIEW,
    WT_LOCAL_REVIEWS,
)

_DEFINITION = f"{ACT_16C}; {WT_SERIOUS_CASES}"


class PartnershipRecommendation(StrEnum):
    """The wt-2023 recommendations, strongest first: the first that holds is returned."""

    LCSPR_CRITERIA_MET = "lcspr_criteria_met"
    SERIOUS_INCIDENT_NOTIFIABLE = "serious_incident_notifiable"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    OTHER_REVIEW = "other_review"
    NO_REVIEW = "no_review"


R = PartnershipRecommendation

WT_2023 = Ruleset(
    code="wt-2023",
    version=1,
    # Working Together to Safeguard Children 2023 was published on 15 December 2023. A
    # case is judged by this ruleset when its board's framework says so, not by date.
    effective_from=date(2023, 12, 15),
    title="Safeguarding partnership: serious incident notification, rapid review and LCSPR "
    "(Working Together 2023)",
    recommendations=MappingProxyType(
        {
            "lcspr_criteria_met": Passage(
                "A serious child safeguarding case that meets the guidance's criteria for a "
                "local child safeguarding practice review. The local authority notifies the "
                "Panel, the partners hold a rapid review, and should consider commissioning "
                "an LCSPR.",
                WT_LOCAL_REVIEWS,
            ),
            "serious_incident_notifiable": Passage(
                "A serious child safeguarding case. The local authority must notify the "
                "Panel, and the partners hold a rapid review to decide whether a local "
                "review is appropriate.",
                ACT_16C,
            ),
            "insufficient_information": Passage(
                "Find out more. The missing facts could make this a serious child "
                "safeguarding case, which must be notified to the Panel.",
                WT_SERIOUS_CASES,
            ),
            "other_review": Passage(
                "Not a serious child safeguarding case, but there is learning: the partners "
                "may choose another form of learning review.",
                ACT_16E,
            ),
            "no_review": Passage(
                "Not a serious child safeguarding case, and no learning identified.",
                WT_SERIOUS_CASES,
            ),
        }
    ),
    findings=MappingProxyType(
        {
            "abuse_or_neglect_known_or_suspected": Passage(
                "Abuse or neglect of the child is “known or suspected”.", _DEFINITION
            ),
            "child_died": Passage("The child died.", ACT_16C),
            "child_seriously_harmed": Passage(
                "The child was “seriously harmed”. Serious harm includes serious or "
                "long-term impairment of the child's physical or mental health or "
                "development, and may have happened even if the child recovers.",
                WT_SERIOUS_CASES,
            ),
            "serious_child_safeguarding_case": Passage(
                "This is a serious child safeguarding case: abuse or neglect is known or "
                "suspected, and the child died or was seriously harmed.",
                _DEFINITION,
            ),
            "notify_panel": Passage(
                "The local authority must notify the Child Safeguarding Practice Review Panel, "
                "within 5 working days of becoming aware of the incident, and tell Ofsted.",
                f"{ACT_16C}; {WT_NOTIFY}",
            ),
            "rapid_review": Passage(
                "The safeguarding partners hold a rapid review, gathering the agencies' "
                "information, decide whether a local review is appropriate, and send the "
                "rapid review to the Panel.",
                WT_RAPID_REVIEW,
            ),
            "lcspr_improvements_needed": Passage(
                "The case highlights, or may highlight, improvements needed to safeguard "
                "children (learning was identified).",
                WT_LOCAL_REVIEWS,
            ),
            "lcspr_recurrent_themes": Passage(
                "The case highlights recurrent themes: similar issues have been reviewed before.",
                WT_LOCAL_REVIEWS,
            ),
            "lcspr_agencies_working_together": Passage(
                "The case highlights concerns about two or more agencies working together "
                "effectively.",
                WT_LOCAL_REVIEWS,
            ),
            "serious_case_facts_not_known": Passage(
                "Whether abuse or neglect is known or suspected, or whether the child died or "
                "was seriously harmed, is not yet known.",
                WT_SERIOUS_CASES,
            ),
            "not_a_serious_child_safeguarding_case": Passage(
                "This is not a serious child safeguarding case: the definition was checked "
                "and is not met.",
                _DEFINITION,
            ),
            "learning_without_serious_case": Passage(
                "Learning was identified: the partners may review the case another way, "
                "though it is not a serious child safeguarding case.",
                ACT_16E,
            ),
            "no_learning_identified": Passage(
                "No learning or good practice was identified.", WT_LOCAL_REVIEWS
            ),
        }
    ),
    advisories=MappingProxyType(
        {
            "suicide_or_unexplained_death": Passage(
                "The child died and abuse or neglect is not known or suspected. If the family "
                "is known to children's social care because of a recent incident or a current "
                "concern about abuse or neglect, and the death is a suicide or unexplained, "
                "the guidance asks professionals to consider the incident as serious too.",
                WT_SERIOUS_CASES,
            ),
            "serious_harm_note": Passage(
                "Abuse or neglect is known or suspected but serious harm is not established. "
                "Judge serious harm by its likely long-term effect, not only the immediate "
                "injury; it may have happened even if the child recovers.",
                WT_SERIOUS_CASES,
            ),
        }
    ),
    listed_death_settings=MappingProxyType({}),
)
FRAMEWORK_RULESETS.append(WT_2023)


@dataclass(frozen=True)
class Answer:
    """What the wt-2023 rules say, before the engine words it."""

    recommendation: PartnershipRecommendation
    findings: frozenset[str]
    advisories: frozenset[str]
    missing: tuple[str, ...]


# The definition's three facts, in declaration order (the order ``missing`` uses).
_DEFINITION_FACTS = ("abuse_or_neglect", "child_died", "seriously_harmed")


def _abuse(facts: Facts) -> bool | None:
    if facts.abuse_or_neglect is None:
        return None
    return facts.abuse_or_neglect is not AbuseOrNeglect.NOT_SUSPECTED


def _serious_case(values: tuple[bool, ...]) -> bool:
    abuse, died, harmed = values
    return abuse and (died or harmed)


def _completions(known: tuple[bool | None, ...]) -> list[tuple[bool, ...]]:
    return [
        tuple(
            value if value is not None else filled
            for value, filled in zip(known, fill, strict=True)
        )
        for fill in product((False, True), repeat=len(known))
    ]


def judge(facts: Facts) -> Answer:
    """The wt-2023 answer for these facts. Pure and deterministic."""
    known = (_abuse(facts), facts.died, facts.seriously_harmed)
    outcomes = {_serious_case(c) for c in _completions(known)}
    certain = outcomes == {True}
    possible = True in outcomes
    missing = tuple(
        name
        for index, name in enumerate(_DEFINITION_FACTS)
        if known[index] is None
        and any(
            _serious_case((*c[:index], True, *c[index + 1 :]))
            != _serious_case((*c[:index], False, *c[index + 1 :]))
            for c in _completions(known)
        )
    )
    learning = bool(facts.learning)
    criteria = {
        "lcspr_improvements_needed": learning,
        "lcspr_recurrent_themes": facts.similar_issues_previously_reviewed is True,
        "lcspr_agencies_working_together": facts.inter_agency_concern is InterAgencyConcern.YES
        or LearningArea.WORKING_TOGETHER in (facts.learning or ()),
    }
    if certain:
        recommendation = (
            R.LCSPR_CRITERIA_MET if any(criteria.values()) else R.SERIOUS_INCIDENT_NOTIFIABLE
        )
    elif possible:
        recommendation = R.INSUFFICIENT_INFORMATION
    elif learning or facts.good_practice is True:
        recommendation = R.OTHER_REVIEW
    else:
        recommendation = R.NO_REVIEW
    holding = {
        "abuse_or_neglect_known_or_suspected": known[0] is True,
        "child_died": known[1] is True,
        "child_seriously_harmed": known[2] is True,
        "serious_child_safeguarding_case": certain,
        "notify_panel": certain,
        "rapid_review": certain,
        **criteria,
        "serious_case_facts_not_known": recommendation is R.INSUFFICIENT_INFORMATION,
        "not_a_serious_child_safeguarding_case": not possible,
        "learning_without_serious_case": recommendation is R.OTHER_REVIEW,
        "no_learning_identified": recommendation is R.NO_REVIEW,
    }
    advising = {
        "suicide_or_unexplained_death": known[1] is True and known[0] is not True,
        "serious_harm_note": known[0] is True and known[1] is not True and known[2] is not True,
    }
    return Answer(
        recommendation=recommendation,
        findings=frozenset(code for code, holds in holding.items() if holds),
        advisories=frozenset(code for code, holds in advising.items() if holds),
        missing=missing,
    )
