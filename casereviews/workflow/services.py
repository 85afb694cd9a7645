"""The one place a case changes state.

`notification_transition` checks the permission and the guards, applies the change
atomically under optimistic versioning, writes the status row, the timeline entry and
the audit event, and runs the transition hooks (deadlines started, met or cancelled) in
the same transaction. Views and the API call it; they never set a status themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.actions import action_label
from casereviews.audit.services import audit_record, audited_transaction
from casereviews.boards.models import Role
from casereviews.frameworks.vocabulary import Framework
from casereviews.kit.refusal import Refused
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.policy import sees_through
from casereviews.workflow.models import PanelResponse, StatusChange, TimelineEntry
from casereviews.workflow.tables import TABLES, transitions_available_from
from casereviews.workflow.transitions import Transition
from casereviews.workflow.words import status_sentence

# The workflow's name for the kit's one refusal (docs/adr/0028-the-step-kit.md).
TransitionRefused = Refused


class NotificationChanged(Exception):
    """Someone else changed the case since the page was loaded."""

    def __init__(self, current: Notification, expected_version: int) -> None:
        super().__init__(f"{current} changed since version {expected_version}")
        self.current = current
        self.expected_version = expected_version


@dataclass(frozen=True)
class TransitionMade:
    notification: Notification
    transition: Transition
    by: User
    at: datetime
    reason: str
    # When the step happened in the world, where it is recorded afterwards (the notification
    # to the Panel, sent before it is recorded): deadlines are met and started from it.
    effective_at: datetime | None = None

    @property
    def happened_at(self) -> datetime:
        return self.effective_at or self.at


# Called inside the transaction after every transition (deadlines register here).
TransitionHook = Callable[[TransitionMade], None]
_HOOKS: list[TransitionHook] = []


def on_transition(hook: TransitionHook) -> TransitionHook:
    _HOOKS.append(hook)
    return hook


def may_make(user: User, transition: Transition, notification: Notification) -> bool:
    """May this person make this transition on this case (ignoring its current state)?
    Only through their sight of the case in one of the step's roles: a LISG member who
    sees a case as its agency's lead, say, does not recommend on it unless it is before
    their meeting."""
    return sees_through(user, notification, transition.taken_by)


def available_transitions(user: User, notification: Notification) -> list[Transition]:
    """The transitions this person could make now (guards aside), for buttons."""
    return [t for t in transitions_available_from(notification) if may_make(user, t, notification)]


def framework_for(notification: Notification) -> Framework:
    """The framework the case follows: its own once submitted; a draft takes the one its
    board has in force today, and keeps it from its first submission for its whole life."""
    return notification.framework_in_force()


def timeline_add(
    *, notification: Notification, kind: str, text: str, by: User | None = None, detail: str = ""
) -> TimelineEntry:
    return TimelineEntry.objects.create(
        notification=notification, at=timezone.now(), by=by, kind=kind, text=text, detail=detail
    )


def _locked(notification: Notification) -> Notification:
    """The case read afresh under its row's lock (PostgreSQL; on SQLite the transaction
    already holds the database's write lock), so nothing changes it between the checks
    and the change, and what the change writes is known without reading the row back.
    Only the case's row is locked, not its board's or its notifier's, which come with it
    for the audit event, the hooks and the e-mails."""
    return (
        Notification.objects.select_related("board", "notifier", "organisation")
        .select_for_update(of=("self",))
        .get(pk=notification.pk)
    )


def _change(current: Notification, expected_version: int, changed: dict[str, object]) -> None:
    """Write the change; the version in the condition still refuses a row that moved on."""
    updated = Notification.objects.filter(pk=current.pk, version=expected_version).update(**changed)
    if updated != 1:
        current.refresh_from_db()
        raise NotificationChanged(current, expected_version)


def notification_transition(
    *,
    notification: Notification,
    name: str,
    by: User,
    expected_version: int,
    reason: str = "",
    request: HttpRequest | None = None,
    effective_at: datetime | None = None,
) -> Notification:
    """Make transition `name`; returns the case as it now is. `effective_at`: when the step
    happened, if before it is recorded (the hooks meet and start deadlines from it).

    The transition is looked up in the table of the case's framework (`framework_for`);
    a case's first submission fixes its framework.

    Raises `TransitionRefused` (not permitted, wrong state, guard failed, reason missing)
    or `NotificationChanged` (the version moved on: someone else acted first)."""
    framework = framework_for(notification)
    try:
        transition = TABLES[framework][name]
    except KeyError:
        raise LookupError(f"No transition called {name!r} in {framework}") from None
    reason = reason.strip()
    if not may_make(by, transition, notification):
        raise TransitionRefused("You cannot do this to this case", code="not_permitted")
    if transition.needs_reason and not reason:
        raise TransitionRefused("Enter the reason", code="reason_required")
    with audited_transaction():
        current = _locked(notification)
        if current.version != expected_version:
            raise NotificationChanged(current, expected_version)
        if current.status not in transition.sources:
            raise TransitionRefused(
                f"You cannot {transition.label[0].lower()}{transition.label[1:]} now. "
                f"{status_sentence(current)}",
                code="wrong_state",
            )
        for guard in transition.guards:
            if not guard.holds(current):
                raise TransitionRefused(guard.message, code=guard.code, field=guard.field)
        now = timezone.now()
        changed = {
            "status": transition.target,
            "version": expected_version + 1,
            "updated_at": now,
            "framework": framework,
        }
        _change(current, expected_version, changed)
        from_status = current.status
        for field, value in changed.items():
            setattr(current, field, value)
        StatusChange.objects.create(
            notification=current,
            transition=transition.name,
            from_status=from_status,
            to_status=transition.target,
            by=by,
            at=now,
            reason=reason,
            version=current.version,
        )
        timeline_add(
            notification=current,
            kind=f"transition.{transition.name}",
            # What was done, in the audit trail's words ("Closed the case"), not the
            # button's ("Close the case") beside a status label.
            text=action_label(f"notification.{transition.name}"),
            by=by,
            detail=reason,
        )
        audit_record(
            request=request,
            actor=by,
            action=f"notification.{transition.name}",
            obj=current,
            detail={"from": from_status, "to": transition.target},
        )
        made = TransitionMade(current, transition, by, now, reason, effective_at)
        for hook in _HOOKS:
            hook(made)
    return current


# -- moving a case to another framework -----------------------------------------------------


class FrameworkMoveRefused(Exception):
    """The case cannot be moved; `message` says why, in the administrator's words."""

    def __init__(self, message: str, field: str = "framework") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# Where a case stands in the other framework's table: the steps before any decision match.
_MOVED_STATUS: dict[tuple[Framework, str], Status] = {
    (Framework.WT_2023, Status.UNDER_CONSIDERATION): Status.RAPID_REVIEW,
    (Framework.WT_2023, Status.LISG_RECOMMENDED): Status.RAPID_REVIEW,
    (Framework.BF_LSCB_2015, Status.RAPID_REVIEW): Status.UNDER_CONSIDERATION,
    (Framework.BF_LSCB_2015, Status.RAPID_REVIEW_SENT): Status.UNDER_CONSIDERATION,
}
# Before any decision: the only states a case may be moved from.
MOVABLE = frozenset(
    {
        Status.SUBMITTED,
        Status.RETURNED_FOR_INFORMATION,
        Status.UNDER_CONSIDERATION,
        Status.LISG_RECOMMENDED,
        Status.RAPID_REVIEW,
        Status.RAPID_REVIEW_SENT,
    }
)


@dataclass(frozen=True)
class FrameworkMoved:
    notification: Notification
    from_framework: Framework
    by: User
    at: datetime
    reason: str


# Called inside the transaction after a move (deadlines recompute here).
FrameworkMoveHook = Callable[[FrameworkMoved], None]
_MOVE_HOOKS: list[FrameworkMoveHook] = []


def on_framework_move(hook: FrameworkMoveHook) -> FrameworkMoveHook:
    _MOVE_HOOKS.append(hook)
    return hook


def notification_framework_move(
    *,
    notification: Notification,
    framework: Framework,
    by: User,
    reason: str,
    expected_version: int,
    request: HttpRequest | None = None,
) -> Notification:
    """Move a submitted case to another framework, before any decision is recorded: only
    an administrator, with a reason. The case takes the matching state of the new table,
    the move is written as a status row, a timeline entry and an audit event, and the
    hooks recompute its deadlines. Raises `FrameworkMoveRefused` or `NotificationChanged`."""
    reason = reason.strip()
    if not by.is_administrator:
        raise FrameworkMoveRefused("Only an administrator can move a case to another framework")
    if not reason:
        raise FrameworkMoveRefused("Enter the reason for the move", field="reason")
    with audited_transaction():
        current = _locked(notification)
        if current.version != expected_version:
            raise NotificationChanged(current, expected_version)
        old = Framework(current.framework)
        if old == framework:
            raise FrameworkMoveRefused("The case already follows this framework")
        if current.status not in MOVABLE:
            raise FrameworkMoveRefused(
                "A case can only be moved before any decision is recorded. "
                f"{status_sentence(current)}"
            )
        status = _MOVED_STATUS.get((framework, current.status), Status(current.status))
        now = timezone.now()
        changed = {
            "framework": framework,
            "status": status,
            "version": expected_version + 1,
            "updated_at": now,
        }
        _change(current, expected_version, changed)
        from_status = current.status
        for field, value in changed.items():
            setattr(current, field, value)
        StatusChange.objects.create(
            notification=current,
            transition="framework_move",
            from_status=from_status,
            to_status=status,
            by=by,
            at=now,
            reason=reason,
            version=current.version,
        )
        timeline_add(
            notification=current,
            kind="framework.move",
            text=action_label("notification.framework_move"),
            by=by,
            detail=reason,
        )
        audit_record(
            request=request,
            actor=by,
            action="notification.framework_move",
            obj=current,
            detail={
                "from_framework": old,
                "to_framework": framework,
                "from": from_status,
                "to": status,
            },
        )
        moved = FrameworkMoved(current, old, by, now, reason)
        for hook in _MOVE_HOOKS:
            hook(moved)
    return current


# -- the Panel's response to a partnership's rapid review (framework wt-2023) ---------------

# Where the Panel's response can be recorded: once the rapid review has been sent to it.
PANEL_RESPONSE_STATES = frozenset(
    {
        Status.RAPID_REVIEW_SENT,
        Status.LCSPR_COMMISSIONED,
        Status.OTHER_REVIEW_COMMISSIONED,
        Status.NO_REVIEW,
        Status.REVIEW_IN_PROGRESS,
        Status.REPORT,
        Status.PUBLISHED,
        Status.ACTIONS_MONITORED,
    }
)
PANEL_RESPONSES = {
    True: "The Child Safeguarding Practice Review Panel will carry out a national review",
    False: "The Child Safeguarding Practice Review Panel will not carry out a national review",
}

# Called inside the transaction after a response is recorded (the e-mails register here).
PanelResponseHook = Callable[[PanelResponse], None]
_PANEL_RESPONSE_HOOKS: list[PanelResponseHook] = []


def on_panel_response(hook: PanelResponseHook) -> PanelResponseHook:
    _PANEL_RESPONSE_HOOKS.append(hook)
    return hook


def panel_response_record(
    *,
    notification: Notification,
    national_review: bool,
    received_on: date,
    detail: str,
    by: User,
    request: HttpRequest | None = None,
) -> PanelResponse:
    """Record the Panel's response to a partnership's rapid review (whether it takes a
    national review), by the case's Business Manager: a record of its own, shown on the
    case page, a timeline entry whose kind says the answer, an audit event, and the hooks
    (those whose work it is are told). The case's state does not change."""
    if not sees_through(by, notification, {Role.BUSINESS_MANAGER}):
        raise TransitionRefused("You cannot do this to this case", code="not_permitted")
    if notification.framework != Framework.WT_2023 or (
        notification.status not in PANEL_RESPONSE_STATES
    ):
        raise TransitionRefused(
            "The Panel's response is recorded once the rapid review has been sent to it. "
            f"{status_sentence(notification)}",
            code="wrong_state",
        )
    with audited_transaction():
        response = PanelResponse.objects.create(
            notification=notification,
            national_review=national_review,
            received_on=received_on,
            detail=detail.strip(),
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        timeline_add(
            notification=notification,
            kind=f"panel_response.{'national_review' if national_review else 'no_national_review'}",
            text=PANEL_RESPONSES[national_review],
            by=by,
            detail=response.detail,
        )
        audit_record(
            request=request,
            actor=by,
            action="notification.panel_response",
            obj=notification,
            detail={"national_review": national_review, "response": response.pk},
        )
        for hook in _PANEL_RESPONSE_HOOKS:
            hook(response)
    return response


def panel_response_of(notification: Notification) -> PanelResponse | None:
    """The Panel's answer: the newest response recorded (a correction replaces it)."""
    return (
        PanelResponse.objects.filter(notification=notification)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-id")
        .first()
    )
