"""The codes of this app's refusals (`casereviews.kit.refusal.Refused`): tests and the
API compare with them; a `StrEnum` equals its string."""

from enum import StrEnum


class Code(StrEnum):
    AGENCY_INFORMATION_NOT_REQUESTED = "agency_information_not_requested"
    AGENCY_NOT_A_PARTNER = "agency_not_a_partner"
    ALREADY_REQUESTED = "already_requested"
    DATE_MISSING = "date_missing"
    DECISION_NOT_RECORDED = "decision_not_recorded"
    DEPARTURE_NOT_CONFIRMED = "departure_not_confirmed"
    DEPARTURE_REASON_MISSING = "departure_reason_missing"
    DISSENT_INCOMPLETE = "dissent_incomplete"
    ESCALATION_NOT_RECORDED = "escalation_not_recorded"
    MEETING_NOT_HELD = "meeting_not_held"
    NO_LISG_RECOMMENDATION = "no_lisg_recommendation"
    NOT_A_CPIR = "not_a_cpir"
    NOT_ON_AGENDA = "not_on_agenda"
    OFSTED_NOT_TOLD = "ofsted_not_told"
    OTHER_REVIEW_NOT_CONSIDERED = "other_review_not_considered"
    OUTSIDE_MEETING_REASON_MISSING = "outside_meeting_reason_missing"
    PANEL_NOT_TOLD = "panel_not_told"
    TOLD_ON_NOT_POSSIBLE = "told_on_not_possible"
    WRONG_STATE = "wrong_state"
