"""The operations page: is the worker alive, and is e-mail getting out? Counts only."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from casereviews.outbox.selectors import outbox_counts
from casereviews.policy import Action
from casereviews.policy.views import PolicyMixin
from casereviews.worker.models import Heartbeat


class OperationsView(PolicyMixin, TemplateView):
    permission = Action.ADMINISTER
    template_name = "worker/operations.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["heartbeats"] = Heartbeat.objects.all()[:20]
        context["counts"] = outbox_counts()
        return context
