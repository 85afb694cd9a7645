"""Recording a conflict of interest in a case on a meeting's agenda: the page warns what
it means before anything is recorded, and says when no LISG member is left to recommend
(docs/adr/0029-nobody-silently-left-out.md)."""

from __future__ import annotations

from typing import Any

from casereviews.boards.models import Role
from casereviews.involvement import meeting_selectors as selectors
from casereviews.involvement.meeting_forms import ConflictForm
from casereviews.involvement.services import meetings as services
from casereviews.involvement.views.meetings import MeetingFormPage
from casereviews.notifications.models import Notification
from casereviews.notifications.policy import people_who_see
from casereviews.policy import Action, may


class ConflictView(MeetingFormPage):
    permission = Action.LISG_CONFLICT_DECLARE
    form_class = ConflictForm
    title = "Record a conflict of interest"

    def form_kwargs(self) -> dict[str, Any]:
        everyone = selectors.members(self.meeting)
        if not may(self.user, Action.LISG_MEETING_MANAGE, self.meeting):
            everyone = [m for m in everyone if m.user_id == self.user.pk]
        return {"members": everyone, "cases": selectors.agenda(self.meeting, self.user)}

    def context(self) -> dict[str, Any]:
        return {
            **super().context(),
            "warning": (
                "Once recorded, the member no longer sees the case, its part of the pack or "
                "its papers, and is no longer told of it. A conflict cannot be withdrawn."
            ),
        }

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        membership = next(
            m for m in selectors.members(self.meeting) if str(m.user_id) == data["member"]
        )
        case = Notification.objects.get(pk=int(data["case"]))
        services.lisg_conflict_declare(
            meeting=self.meeting,
            member=membership.user,
            notification=case,
            interest=data["interest"],
            by=self.user,
            request=self.request,
        )
        who = membership.user.full_name or membership.user.email
        message = (
            f"The conflict of interest in {case.reference} is recorded: {who} no longer "
            "sees the case"
        )
        if not people_who_see(case, Role.LISG_MEMBER).exists():
            message += ". No LISG member without a conflict remains to recommend"
        return message
