"""The Business Manager asks the partner agencies at once (Procedure A 4(i)); the page
names first the agencies nobody can be told, and the confirmation who was told."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from casereviews.boards.models import Organisation
from casereviews.decisions.forms import InvolvementRequestForm
from casereviews.involvement.recipients import HOW_TO_REACH, names, unreachable
from casereviews.involvement.selectors import agencies_to_ask
from casereviews.involvement.services.requests import involvement_requests_send
from casereviews.notifications.models import ASKING_AGENCIES
from casereviews.policy import Action
from casereviews.policy.views import PolicyMixin
from casereviews.workflow.versioned import VersionedCaseFormMixin


class InvolvementRequestView(PolicyMixin, VersionedCaseFormMixin, View):
    """Ask every partner agency at once (Procedure A 4(i))."""

    permission = Action.AGENCY_INFORMATION_REQUEST
    scoped = True
    form_class = InvolvementRequestForm
    template_name = "involvement/ask.html"
    title = "Ask the partner agencies for information"
    question = "organisations"

    def available_in(self) -> frozenset[str]:
        # The procedure asks agencies while the case is under consideration (A 4(i)); a
        # partnership asks them for its rapid review.
        return ASKING_AGENCIES

    def partners(self) -> tuple[list[Organisation], list[Organisation]]:
        """The agencies to ask that can be told, and those nobody can be told (named on
        the page with how to fix it, never offered)."""
        if not hasattr(self, "_partners"):
            every = agencies_to_ask(self.case)
            cannot = unreachable(every, self.case.board)
            self._partners = ([o for o in every if o not in cannot], cannot)
        return self._partners

    def form_kwargs(self) -> dict[str, Any]:
        return {"partners": self.partners()[0]}

    def page(self, form: forms.Form, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "case": self.case,
                "title": self.title,
                "question": self.question,
                "cannot_be_told": self.partners()[1],
                "how_to_reach": HOW_TO_REACH,
            },
            status=status,
        )

    def perform(self, form: forms.Form, version: int) -> str:
        chosen = form.cleaned_data["organisations"]
        sent = involvement_requests_send(
            notification=self.case,
            organisations=chosen,
            by=self.user,
            working_days=form.cleaned_data["working_days"],
            request=self.request,
        )
        told = names(r.organisation for r in sent)
        agencies = "1 agency has" if len(sent) == 1 else f"{len(sent)} agencies have"
        message = f"{agencies} been asked for information and told by e-mail: {told}."
        cannot = self.partners()[1]
        if cannot:
            message += (
                f" Not told and not asked: {names(cannot)}, as nobody can be told there "
                "(no safeguarding lead and no secure e-mail address)."
            )
        return message
