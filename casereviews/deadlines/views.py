from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from casereviews.deadlines.selectors import SOONEST_FIRST, deadline_rows, open_deadlines
from casereviews.frontend.keyset import keyset_page
from casereviews.policy import Action
from casereviews.policy.views import PolicyMixin

# Whose deadlines /due/ lists: `?whose=board` for every one of the board's cases.
WHOSE = {"mine": "Mine", "board": "Everyone's in the board"}


class DueView(PolicyMixin, TemplateView):
    """What I must do, by when: my open deadlines in this board, soonest first; or, on
    asking, every open deadline of the board's cases I may see, or only overdue ones.
    A page at a time (keyset), so the page costs the same however many there are."""

    permission = Action.DEADLINES_VIEW
    template_name = "deadlines/due.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The policy has checked DEADLINES_VIEW in the current board, so there is one.
        assert self.board is not None
        whose = self.request.GET.get("whose", "mine")
        whose = whose if whose in WHOSE else "mine"
        overdue = self.request.GET.get("overdue") == "yes"
        deadlines = open_deadlines(self.user, self.board, whose=whose, overdue=overdue)
        page = keyset_page(deadlines, ordering=SOONEST_FIRST, request=self.request)
        context.update(
            rows=deadline_rows(page.rows),
            page=page,
            whose=whose,
            whose_choices=WHOSE.items(),
            overdue=overdue,
        )
        return context
