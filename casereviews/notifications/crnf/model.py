"""The vocabulary the CRNF A is described in: a `Question` says where it is asked (its
page and form field), where its answer is kept (a `Column` of the notification or a
child, or a criteria `Fact`), where it is in the API JSON, how its answer converts
between those, what it is called on a summary, and its limits.

Everything that handles an answer — the page forms, saving, the API, check your
answers, the case page and the PDF — reads it from `description.py`; nothing else
names a question."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils import timezone


class _Unset:
    """An answer never given (a fact not in `criteria_facts`, a question the API left
    out): not the same as an answer of "not known"."""

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Any = _Unset()
NOT_GIVEN = "Not given"
NOT_KNOWN = "Not known"


class Kind(StrEnum):
    NAME = "name"  # a person's name: hidden and control characters refused
    TEXT = "text"  # one line of free text: hidden characters removed
    LONG_TEXT = "long_text"  # free text with a character count
    TELEPHONE = "telephone"
    DATE = "date"
    TIME = "time"  # 24-hour clock, "14:30"
    CHOICE = "choice"  # radios; the answer is the choice's value
    YES_NO = "yes_no"  # radios; kept as true or false
    YES_NO_UNKNOWN = "yes_no_unknown"  # radios; kept as true, false or null (not known)
    CHOICES = "choices"  # checkboxes; kept as a list, the exclusive "none" as []
    WHOLE_NUMBER = "whole_number"
    AGENCIES = "agencies"  # checkboxes of the board's partner organisations


TEXT_KINDS = {Kind.NAME, Kind.TEXT, Kind.LONG_TEXT, Kind.TELEPHONE, Kind.TIME}
_BOOLEAN_ANSWERS = {True: "yes", False: "no", None: "unknown"}


# Where an answer is kept. `get` returns UNSET for an answer never given.
@dataclass(frozen=True)
class Column:
    """A column of the record (the notification, a child or a family member)."""

    name: str

    def get(self, record: Any) -> Any:
        return getattr(record, self.name)

    def set(self, record: Any, value: Any, cleaned: dict[str, Any]) -> None:
        if value is not UNSET:
            setattr(record, self.name, value)


@dataclass(frozen=True)
class Fact:
    """A criteria fact of DESIGN.md section 4, by its exact name, in `criteria_facts`."""

    name: str

    def get(self, record: Any) -> Any:
        return record.criteria_facts.get(self.name, UNSET)

    def set(self, record: Any, value: Any, cleaned: dict[str, Any]) -> None:
        facts = dict(record.criteria_facts)
        if value is UNSET:
            facts.pop(self.name, None)
        else:
            facts[self.name] = value
        record.criteria_facts = facts


@dataclass(frozen=True)
class ConsultedAt:
    """One part (`date` or `time`) of `consulted_at`: the page asks for the two apart
    and its form joins them (the 24-hour clock starts at the moment, Section B 1 ii)."""

    part: str

    def get(self, record: Any) -> Any:
        if record.consulted_at is None:
            return None
        local = timezone.localtime(record.consulted_at)
        return local.date() if self.part == "date" else f"{local:%H:%M}"

    def set(self, record: Any, value: Any, cleaned: dict[str, Any]) -> None:
        if self.part == "date":
            record.consulted_at = cleaned.get("consulted_at")


@dataclass(frozen=True)
class Agencies:
    """The board's partner organisations known to be involved (a many-to-many)."""

    def get(self, record: Any) -> Any:
        return list(record.agencies.all()) if record.pk else []

    def set(self, record: Any, value: Any, cleaned: dict[str, Any]) -> None:
        if value is not UNSET:
            record.agencies.set(value)


@dataclass(frozen=True)
class FactFlags:
    """A list of names, each a true/false criteria fact (the parallel processes): a name
    listed is true, the others false; not answered (UNSET) leaves them all unknown."""

    names: tuple[str, ...]

    def get(self, record: Any) -> Any:
        facts = record.criteria_facts
        if not any(name in facts for name in self.names):
            return UNSET
        return [name for name in self.names if facts.get(name)]

    def set(self, record: Any, value: Any, cleaned: dict[str, Any]) -> None:
        facts = dict(record.criteria_facts)
        for name in self.names:
            if value is UNSET:
                facts.pop(name, None)
            else:
                facts[name] = name in value
        record.criteria_facts = facts


Place = Column | Fact | ConsultedAt | Agencies | FactFlags


@dataclass(frozen=True)
class Question:
    """One question of the CRNF A."""

    name: str  # the form field's name
    page: str  # the page's slug (for a child or family member: its row kind)
    kind: Kind
    label: str  # the question as the page asks it
    summary: str  # its key on check your answers, the case page and the PDF
    api: str  # where it is in the API JSON, dotted ("notifier.telephone")
    place: Place
    required: str = ""  # the message when it is not answered; "" for optional
    hint: str = ""
    choices: Sequence[tuple[str, str]] = ()
    # A choice that excludes the others (checkboxes), kept as an empty list.
    exclusive: str = ""
    # Words for a choice on a summary, where its page label would read badly there.
    summary_choices: dict[str, str] = field(default_factory=dict)
    max_length: int | None = None
    # Whether a summary shows the row, given the record.
    shown: Callable[[Any], bool] = field(default=lambda record: True)
    # The API may leave it out, meaning "not known" (the page insists on an answer).
    api_omitted_is_unknown: bool = False
    # Radios whose choice reveals a follow-up question (GOV.UK conditional reveal).
    reveals: dict[str, str] = field(default_factory=dict)
    api_help: str = ""
    # An API value for this question, used by the API's example and the tests.
    example: Any = UNSET

    @property
    def api_parts(self) -> list[str]:
        return self.api.split(".")

    # Conversions. `form` is the form's cleaned value, `stored` the kept one, `api` the
    # value in the API JSON (typed: dates are dates, booleans booleans).
    def stored_from_form(self, value: Any) -> Any:
        if value is UNSET:
            return UNSET
        if self.kind is Kind.YES_NO or self.kind is Kind.YES_NO_UNKNOWN:
            return {"yes": True, "no": False}.get(value)
        if self.kind is Kind.CHOICES:
            return [v for v in value if v != self.exclusive]
        return value

    def form_from_stored(self, value: Any) -> Any:
        """What the page shows for a kept answer (its initial value)."""
        if value is UNSET:
            return None
        if self.kind is Kind.YES_NO or self.kind is Kind.YES_NO_UNKNOWN:
            return _BOOLEAN_ANSWERS[value]
        if self.kind is Kind.CHOICE and value is None:
            return "unknown"
        if self.kind is Kind.CHOICES:
            return list(value) or ([self.exclusive] if self.exclusive else [])
        return value

    def form_from_api(self, value: Any) -> Any:
        """What the page's form receives for an API value: a typed value goes as it is
        (a date stays a date); only the words of a choice are the page's own."""
        if value is UNSET:
            return [] if self.kind in (Kind.CHOICES, Kind.AGENCIES) else ""
        if self.kind is Kind.YES_NO:
            return {True: "yes", False: "no"}.get(value, "")
        if self.kind is Kind.YES_NO_UNKNOWN:
            return _BOOLEAN_ANSWERS[value]
        if self.kind is Kind.CHOICES:
            if value is None:
                return []
            return list(value) or ([self.exclusive] if self.exclusive else [])
        if self.kind is Kind.AGENCIES:
            return [str(pk) for pk in value or []]
        return "" if value is None else value

    def api_from_stored(self, value: Any) -> Any:
        if value is UNSET:
            return None
        if self.kind is Kind.AGENCIES:
            return [agency.pk for agency in value]
        return value

    def shown_text(self, value: Any) -> str:
        """The answer as a summary shows it."""
        if value is UNSET:
            return NOT_GIVEN
        if self.kind is Kind.YES_NO or self.kind is Kind.YES_NO_UNKNOWN:
            return {True: "Yes", False: "No", None: NOT_KNOWN}[value]
        if self.kind is Kind.DATE:
            return _date_text(value) or NOT_GIVEN
        if self.kind is Kind.CHOICE:
            if value in (None, ""):
                return NOT_KNOWN if value is None else NOT_GIVEN
            return self.summary_choices.get(value) or str(dict(self.choices).get(value, value))
        if self.kind is Kind.CHOICES:
            if not value:
                none = dict(self.choices).get(self.exclusive, "None")
                return self.summary_choices.get(self.exclusive, str(none))
            labels = dict(self.choices)
            return "\n".join(str(labels.get(v, v)) for v in value)
        if self.kind is Kind.AGENCIES:
            return "\n".join(agency.name for agency in value) or "None selected"
        if value is None or value == "":
            return NOT_GIVEN
        return str(value)


def _date_text(value: datetime.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


@dataclass(frozen=True)
class Page:
    """A page of the CRNF A, in the order the form asks them."""

    slug: str
    title: str
    # Whether the page is asked for this notification (the death page: only if the child died).
    applies: Callable[[Any], bool] = field(default=lambda notification: True)
    # An optional page is offered in turn but need not be answered before sending.
    optional: bool = False
    # The page's answers are rows (children, family members) or files, not questions.
    rows: bool = False
    # What saving the page changes beyond its own answers (a rule of the form).
    after_save: Callable[[Any, dict[str, Any]], None] | None = None
    # Whether the answers kept still stand for this notification; one that no longer does
    # is asked again before it is sent (a choice its framework no longer offers).
    still_answered: Callable[[Any], bool] = field(default=lambda notification: True)
