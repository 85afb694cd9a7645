"""Properties over every combination of facts, unknowns included (hypothesis).

The oracle here is written independently of the engine, straight from DESIGN.md
section 4, and checks it by brute force. Ages stand for every age by 0, 15, 16 and
17, because the criteria use the age only for the "16 or 17" limb; an exhaustive
test over every complete case checks all ages 0-17.
"""

from functools import cache
from itertools import product
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from casereviews.criteria import (
    VOCABULARIES,
    Assessment,
    Recommendation,
    assess,
    get_ruleset,
    parse_facts,
)

RULESET = get_ruleset("bf-lscb-2015")
OMIT = object()
SCR_FACTS = (
    "abuse_or_neglect",
    "child_died",
    "suspected_suicide",
    "seriously_harmed",
    "death_setting",
    "age_years",
)
DOMAINS: dict[str, tuple[Any, ...]] = {
    "abuse_or_neglect": ("not_suspected", "suspected", "known"),
    "child_died": (False, True),
    "suspected_suicide": (False, True),
    "seriously_harmed": (False, True),
    "death_setting": VOCABULARIES["death_setting"],
    "age_years": (0, 15, 16, 17),
}
LISTED = set(VOCABULARIES["death_setting"]) - {"none"}
SCR = {"scr_mandatory", "scr_expected"}
BOOLEANS = (
    "seriously_harmed",
    "good_practice",
    "similar_issues_previously_reviewed",
    "domestic_homicide",
    "adult_at_risk",
    "mappa_offender",
    "criminal_proceedings",
    "coroner_inquest",
)

type State = tuple[Any, ...]


@st.composite
def fact_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """Valid facts as JSON: every fact known, omitted, null or (if enumerated) "unknown"."""
    facts: dict[str, Any] = {}

    def pick(name: str, values: tuple[Any, ...], *, enumerated: bool = False) -> None:
        unknowns = (OMIT, None, "unknown") if enumerated else (OMIT, None)
        value = draw(st.sampled_from(unknowns + values))
        if value is not OMIT:
            facts[name] = value

    pick("abuse_or_neglect", DOMAINS["abuse_or_neglect"], enumerated=True)
    pick("child_died", (False, True))
    alive = facts.get("child_died") is False
    pick("suspected_suicide", (False,) if alive else (False, True))
    pick("inter_agency_concern", VOCABULARIES["inter_agency_concern"], enumerated=True)
    settings_ = ("none",) if alive else VOCABULARIES["death_setting"]
    pick("death_setting", settings_, enumerated=True)
    pick("age_years", tuple(range(18)))
    pick("standards_not_met", VOCABULARIES["standards_not_met"], enumerated=True)
    learning = draw(
        st.one_of(
            st.just(OMIT),
            st.none(),
            st.lists(st.sampled_from(VOCABULARIES["learning"]), unique=True),
        )
    )
    if learning is not OMIT:
        facts["learning"] = learning
    for name in BOOLEANS:
        pick(name, (False, True))
    return facts


def run(facts: dict[str, Any]) -> Assessment:
    return assess(parse_facts(facts), RULESET)


def known(facts: dict[str, Any], name: str) -> Any:
    value = facts.get(name)
    return None if value == "unknown" else value


def concern_of(facts: dict[str, Any]) -> str:
    return known(facts, "inter_agency_concern") or "unclear"


def consistent(state: State) -> bool:
    _, died, suicide, _, setting, _ = state
    return not (died is False and (suicide is True or setting not in (None, "none")))


def mandatory(state: State, concern: str) -> bool:
    abuse, died, _, harmed, _, _ = state
    return abuse in ("known", "suspected") and (died or (harmed and concern != "no"))


def expected(state: State) -> bool:
    _, died, _, _, setting, age = state
    dols_age_ok = setting != "deprivation_of_liberty_order" or age >= 16
    return bool(died) and setting in LISTED and dols_age_ok


def completions(state: State) -> list[State]:
    choices = [DOMAINS[n] if v is None else (v,) for n, v in zip(SCR_FACTS, state, strict=True)]
    return [c for c in product(*choices) if consistent(c)]


def scr_state(facts: dict[str, Any]) -> State:
    return tuple(known(facts, name) for name in SCR_FACTS)


def oracle_missing(facts: dict[str, Any]) -> tuple[str, ...]:
    """Facts whose filling-in, after some other filling, could change the answer to an SCR."""
    concern = concern_of(facts)

    @cache
    def always(kind: str, state: State) -> bool:
        if None not in state:
            if not consistent(state):
                return True
            return mandatory(state, concern) if kind == "m" else expected(state)
        i = state.index(None)
        return all(always(kind, (*state[:i], v, *state[i + 1 :])) for v in DOMAINS[SCR_FACTS[i]])

    base = scr_state(facts)
    if always("m", base):
        return ()
    could_strengthen = always("e", base)  # already expected: could it become mandatory?

    def target(state: State) -> bool:
        return always("m", state) or (not could_strengthen and always("e", state))

    unknown = [i for i, v in enumerate(base) if v is None]
    result = []
    for i in unknown:
        others = [
            (None, *DOMAINS[SCR_FACTS[j]]) if j in unknown and j != i else (base[j],)
            for j in range(len(base))
        ]
        for partial in product(*others):
            fills = [(*partial[:i], v, *partial[i + 1 :]) for v in DOMAINS[SCR_FACTS[i]]]
            outcomes = {target(f) for f in fills if consistent(f)}
            if consistent(partial) and len(outcomes) > 1:
                result.append(SCR_FACTS[i])
                break
    return tuple(result)


@given(fact_dicts())
def test_answer_is_one_of_the_eight_and_deterministic(facts: dict[str, Any]) -> None:
    """Every answer is one of the eight recommendations, and the same facts give the same answer."""
    first = run(facts)
    assert first.recommendation in set(Recommendation)
    assert first == run(dict(reversed(list(facts.items()))))
    assert first.as_dict() == run(facts).as_dict()
    assert list(first.missing) == sorted(first.missing, key=SCR_FACTS.index)


@given(fact_dicts())
def test_scr_answers_agree_with_every_completion(facts: dict[str, Any]) -> None:
    """SCR answers hold in every completion; insufficient means some completion is an SCR.

    When the answer is neither an SCR nor insufficient_information, no way of filling
    in the unknown facts (inter-agency concern included) gives an SCR.
    """
    answer = run(facts).recommendation
    state = scr_state(facts)
    concerns = [concern_of(facts)] if known(facts, "inter_agency_concern") else ["yes", "unclear"]
    cases = [(c, k) for c in completions(state) for k in concerns]
    if answer == "scr_mandatory":
        assert all(mandatory(c, k) for c, k in cases)
    elif answer == "scr_expected":
        assert all(expected(c) for c, _ in cases)
    elif answer == "insufficient_information":
        assert any(mandatory(c, k) or expected(c) for c, k in cases)
        assert run(facts).missing
    else:
        every_concern = [concern_of(facts)] if known(facts, "inter_agency_concern") else ["no"]
        for c, k in cases + [(c, k) for c in completions(state) for k in every_concern]:
            assert not mandatory(c, k)
            assert not expected(c)


WORSE: dict[str, list[tuple[Any, Any]]] = {
    "abuse_or_neglect": [
        ("not_suspected", "suspected"),
        ("suspected", "known"),
        ("not_suspected", "known"),
    ],
    "seriously_harmed": [(False, True)],
    "child_died": [(False, True)],
    "suspected_suicide": [(False, True), (None, True)],
    "inter_agency_concern": [("no", "unclear"), ("unclear", "yes"), ("no", "yes")],
    "death_setting": [("none", s) for s in sorted(LISTED)],
}


@given(fact_dicts(), st.data())
def test_worse_facts_never_weaken_an_scr(facts: dict[str, Any], data: st.DataObject) -> None:
    """Making a fact worse for the child never weakens an SCR recommendation."""
    moves = [
        (name, after)
        for name, steps in WORSE.items()
        for before, after in steps
        if known(facts, name) == before
    ]
    if not moves:
        return
    name, after = data.draw(st.sampled_from(moves))
    worse = {**facts, name: after}
    if name in ("suspected_suicide", "death_setting") and facts.get("child_died") is False:
        return  # a suicide or a custody death with the child alive is refused, not worse
    before, now = run(facts).recommendation, run(worse).recommendation
    if before == "scr_mandatory":
        assert now == "scr_mandatory"
    if before in SCR:
        assert now in SCR


@settings(max_examples=60, deadline=None)
@given(fact_dicts())
def test_missing_is_exactly_the_facts_that_could_lead_to_an_scr(facts: dict[str, Any]) -> None:
    """missing lists the unknown facts whose filling-in could change the answer to an SCR."""
    assert run(facts).missing == oracle_missing(facts)


@given(fact_dicts(), st.randoms(use_true_random=False))
def test_filling_in_facts_reaches_an_scr_only_through_missing_facts(
    facts: dict[str, Any], rnd: Any
) -> None:
    """Fill in unknown facts one by one: a step that makes the answer stronger is a missing fact."""
    original = run(facts)
    missing = set(original.missing)
    targets = {"scr_mandatory"} if original.recommendation == "scr_expected" else SCR
    state = dict(facts)
    order = [n for n in SCR_FACTS if known(state, n) is None]
    rnd.shuffle(order)
    reached = original.recommendation in targets
    for name in order:
        choices = list(DOMAINS[name])
        if name == "age_years":
            choices = list(range(18))
        rnd.shuffle(choices)
        for value in choices:
            trial = {**state, name: value}
            if name in ("suspected_suicide", "death_setting", "child_died"):
                died = trial.get("child_died")
                if died is False and (
                    trial.get("suspected_suicide") is True
                    or known(trial, "death_setting") not in (None, "none")
                ):
                    continue
            state = trial
            break
        now = run(state).recommendation in targets
        if now and not reached:
            assert name in missing
        reached = now


def test_every_complete_case_matches_the_oracle() -> None:
    """With every SCR fact known, for every age, the answer is exactly what DESIGN says."""
    domains = {**DOMAINS, "age_years": tuple(range(18))}
    for values in product(*(domains[n] for n in SCR_FACTS)):
        if not consistent(values):
            continue
        for concern in ("yes", "no", "unclear"):
            facts = dict(zip(SCR_FACTS, values, strict=True), inter_agency_concern=concern)
            answer = run(facts)
            if mandatory(values, concern):
                assert answer.recommendation == "scr_mandatory", facts
            elif expected(values):
                assert answer.recommendation == "scr_expected", facts
            else:
                assert answer.recommendation not in SCR | {"insufficient_information"}, facts
            assert answer.missing == ()
