"""The codes of this app's refusals (`casereviews.kit.refusal.Refused`): tests and the
API compare with them; a `StrEnum` equals its string."""

from enum import StrEnum


class Code(StrEnum):
    ACTION_OPEN = "action_open"
    BOARD_NOT_SIGNED_OFF = "board_not_signed_off"
    COMPLETE = "complete"
    COPY_TOO_LATE = "copy_too_late"
    EVIDENCE_NEEDED = "evidence_needed"
    LEARNING_NOT_RECORDED = "learning_not_recorded"
    METHODOLOGY_CONTRADICTS_TYPE = "methodology_contradicts_type"
    NO_FINAL_REPORT = "no_final_report"
    NO_LEAD_REVIEWER = "no_lead_reviewer"
    NO_TERMS_OF_REFERENCE = "no_terms_of_reference"
    NOT_AN_SCR = "not_an_scr"
    NOT_COMPLETE = "not_complete"
    PLANNED_BEFORE_COPY_DEADLINE = "planned_before_copy_deadline"
    PRE_PUBLICATION_COPY_NOT_SENT = "pre_publication_copy_not_sent"
    PROCESSES_NOT_ACKNOWLEDGED = "processes_not_acknowledged"
    PUBLICATION_NOT_RECORDED = "publication_not_recorded"
    PUBLISHED_BEFORE_COPY_DEADLINE = "published_before_copy_deadline"
    REASON_NOT_AGREED = "reason_not_agreed"
    REVIEWER_NOT_INDEPENDENT = "reviewer_not_independent"
    SCR_TO_BE_PUBLISHED = "scr_to_be_published"
    TERMS_OF_REFERENCE_MISSING = "terms_of_reference_missing"
    WEB_ADDRESS_MISSING = "web_address_missing"
    WRONG_STATE = "wrong_state"
