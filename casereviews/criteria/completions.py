"""Three-valued reasoning over the serious case review (SCR) facts.

The SCR criteria depend on six facts (:data:`SCR_FACTS`). A *completion* fills in
every unknown one, leaving out contradictory ones (``child_died: false`` with a
suspected suicide or a death in a listed setting). ``inter_agency_concern`` unknown
counts as ``unclear``, so it is never filled in.

- A criterion *holds* when it holds in every completion.
- An SCR is *possible* when ``scr_mandatory`` or ``scr_expected`` holds in some completion.
- A fact is *missing* when filling it in could change the recommendation to an SCR
  one: there is some consistent way of filling in other unknown facts first (possibly
  none) after which one value of this fact gives ``scr_mandatory`` or ``scr_expected``
  and another does not. When the answer is already ``scr_expected``, the question is
  whether it could become ``scr_mandatory``.

Everything is computed by exhaustive enumeration, so it is exact; the domains are
small (at most a few thousand partial states) and results are cached.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import cast

from casereviews.criteria.facts import (
    MAX_AGE,
    MIN_AGE,
    AbuseOrNeglect,
    DeathSetting,
    Facts,
    InterAgencyConcern,
)
from casereviews.criteria.rulesets import Ruleset

# In declaration order, so ``missing`` comes out in that order too.
SCR_FACTS = (
    "abuse_or_neglect",
    "child_died",
    "suspected_suicide",
    "seriously_harmed",
    "death_setting",
    "age_years",
)
_DIED, _SUICIDE, _SETTING = 1, 2, 4

type State = tuple[object, ...]  # one value per SCR fact, None when unknown


@dataclass(frozen=True)
class Case:
    """One completion: every SCR fact known."""

    abuse_or_neglect: AbuseOrNeglect
    child_died: bool
    suspected_suicide: bool
    seriously_harmed: bool
    death_setting: DeathSetting
    age_years: int
    concern: InterAgencyConcern


def abuse_known_or_suspected(case: Case) -> bool:
    return case.abuse_or_neglect is not AbuseOrNeglect.NOT_SUSPECTED


def harmed_with_concern(case: Case) -> bool:
    return case.seriously_harmed and case.concern is not InterAgencyConcern.NO


def reg_5_2_met(case: Case) -> bool:
    """Regulation 5(2): abuse known or suspected, and died or harmed with concern."""
    return abuse_known_or_suspected(case) and (case.child_died or harmed_with_concern(case))


def died_in_listed_setting(case: Case, ruleset: Ruleset) -> bool:
    listed = ruleset.listed_death_settings.get(case.death_setting)
    return case.child_died and listed is not None and case.age_years >= listed.minimum_age


def _consistent(state: State) -> bool:
    # The contradictions Facts refuses: a suicide or a listed-setting death is a death.
    if state[_DIED] is not False:
        return True
    return state[_SUICIDE] is not True and state[_SETTING] in (None, DeathSetting.NONE)


def _age_domain(ruleset: Ruleset) -> tuple[int, ...]:
    # Age matters only through "age >= minimum_age", so one age either side of each
    # threshold stands for every age: the enumeration stays exact and small.
    ages = {MIN_AGE}
    for listed in ruleset.listed_death_settings.values():
        ages |= {listed.minimum_age - 1, listed.minimum_age}
    return tuple(sorted(a for a in ages if MIN_AGE <= a <= MAX_AGE))


def _domains(ruleset: Ruleset) -> tuple[Sequence[object], ...]:
    return (
        tuple(AbuseOrNeglect),
        (False, True),
        (False, True),
        (False, True),
        tuple(DeathSetting),
        _age_domain(ruleset),
    )


def _case(state: State, concern: InterAgencyConcern) -> Case:
    abuse, died, suicide, harmed, setting, age = state
    return Case(
        abuse_or_neglect=cast(AbuseOrNeglect, abuse),
        child_died=cast(bool, died),
        suspected_suicide=cast(bool, suicide),
        seriously_harmed=cast(bool, harmed),
        death_setting=cast(DeathSetting, setting),
        age_years=cast(int, age),
        concern=concern,
    )


def _fill(state: State, index: int, value: object) -> State:
    return (*state[:index], value, *state[index + 1 :])


@dataclass(frozen=True)
class ScrAnalysis:
    """What the facts settle about an SCR. Booleans hold in every completion."""

    mandatory: bool
    expected: bool
    possible: bool
    abuse_known_or_suspected: bool
    died: bool
    harmed: bool
    harmed_with_concern: bool
    missing: tuple[str, ...]


class _Reasoner:
    """Memoised "holds in every completion" over partial states of the SCR facts."""

    def __init__(self, concern: InterAgencyConcern, ruleset: Ruleset) -> None:
        self.concern = concern
        self.ruleset = ruleset
        self.domains = _domains(ruleset)
        self._memo: dict[tuple[str, State], bool] = {}

    def completions(self, state: State) -> Iterator[Case]:
        choices = [d if v is None else (v,) for v, d in zip(state, self.domains, strict=True)]
        for values in product(*choices):
            if _consistent(values):
                yield _case(values, self.concern)

    def mandatory(self, state: State) -> bool:
        return self._always("mandatory", state, reg_5_2_met)

    def expected(self, state: State) -> bool:
        return self._always("expected", state, self._listed)

    def _listed(self, case: Case) -> bool:
        return died_in_listed_setting(case, self.ruleset)

    def _always(self, name: str, state: State, test: Callable[[Case], bool]) -> bool:
        key = (name, state)
        if key not in self._memo:
            if None in state:
                i = state.index(None)
                # An inconsistent filling has no completions, so it holds vacuously.
                self._memo[key] = all(
                    self._always(name, _fill(state, i, v), test) for v in self.domains[i]
                )
            else:
                self._memo[key] = not _consistent(state) or test(_case(state, self.concern))
        return self._memo[key]

    def missing(self, state: State, target: Callable[[State], bool]) -> tuple[str, ...]:
        unknown = [i for i, v in enumerate(state) if v is None]
        result = []
        for i in unknown:
            others = [
                (None, *self.domains[j]) if j in unknown and j != i else (state[j],)
                for j in range(len(state))
            ]
            if any(self._decides(p, i, target) for p in product(*others)):
                result.append(SCR_FACTS[i])
        return tuple(result)

    def _decides(self, partial: State, i: int, target: Callable[[State], bool]) -> bool:
        if not _consistent(partial):
            return False
        fillings = (_fill(partial, i, v) for v in self.domains[i])
        return len({target(s) for s in fillings if _consistent(s)}) > 1


def analyse(facts: Facts, ruleset: Ruleset) -> ScrAnalysis:
    """Analyse the SCR facts of ``facts`` under ``ruleset``."""
    state = tuple(getattr(facts, name) for name in SCR_FACTS)
    return _analyse(state, facts.concern, ruleset)


@lru_cache(maxsize=4096)
def _analyse(state: State, concern: InterAgencyConcern, ruleset: Ruleset) -> ScrAnalysis:
    reasoner = _Reasoner(concern, ruleset)
    cases = list(reasoner.completions(state))
    mandatory = reasoner.mandatory(state)
    expected = reasoner.expected(state)

    def scr(s: State) -> bool:
        return reasoner.mandatory(s) or reasoner.expected(s)

    if mandatory:
        missing: tuple[str, ...] = ()
    else:
        missing = reasoner.missing(state, reasoner.mandatory if expected else scr)
    return ScrAnalysis(
        mandatory=mandatory,
        expected=expected,
        possible=any(reg_5_2_met(c) or died_in_listed_setting(c, ruleset) for c in cases),
        abuse_known_or_suspected=all(abuse_known_or_suspected(c) for c in cases),
        died=all(c.child_died for c in cases),
        harmed=all(c.seriously_harmed for c in cases),
        harmed_with_concern=all(harmed_with_concern(c) for c in cases),
        missing=missing,
    )
