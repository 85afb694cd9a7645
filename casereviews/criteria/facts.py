"""The facts the criteria engine reasons over, and their validation.

The fact names and vocabularies are the contract of DESIGN.md section 4: the
notification form, the API and the ``assess_criteria`` command all speak them.

Unknown facts:

- a fact that is omitted or ``null`` is unknown (``None`` on :class:`Facts`);
- an enumerated fact also accepts the word ``"unknown"``;
- ``inter_agency_concern`` unknown counts as ``unclear`` (see :attr:`Facts.concern`);
- ``learning``: ``null`` or omitted means not yet known, ``[]`` means no learning
  identified. Both stop a CPIR being recommended, so they differ only in what they
  record, not in the answer.

A child who died by suspected suicide, or who died in a listed setting, has died:
``child_died`` may be left unknown, but ``child_died: false`` with either of them is
contradictory and refused.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum

UNKNOWN = "unknown"


class InvalidFacts(ValueError):
    """A fact is unknown, malformed, outside its vocabulary or contradicts another."""

    def __init__(self, fact: str, message: str) -> None:
        super().__init__(f"{fact}: {message}")
        self.fact = fact
        self.message = message


class AbuseOrNeglect(StrEnum):
    KNOWN = "known"
    SUSPECTED = "suspected"
    NOT_SUSPECTED = "not_suspected"


class InterAgencyConcern(StrEnum):
    YES = "yes"
    NO = "no"  # it is clear that there are no concerns
    UNCLEAR = "unclear"


class DeathSetting(StrEnum):
    NONE = "none"  # the child did not die in any listed setting
    POLICE_CUSTODY = "police_custody"
    CUSTODY = "custody"
    REMAND_OR_SENTENCED = "remand_or_sentenced"
    YOUNG_OFFENDER_INSTITUTION = "young_offender_institution"
    SECURE_TRAINING_CENTRE = "secure_training_centre"
    SECURE_CHILDRENS_HOME = "secure_childrens_home"
    MENTAL_HEALTH_ACT_DETENTION = "mental_health_act_detention"
    DEPRIVATION_OF_LIBERTY_ORDER = "deprivation_of_liberty_order"


class StandardsNotMet(StrEnum):
    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


class LearningArea(StrEnum):
    SINGLE_AGENCY = "single_agency"
    WORKING_TOGETHER = "working_together"
    LOCAL_SERVICES = "local_services"


MIN_AGE = 0
MAX_AGE = 17
AGE_MESSAGE = (
    f"must be a whole number from {MIN_AGE} to {MAX_AGE} "
    "(an adult's case may need a Safeguarding Adults Review)"
)

# Enumerated facts and their vocabularies, for forms and the API to reuse.
VOCABULARIES: Mapping[str, tuple[str, ...]] = {
    "abuse_or_neglect": tuple(AbuseOrNeglect),
    "inter_agency_concern": tuple(InterAgencyConcern),
    "death_setting": tuple(DeathSetting),
    "standards_not_met": tuple(StandardsNotMet),
    "learning": tuple(LearningArea),
}
_ENUMS: Mapping[str, type[StrEnum]] = {
    "abuse_or_neglect": AbuseOrNeglect,
    "inter_agency_concern": InterAgencyConcern,
    "death_setting": DeathSetting,
    "standards_not_met": StandardsNotMet,
}


@dataclass(frozen=True)
class Facts:
    """What is known about a case; ``None`` means unknown. Fields are in declaration order."""

    abuse_or_neglect: AbuseOrNeglect | None = None
    child_died: bool | None = None
    suspected_suicide: bool | None = None
    seriously_harmed: bool | None = None
    inter_agency_concern: InterAgencyConcern | None = None
    death_setting: DeathSetting | None = None
    age_years: int | None = None
    standards_not_met: StandardsNotMet | None = None
    learning: tuple[LearningArea, ...] | None = None
    good_practice: bool | None = None
    similar_issues_previously_reviewed: bool | None = None
    domestic_homicide: bool | None = None
    adult_at_risk: bool | None = None
    mappa_offender: bool | None = None
    criminal_proceedings: bool | None = None
    coroner_inquest: bool | None = None

    def __post_init__(self) -> None:
        # Checked here, not only in parse_facts, so no contradictory Facts can exist.
        age = self.age_years
        if age is not None and (type(age) is not int or not MIN_AGE <= age <= MAX_AGE):
            raise InvalidFacts("age_years", AGE_MESSAGE)
        if self.child_died is False and self.suspected_suicide is True:
            raise InvalidFacts(
                "suspected_suicide",
                "cannot be true when child_died is false (a suspected suicide is a death)",
            )
        if self.child_died is False and self.death_setting not in (None, DeathSetting.NONE):
            raise InvalidFacts(
                "death_setting",
                "must be none or unknown when child_died is false "
                "(it is the setting in which the child died)",
            )
        if self.learning is not None:
            if len(set(self.learning)) != len(self.learning):
                raise InvalidFacts("learning", "must not list an area twice")
            # One stored order, so equal facts compare and serialise equal.
            order = tuple(LearningArea)
            object.__setattr__(self, "learning", tuple(sorted(self.learning, key=order.index)))

    @property
    def died(self) -> bool | None:
        """Whether the child died: suspected suicide and a listed death setting both imply it."""
        if self.child_died is not None:
            return self.child_died
        if self.suspected_suicide or self.death_setting not in (None, DeathSetting.NONE):
            return True
        return None

    @property
    def concern(self) -> InterAgencyConcern:
        """``inter_agency_concern``, with unknown counted as unclear."""
        return self.inter_agency_concern or InterAgencyConcern.UNCLEAR

    def as_dict(self) -> dict[str, object]:
        """The facts as JSON values, unknown as ``None``, in declaration order."""
        result: dict[str, object] = {}
        for name in fact_names():
            value = getattr(self, name)
            result[name] = list(value) if isinstance(value, tuple) else value
        return result


_FACT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Facts))
BOOLEAN_FACTS: tuple[str, ...] = tuple(
    n for n in _FACT_NAMES if n not in VOCABULARIES and n != "age_years"
)


def fact_names() -> tuple[str, ...]:
    """Every fact name, in declaration order (the order ``missing`` uses)."""
    return _FACT_NAMES


def _choices(name: str) -> str:
    return ", ".join(VOCABULARIES[name])


def _parse_one(name: str, value: object) -> object:
    """Turn one JSON value into its typed value, ``None`` for unknown."""
    if value is None:
        return None
    if name in _ENUMS:
        if value == UNKNOWN:
            return None
        if isinstance(value, str) and value in VOCABULARIES[name]:
            return _ENUMS[name](value)
        raise InvalidFacts(name, f"must be one of {_choices(name)} or unknown")
    if name == "age_years":
        if type(value) is not int or not MIN_AGE <= value <= MAX_AGE:
            raise InvalidFacts(name, AGE_MESSAGE)
        return value
    if name == "learning":
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v in VOCABULARIES[name] for v in value
        ):
            raise InvalidFacts(name, f"must be a list of areas from {_choices(name)}")
        if len(set(value)) != len(value):
            raise InvalidFacts(name, "must not list an area twice")
        return tuple(LearningArea(v) for v in value)
    if not isinstance(value, bool):
        raise InvalidFacts(name, "must be true, false or null")
    return value


def parse_facts(data: object) -> Facts:
    """Validate a JSON-like mapping of facts and return them typed.

    Raises :class:`InvalidFacts` for the first problem found: unknown fact names
    (alphabetically) first, then facts in declaration order, then contradictions.
    """
    if not isinstance(data, Mapping):
        raise InvalidFacts("facts", "must be a JSON object of facts")
    unknown_names = sorted(str(k) for k in data if k not in _FACT_NAMES)
    if unknown_names:
        raise InvalidFacts(unknown_names[0], "is not a known fact")
    values = {name: _parse_one(name, data[name]) for name in _FACT_NAMES if name in data}
    return Facts(**values)  # type: ignore[arg-type]  # each value was checked by _parse_one
