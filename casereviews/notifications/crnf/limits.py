"""The CRNF A's limits (part of its description, `description.py`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

# Limits. The procedure sets none of these figures: they are local standards, chosen
# so that a real notification always fits and a bulk or hostile one is refused with a
# message rather than slowing the service for everyone.


@dataclass(frozen=True)
class RowLimit:
    """How many of something one notification may name: a local standard, configurable
    per installation with the `CRNF_LIMITS` setting (e.g. {"children": 30})."""

    name: str
    default: int
    words: str  # the message, with {limit}

    def __call__(self) -> int:
        return int(getattr(settings, "CRNF_LIMITS", {}).get(self.name, self.default))

    @property
    def message(self) -> str:
        return self.words.format(limit=self())


MAX_CHILDREN = RowLimit("children", 20, "You can add up to {limit} children to one notification")
MAX_FAMILY_MEMBERS = RowLimit(
    "family_members",
    30,
    "You can add up to {limit} family members or significant others to one notification",
)
MAX_AGENCIES = RowLimit("agencies", 50, "You can name up to {limit} agencies")
NAME_LENGTH = 200  # the columns' own length
SHORT_TEXT_LENGTH = 100
ANSWER_LENGTH = 2000  # local standard: a free-text answer
ACCOUNT_LENGTH = 10_000  # local standard: "What happened?", the one long account
ADDRESS_LENGTH = 500  # local standard
