"""The service navigation: each person sees only what their roles allow."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from casereviews.policy import SIGNED_IN, Action, Permission, may


@dataclass(frozen=True)
class NavigationItem:
    text: str
    url_name: str
    action: Permission
    needs_board: bool = True


# Later features add their entries here; the policy decides who sees each.
NAVIGATION: tuple[NavigationItem, ...] = (
    NavigationItem("Home", "frontend:home", SIGNED_IN, needs_board=False),
    NavigationItem("Notify a case", "notifications:start", Action.NOTIFICATION_START),
    NavigationItem("Your notifications", "notifications:mine", SIGNED_IN),
    NavigationItem("Board cases", "notifications:board", Action.NOTIFICATION_LIST_BOARD),
    NavigationItem("LISG meetings", "involvement:lisg-meetings", Action.LISG_MEETING_LIST),
    NavigationItem("Search", "learning:search", Action.CASE_SEARCH),
    NavigationItem("Lessons", "learning:library", Action.LESSONS_VIEW),
    NavigationItem("Figures", "learning:dashboard", Action.FIGURES_VIEW),
    NavigationItem("Audit trail", "audit:search", Action.AUDIT_VIEW),
    NavigationItem("Retention", "retention:schedule", Action.RETENTION_MANAGE),
    NavigationItem("Subject access", "subject_access:requests", Action.SUBJECT_ACCESS),
    NavigationItem("Due and overdue", "deadlines:due", Action.DEADLINES_VIEW),
    NavigationItem("Review actions", "reviews:actions", Action.ACTION_LIST),
    NavigationItem("Administration", "administration:index", Action.ADMINISTER, False),
    NavigationItem("Operations", "worker:operations", Action.ADMINISTER, False),
)


def navigation_for(request: HttpRequest) -> list[dict[str, object]]:
    board = getattr(request, "board", None)
    items = []
    for item in NAVIGATION:
        if item.needs_board and board is None:
            continue
        if not may(request.user, item.action, board=board):
            continue
        url = reverse(item.url_name)
        items.append({"text": item.text, "href": url, "current": request.path == url})
    return items
