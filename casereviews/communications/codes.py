"""The codes of this app's refusals (`casereviews.kit.refusal.Refused`): tests and the
API compare with them; a `StrEnum` equals its string."""

from enum import StrEnum


class Code(StrEnum):
    CHANGED = "changed"
    CONSULTED_MISSING = "consulted_missing"
    DELIVERED_ON_NOT_POSSIBLE = "delivered_on_not_possible"
    DELIVERER = "deliverer"
    NOT_AGREED = "not_agreed"
    NOT_BOTH_AGREEMENTS = "not_both_agreements"
    REASON_MISSING = "reason_missing"
    WRONG_STATE = "wrong_state"
