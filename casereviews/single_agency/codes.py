"""The codes of this app's refusals (`casereviews.kit.refusal.Refused`): tests and the
API compare with them; a `StrEnum` equals its string."""

from enum import StrEnum


class Code(StrEnum):
    AGREED_ON = "agreed_on"
    NO_REVIEW = "no_review"
    NOT_A_SINGLE_AGENCY_CONSULTATION = "not_a_single_agency_consultation"
    OUTCOME_ON = "outcome_on"
    SINGLE_AGENCY_AGREEMENT_NOT_RECORDED = "single_agency_agreement_not_recorded"
    SINGLE_AGENCY_OUTCOME_NOT_RECORDED = "single_agency_outcome_not_recorded"
