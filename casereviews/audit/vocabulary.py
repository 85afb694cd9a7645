"""Every action the service writes to the audit trail, known from the code.

The search page offers these as "What they did" without reading the trail: a
`SELECT DISTINCT action` over a board's whole trail costs more with every event. Actions
made from a table elsewhere register here (the workflow registers one per transition,
as `deadlines.hooks` takes registrations from above), so this lower layer imports none
of them. `tests/audit/test_vocabulary.py` fails when the code writes an action not listed.
"""

from __future__ import annotations

_ACTIONS: set[str] = {
    "access.denied",
    "api_token.create",
    "api_token.refused",
    "api_token.revoke",
    "audit.export",
    "auth.password_accepted",
    "auth.password_reset_completed",
    "auth.password_reset_requested",
    "auth.password_setup_sent",
    "auth.recovery_code_used",
    "auth.second_factor_enrolled",
    "auth.second_factor_failed",
    "auth.session_expired",
    "auth.sign_in",
    "auth.sign_in_failed",
    "auth.sign_in_throttled",
    "auth.sign_out",
    "board.create",
    "board.update",
    "external_notification.record",
    "involvement_request.send",
    "notification.attachment_add",
    "notification.attachment_download",
    "notification.attachment_remove",
    "notification.child_remove",
    "notification.child_save",
    "notification.draft_delete",
    "notification.draft_save",
    "notification.draft_start",
    "notification.family_member_remove",
    "notification.family_member_save",
    "notification.pdf_download",
    "notification.read",
    "notification.themes_set",
    "notification.verification",
    "organisation.create",
    "organisation.update",
    "role_grant.create",
    "role_grant.remove",
    "user.create",
    "user.update",
}


def register_actions(*actions: str) -> None:
    _ACTIONS.update(actions)


def audit_actions() -> list[str]:
    """Every action code the service can write, in a stable order."""
    return sorted(_ACTIONS)
