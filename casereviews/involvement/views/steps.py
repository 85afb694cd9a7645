"""The Business Manager's pages around the agencies' returns."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from casereviews.boards.models import Organisation
from casereviews.frameworks.vocabulary import vocabulary
from casereviews.involvement.forms import AgencyAddForm, GoAheadForm, MeetingForm, ShareForm
from casereviews.involvement.models import ChronologyShare
from casereviews.involvement.selectors import unanswered_requests
from casereviews.involvement.services.chronology import chronology_share
from casereviews.involvement.services.meetings import lisg_meeting_assign
from casereviews.involvement.services.requests import agency_add_and_invite, lisg_go_ahead_record
from casereviews.involvement.views.base import CasePage
from casereviews.policy import Action


class AgencyAddView(CasePage):
    permission = Action.AGENCY_INFORMATION_REQUEST
    form_class = AgencyAddForm
    title = "Add an agency that is not registered"
    submit_text = "Add the agency and invite its lead"

    def back_url(self) -> str:
        return reverse("decisions:involvement-request", args=[self.case.reference])

    def perform(self, form: AgencyAddForm) -> str:
        data = form.cleaned_data
        organisation = agency_add_and_invite(
            notification=self.case,
            name=data["name"],
            organisation_type=data["organisation_type"],
            lead_name=data["lead_name"],
            lead_email=data["lead_email"],
            by=self.user,
            request=self.request,
        )
        return f"{organisation.name} is added and its lead is invited: you can now ask it"


class MeetingAssignView(CasePage):
    permission = Action.LISG_MEETING_ASSIGN
    form_class = MeetingForm
    title = "Choose the LISG meeting for this case"
    submit_text = "Save the meeting"

    def context(self) -> dict[str, Any]:
        return {
            **super().context(),
            "intro": (
                "Agencies' answers are due "
                f"{self.case.board.agency_return_days_before_meeting} working days before "
                "the meeting (the board's local standard). Answers still awaited move to "
                "the new date."
            ),
        }

    def perform(self, form: MeetingForm) -> str:
        meeting = lisg_meeting_assign(
            notification=self.case,
            meeting_date=form.cleaned_data["meeting_date"],
            by=self.user,
            request=self.request,
        )
        return f"The case goes to the {meeting}"


class GoAheadView(CasePage):
    permission = Action.LISG_GO_AHEAD_RECORD
    form_class = GoAheadForm
    submit_text = "Record the reason"

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().load(request, *args, **kwargs)
        self.words = vocabulary(self.case.framework)
        self.title = f"Let {self.words.answers_for} go ahead without every answer"

    def form_kwargs(self) -> dict[str, Any]:
        return {"words": self.words}

    def context(self) -> dict[str, Any]:
        return {**super().context(), "waiting": unanswered_requests(self.case)}

    def perform(self, form: GoAheadForm) -> str:
        lisg_go_ahead_record(
            notification=self.case,
            reason=form.cleaned_data["reason"],
            by=self.user,
            request=self.request,
        )
        return f"The reason is recorded: {self.words.answers_for} may go ahead"


class ShareView(CasePage):
    permission = Action.CHRONOLOGY_SHARE
    form_class = ShareForm
    title = "Share the agencies' chronology"
    submit_text = "Share the chronology"

    def back_url(self) -> str:
        return reverse("involvement:chronology", args=[self.case.reference])

    def form_kwargs(self) -> dict[str, Any]:
        shared = set(
            ChronologyShare.objects.filter(notification=self.case).values_list(
                "organisation", flat=True
            )
        )
        partners = self.case.board.partners.exclude(pk__in=shared).order_by("name")
        return {"choices": list(partners.values_list("pk", "name"))}

    def context(self) -> dict[str, Any]:
        return {
            **super().context(),
            "shared": ChronologyShare.objects.filter(notification=self.case).select_related(
                "organisation"
            ),
        }

    def perform(self, form: ShareForm) -> str:
        chosen = Organisation.objects.filter(pk__in=form.cleaned_data["organisations"])
        shares = chronology_share(
            notification=self.case, organisations=chosen, by=self.user, request=self.request
        )
        agencies = "1 agency" if len(shares) == 1 else f"{len(shares)} agencies"
        return f"The chronology is shared with {agencies}"
