"""What each audit action means, in the words the audit pages and the CSV use.

One label per action the code can write, here and nowhere else:
`tests/audit/test_action_labels.py` reads every `audit_record(action=...)` in the code
and fails when one has no label. Labels say what the person did, in the past tense.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casereviews.boards.models import Role

if TYPE_CHECKING:
    from casereviews.audit.models import AuditEvent

ACTION_LABELS: dict[str, str] = {
    # Reading a case and its documents
    "notification.read": "Read the case",
    "notification.pdf_download": "Downloaded the notification as a PDF",
    "notification.attachment_download": "Downloaded a document",
    # Writing a notification (CRNF A)
    "notification.draft_start": "Started a draft notification",
    "notification.draft_save": "Saved a draft notification",
    "notification.draft_delete": "Deleted a draft notification",
    "notification.child_save": "Saved a child's details in a notification",
    "notification.child_remove": "Removed a child from a notification",
    "notification.family_member_save": "Saved a family member's details in a notification",
    "notification.family_member_remove": "Removed a family member from a notification",
    "notification.attachment_add": "Added a document to a notification",
    "notification.attachment_remove": "Removed a document from a notification",
    # Verification
    "notification.themes_set": "Set the themes of the case",
    "notification.verification": "Recorded the verification",
    # The steps of the transition table (casereviews/workflow/transitions.py)
    "notification.submit": "Submitted the notification",
    "notification.resubmit": "Sent the notification back to the board",
    "notification.return_for_information": "Returned the notification for more information",
    "notification.verify": "Verified the notification and started consideration",
    "notification.withdraw": "Withdrew the notification",
    "notification.lisg_recommend": "Recorded the LISG recommendation",
    "lisg_recommendation.by_notifier": (
        "Recorded the LISG recommendation on a case they notified themselves"
    ),
    "notification.decide_scr": "Decided to commission an SCR",
    "notification.decide_cpir": "Decided to commission a CPIR",
    "notification.decide_other_review": "Decided on another review or audit",
    "notification.decide_no_review": "Decided on no review",
    "notification.escalate_to_scr": "Escalated the CPIR to an SCR",
    "notification.agree_single_agency": "Recorded that the case is a single-agency CPIR",
    "notification.close_single_agency": "Recorded the single-agency CPIR's outcome and closed it",
    "notification.escalate_single_agency": (
        "Escalated the single-agency CPIR to the LISG and the Independent Chair"
    ),
    # Communications with the family, significant others and the press (A 4(v))
    "communications.read": "Read the communications log",
    "communication.read": "Read a communication",
    "communication.draft": "Drafted a communication",
    "communication.agree": "Recorded the LISG's agreement to a communication",
    "communication.approve": "Approved a communication",
    "communication.deliver": "Recorded that a communication was delivered",
    "communication.hold": "Recorded that a communication was held",
    "notification.start_review": "Started the review",
    "notification.receive_report": "Recorded that the report is written",
    "notification.publish": "Published the report",
    "notification.disseminate_learning": "Recorded that the learning was disseminated",
    "notification.monitor_actions": "Started monitoring the actions",
    "notification.close": "Closed the case",
    "notification.reopen": "Reopened the case",
    # A safeguarding partnership's steps (framework wt-2023)
    "notification.notify_panel": (
        "Recorded the notification to the Child Safeguarding Practice Review Panel and started "
        "the rapid review"
    ),
    "notification.send_rapid_review": "Sent the rapid review to the Panel",
    "notification.judge_notifiable": "Judged the incident notifiable to the Panel",
    "notification.judge_not_notifiable": "Judged the incident not notifiable to the Panel",
    "notification.notifiability": "Recorded whether the incident is notifiable to the Panel",
    "notification.partners_view": "Recorded a safeguarding partner's agreement to a decision",
    "notification.partners_disagree": (
        "Recorded that the safeguarding partners disagree, and escalated it"
    ),
    "notification.partners_decide_lcspr": "Recorded the safeguarding partners' decision: an LCSPR",
    "notification.partners_decide_other_review": (
        "Recorded the safeguarding partners' decision: another form of learning review"
    ),
    "notification.partners_decide_no_review": (
        "Recorded the safeguarding partners' decision: no review"
    ),
    "notification.partners_close": "Closed the safeguarding partnership's case",
    "notification.framework_move": "Moved the case to another framework",
    "notification.panel_response": (
        "Recorded the Child Safeguarding Practice Review Panel's response to the rapid review"
    ),
    "board_framework.create": "Set the framework a board runs new cases under from a date",
    "notification.local_authority_aware": (
        "Recorded the day the local authority became aware of the incident"
    ),
    "notification.panel_notification_read": (
        "Read the content of the notification to the Child Safeguarding Practice Review Panel"
    ),
    # Steps recorded beside the case
    "involvement_request.send": "Asked an agency for information",
    "external_notification.record": "Recorded that Ofsted or the National Panel was told",
    "external_document.read": "Read the document generated for Ofsted or the National Panel",
    "external_document.download": "Downloaded the document for Ofsted or the National Panel",
    "external_notification.document_download": (
        "Downloaded the document sent to Ofsted or the National Panel"
    ),
    "board.bm_deputy_named": "Named a deputy for the Business Manager",
    "board.bm_absence_recorded": "Recorded that a Business Manager is absent",
    "chair_decision.letter_download": "Downloaded the decision letter to the notifying agency",
    # The review of a commissioned case (casereviews/reviews)
    "review.read": "Read the review",
    "review.reviewer_appoint": "Appointed a reviewer",
    "review.terms_of_reference": "Recorded the review's terms of reference",
    "review.document_add": "Uploaded a document of the review",
    "review.document_download": "Downloaded a document of the review",
    "review.milestone_add": "Added a milestone of the review",
    "review.milestone_reach": "Recorded that a milestone of the review was reached",
    "review.professionals_record": "Recorded how professionals took part in the review",
    "review.sign_off": "Recorded the board's sign-off of the SCR report",
    "review.pre_publication_copy": (
        "Recorded the copy of the SCR report sent to Ofsted and the National Panel"
    ),
    "review.publication_planned": "Set the planned publication date of the SCR report",
    "review.not_published": "Recorded the Independent Chair's agreement not to publish",
    "review_action.add": "Added an action from the review",
    "review_action.update": "Updated an action from the review",
    "review_action.sustained": "Checked that an action's improvement is sustained",
    "review_action.read": "Read an action from the review",
    "review_action.evidence_download": "Downloaded the evidence of an action",
    "review.family_contribution_record": (
        "Recorded how the family or the child was enabled to contribute"
    ),
    # Partner agencies' answers (casereviews/involvement)
    "involvement.agency_added": "Added an agency and invited its lead",
    "involvement.lisg_meeting_assigned": "Put the case to a LISG meeting",
    "involvement.lisg_go_ahead": "Recorded why the LISG may go ahead without every answer",
    # LISG meetings (casereviews/involvement/services/meetings.py)
    "lisg_meeting.schedule": "Scheduled a LISG meeting",
    "lisg_meeting.change": "Changed a LISG meeting's details or members",
    "lisg_meeting.agenda_remove": "Took the case off a LISG meeting's agenda",
    "lisg_meeting.pack_issue": "Issued a LISG meeting's pack",
    "lisg_meeting.attendance": "Recorded attendance at a LISG meeting",
    "lisg_meeting.conflict_declare": "Recorded a conflict of interest in the case",
    "lisg_meeting.pack_read": "Read the case in a LISG meeting pack",
    "lisg_meeting.pack_download": "Downloaded the case in a LISG meeting pack (PDF)",
    "involvement_request.read": "Read an agency's request for information",
    "involvement_return.saved": "Saved an agency's answer",
    "involvement_return.submitted": "Sent an agency's answer to the board",
    "involvement_return.correction_started": "Started a correction of an agency's answer",
    "chronology_entry.removed": "Removed an entry from an agency's chronology",
    "chronology.imported": "Imported an agency's chronology from a file",
    # A board's existing cases moving in (casereviews/imports)
    "cases.imported": "Imported the board's cases from a file",
    "notification.imported": "Imported a case from the board's records",
    "chronology.read": "Read the merged chronology",
    "chronology.exported.csv": "Exported the merged chronology as CSV",
    "chronology.exported.xlsx": "Exported the merged chronology as a spreadsheet",
    "chronology.exported.pdf": "Exported the merged chronology as a PDF",
    "chronology.shared": "Shared the merged chronology with an agency",
    "disclosure_decision.recorded": "Recorded a disclosure decision",
    "disclosure_decisions.exported": "Exported the disclosure decisions",
    "parallel_processes.read": "Read the parallel processes",
    "parallel_process.saved": "Saved a parallel process",
    "parallel_process.liaison": "Recorded liaison on a parallel process",
    "procedure_agreement.recorded": "Recorded which procedure the LISG agreed",
    "regulator_notification.recorded": "Recorded an agency's notification to its regulator",
    # Search, the lessons library and the board's figures (casereviews/learning)
    "case.search": "Searched the cases",
    "case.search_by_child_name": "Searched the cases by a child's name",
    "lesson.findings_recorded": "Recorded the key findings of a past review",
    "lesson.briefing_recorded": "Recorded a briefing of partners on a past review",
    "annual_report.exported.pdf": "Downloaded the annual report as a PDF",
    "annual_report.exported.csv": "Downloaded the annual report as CSV",
    "annual_report.exported.xlsx": "Downloaded the annual report as a spreadsheet",
    # Retention, disposal and legal holds (casereviews/retention, docs/adr/0034)
    "retention.period_set": "Changed a retention period",
    "retention.disposal_list_read": "Read the disposal list",
    "retention.disposal_approved": "Approved a disposal of cases",
    "retention.disposal_refused": "Was refused a disposal of cases",
    "notification.disposed": "Destroyed the personal data of a case",
    "legal_hold.placed": "Placed a legal hold",
    "legal_hold.lifted": "Lifted a legal hold",
    # Subject access requests (casereviews/subject_access, docs/adr/0035)
    "subject_access.received": "Recorded a subject access request",
    "subject_access.extended": "Extended a subject access request by two months",
    "subject_access.searched": "Searched the cases for the person of a subject access request",
    "subject_access.exported.json": "Exported a person's data as JSON",
    "subject_access.exported.csv": "Exported a person's data as CSV",
    "subject_access.exported.pdf": "Exported a person's data as a PDF",
    "subject_access.released": "Recorded what was released to a person",
    # The audit trail itself
    "access.denied": "Refused access",
    "audit.export": "Exported the audit trail",
    # Backup and restore (docs/adr/0024-backup-and-restore.md)
    "service.backup": "Backed up every case, document and checkpoint",
    "service.restore": "Restored the service from a backup",
    # Signing in and accounts
    "auth.sign_in": "Signed in",
    "auth.sign_in_failed": "Failed to sign in",
    "auth.password_accepted": "Gave the right password",
    "auth.second_factor_failed": "Gave a wrong security code",
    "auth.second_factor_enrolled": "Set up an authenticator app",
    "auth.recovery_code_used": "Signed in with a recovery code",
    "auth.sign_in_throttled": "Sign-in refused after repeated failures",
    "auth.sign_out": "Signed out",
    "auth.session_expired": "Signed out automatically",
    "auth.password_reset_requested": "Asked to reset their password",
    "auth.password_reset_throttled": "Password reset refused after repeated requests",
    "auth.password_setup_sent": "Was sent a link to set their password",
    "auth.password_reset_completed": "Set a new password",
    # API tokens
    "api_token.create": "Created an API token",
    "api_token.revoke": "Revoked an API token",
    "api_token.refused": "Used an API token that was refused",
    # Administration
    "board.create": "Added a board",
    "board.update": "Changed a board",
    "organisation.create": "Added an organisation",
    "organisation.update": "Changed an organisation",
    "user.create": "Added a person",
    "user.update": "Changed a person's details",
    "role_grant.create": "Gave a person a role",
    "role_grant.remove": "Removed a person's role",
}


def audit_actions() -> list[str]:
    """Every action the service can write, in a stable order: what the audit search
    offers, read from the code rather than from the trail (a `SELECT DISTINCT action`
    over a board's whole trail costs more with every event)."""
    return sorted(ACTION_LABELS)


def action_label(action: str) -> str:
    """The words for an action. The test named above keeps this list whole; an action
    it could not see (an event written by an older version) shows its code rather than
    losing what it was."""
    return ACTION_LABELS.get(action, action)


def event_subject(event: AuditEvent) -> str:
    """What the event was about: its object, or for a refusal the case or page that was
    asked for (a refused request has no object: it was never fetched)."""
    if event.object_label:
        return event.object_label
    case = event.detail.get("case") if isinstance(event.detail, dict) else None
    path = event.detail.get("path") if isinstance(event.detail, dict) else None
    if case and path:
        return f"{case} (page {path})"
    if path:
        return f"Page {path}"
    return ""


def event_subject_without_case(event: AuditEvent) -> str:
    """`event_subject` for someone who sees no case (the administrators' events of no
    board): a refusal's case reference is left out, from the page's address too."""
    case = event.detail.get("case") if isinstance(event.detail, dict) else None
    path = event.detail.get("path") if isinstance(event.detail, dict) else None
    if case and path:
        return f"Page {str(path).replace(str(case), '(a case reference)')}"
    return "" if case else event_subject(event)


def roles_label(roles: str) -> str:
    """The roles an event copied ("business_manager,administrator"), as words."""
    names = {str(role.value): str(role.label) for role in Role} | {"administrator": "Administrator"}
    return ", ".join(names.get(code, code) for code in roles.split(",") if code)
