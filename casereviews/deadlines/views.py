from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from casereviews.deadlines.selectors import deadlines_for
from casereviews.policy import Action
from casereviews.policy.views import PolicyMixin


class DueView(PolicyMixin, TemplateView):
    """What I must do, by when: my open deadlines in this board, soonest first."""

    permission = Action.DEADLINES_VIEW
    template_name = "deadlines/due.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rows"] = deadlines_for(self.user, self.board)
        return context
