"""The Working Together 2023 ruleset (`wt-2023`): the serious child safeguarding case
definition and the guidance's criteria for a local child safeguarding practice review,
checked against an oracle written from the issue's words, over every combination of facts
(hypothesis), and every citation it relies on listed in docs/criteria-wt-2023.md."""

from __future__ import annotations

import re
from datetime import date
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from casereviews.criteria import (
    WT_2023_CITATIONS,
    Assessment,
    assess,
    get_ruleset,
    parse_facts,
    ruleset_in_force,
)
from tests.criteria.test_properties import OMIT, fact_dicts

RULESET = get_ruleset("wt-2023")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "criteria-wt-2023.md"
SERIOUS = {"lcspr_criteria_met", "serious_incident_notifiable"}
DEFINITION = ("abuse_or_neglect", "child_died", "seriously_harmed")


def run(facts: dict[str, Any]) -> Assessment:
    return assess(parse_facts(facts), RULESET)


def _known(facts: dict[str, Any], name: str) -> Any:
    value = facts.get(name)
    return None if value in ("unknown", OMIT) else value


def _definition_values(facts: dict[str, Any]) -> tuple[bool | None, bool | None, bool | None]:
    abuse = _known(facts, "abuse_or_neglect")
    died = _known(facts, "child_died")
    if died is None and (
        facts.get("suspected_suicide") is True
        or _known(facts, "death_setting") not in (None, "none")
    ):
        died = True
    return (
        None if abuse is None else abuse in ("known", "suspected"),
        died,
        _known(facts, "seriously_harmed"),
    )


def _serious(values: tuple[bool, ...]) -> bool:
    # The definition: abuse or neglect known or suspected, and died or seriously harmed.
    abuse, died, harmed = values
    return abuse and (died or harmed)


def _outcomes(values: tuple[bool | None, ...]) -> set[bool]:
    choices = [(False, True) if v is None else (v,) for v in values]
    return {_serious(c) for c in product(*choices)}


def _lcspr_criteria(facts: dict[str, Any]) -> bool:
    learning = facts.get("learning") or []
    return (
        bool(learning)
        or facts.get("similar_issues_previously_reviewed") is True
        or _known(facts, "inter_agency_concern") == "yes"
    )


@settings(max_examples=400, deadline=None)
@given(fact_dicts())
def test_the_answer_follows_the_definition_and_the_local_review_criteria(
    facts: dict[str, Any],
) -> None:
    """Certainly a serious case: notify (LCSPR if any criterion holds); possibly one:
    find out more; certainly not: another learning review if there is learning, else none."""
    outcomes = _outcomes(_definition_values(facts))
    learning = bool(facts.get("learning")) or facts.get("good_practice") is True
    if outcomes == {True}:
        expected = "lcspr_criteria_met" if _lcspr_criteria(facts) else "serious_incident_notifiable"
    elif True in outcomes:
        expected = "insufficient_information"
    else:
        expected = "other_review" if learning else "no_review"
    assert str(run(facts).recommendation) == expected


@settings(max_examples=300, deadline=None)
@given(fact_dicts())
def test_a_missing_fact_is_one_whose_answer_could_decide_the_definition(
    facts: dict[str, Any],
) -> None:
    """`missing` lists exactly the unknown definition facts that could change whether the
    case is a serious child safeguarding case, and only when it might be one."""
    values = _definition_values(facts)
    expected = []
    for index, name in enumerate(DEFINITION):
        if values[index] is not None:
            continue
        others = [(False, True) if v is None else (v,) for i, v in enumerate(values) if i != index]
        if any(
            _serious((*c[:index], True, *c[index:])) != _serious((*c[:index], False, *c[index:]))
            for c in product(*others)
        ):
            expected.append(name)
    assert list(run(facts).missing) == expected


@settings(max_examples=300, deadline=None)
@given(fact_dicts())
def test_parallel_processes_and_standards_do_not_change_whether_a_case_is_serious(
    facts: dict[str, Any],
) -> None:
    """Only the definition's facts decide whether the Panel must be told."""
    plain = {
        k: v
        for k, v in facts.items()
        if k
        not in {
            "domestic_homicide",
            "adult_at_risk",
            "mappa_offender",
            "criminal_proceedings",
            "coroner_inquest",
            "standards_not_met",
            "age_years",
        }
    }
    assert (str(run(facts).recommendation) in SERIOUS) == (
        str(run(plain).recommendation) in SERIOUS
    )


@settings(max_examples=300, deadline=None)
@given(fact_dicts())
def test_every_serious_case_is_told_to_notify_the_panel_and_hold_a_rapid_review(
    facts: dict[str, Any],
) -> None:
    answer = run(facts)
    codes = {f.code for f in answer.findings}
    serious = str(answer.recommendation) in SERIOUS
    assert ({"notify_panel", "rapid_review", "serious_child_safeguarding_case"} <= codes) == (
        serious
    )
    assert all(f.source for f in (*answer.findings, *answer.advisories))


def test_a_death_by_suspected_suicide_with_abuse_not_suspected_asks_to_consider_it_serious() -> (
    None
):
    answer = run({"abuse_or_neglect": "not_suspected", "suspected_suicide": True})
    assert str(answer.recommendation) == "no_review"
    assert [a.code for a in answer.advisories] == ["suicide_or_unexplained_death"]
    assert "children's social care" in answer.advisories[0].text


def test_harm_with_abuse_suspected_and_no_inter_agency_concern_is_still_serious() -> None:
    """Unlike Regulation 5(2) of 2015, the definition asks nothing of inter-agency working."""
    facts = {
        "abuse_or_neglect": "suspected",
        "child_died": False,
        "seriously_harmed": True,
        "inter_agency_concern": "no",
    }
    assert str(run(facts).recommendation) == "serious_incident_notifiable"
    assert str(assess(parse_facts(facts), get_ruleset("bf-lscb-2015")).recommendation) == (
        "scr_discretionary"
    )


def test_the_2015_ruleset_is_still_the_one_chosen_by_date() -> None:
    """A board's framework chooses wt-2023; a date alone still gives the 2015 procedure."""
    assert ruleset_in_force(date(2026, 11, 30)).code == "bf-lscb-2015"


def _listed_citations() -> set[str]:
    rows = re.findall(r"^\| `([^`]+)` \|", DOCS.read_text(), flags=re.MULTILINE)
    return set(rows)


def _sources() -> set[str]:
    passages = [
        *RULESET.recommendations.values(),
        *RULESET.findings.values(),
        *RULESET.advisories.values(),
    ]
    return {part.strip() for p in passages for part in p.source.split(";")}


def test_every_citation_the_ruleset_relies_on_is_listed_in_the_docs() -> None:
    assert _sources() <= set(WT_2023_CITATIONS)
    assert set(WT_2023_CITATIONS) <= _listed_citations()


@pytest.mark.parametrize("code", sorted(_sources()))
def test_each_citation_says_what_it_says_in_the_docs(code: str) -> None:
    text = DOCS.read_text()
    row = next(line for line in text.splitlines() if line.startswith(f"| `{code}` |"))
    assert len(row.split("|")[2].strip()) > 40
