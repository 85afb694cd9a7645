"""The pages of LISG meetings: the board's meetings, scheduling one, a meeting's page,
its agenda, the pack (pages and PDF), attendance and conflicts of interest. Every read
of a case in the pack is audited; a case the person may not see is "not found"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from casereviews.audit.services import audit_record
from casereviews.frontend.keyset import keyset_page
from casereviews.involvement import meeting_selectors as selectors
from casereviews.involvement import prepared
from casereviews.involvement.meeting_forms import AttendanceForm, LisgMeetingForm
from casereviews.involvement.models import LisgMeeting, LisgMeetingCase
from casereviews.involvement.services import meetings as services
from casereviews.involvement.views.base import FormPage
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404, may, scope
from casereviews.policy.requests import AuthenticatedRequest
from casereviews.policy.views import PolicyMixin
from casereviews.prepared.views import PrepareView
from casereviews.workflow.services import TransitionRefused


def _meeting_url(meeting: LisgMeeting) -> str:
    return reverse("involvement:lisg-meeting", args=[meeting.pk])


class MeetingListView(PolicyMixin, TemplateView):
    """The board's meetings, upcoming first (the past ones on their own list)."""

    permission = Action.LISG_MEETING_LIST
    template_name = "involvement/meetings/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        assert self.board is not None
        past = self.request.GET.get("when") == "past"
        held = selectors.meeting_held()
        meetings = selectors.meetings_of_board(self.user, self.board)
        if past:
            page = keyset_page(
                meetings.filter(held),
                ordering=selectors.LATEST_FIRST,
                request=self.request,
            )
        else:
            page = keyset_page(
                meetings.exclude(held),
                ordering=selectors.UPCOMING_FIRST,
                request=self.request,
            )
        return super().get_context_data(
            page=page,
            past=past,
            query="when=past" if past else "",
            may_schedule=may(self.user, Action.LISG_MEETING_SCHEDULE, board=self.board),
            **kwargs,
        )


class MeetingScheduleView(FormPage):
    permission = Action.LISG_MEETING_SCHEDULE
    form_class = LisgMeetingForm
    title = "Schedule a LISG meeting"
    meeting: LisgMeeting

    def form_kwargs(self) -> dict[str, Any]:
        assert self.board is not None
        return {"eligible": services.eligible_members(self.board)}

    def back_url(self) -> str:
        return reverse("involvement:lisg-meetings")

    def perform(self, form: Any) -> str:
        assert self.board is not None
        data = form.cleaned_data
        self.meeting = services.lisg_meeting_schedule(
            board=self.board,
            by=self.user,
            date=data["date"],
            time=data["time"],
            place=data["place"],
            call_details=data["call_details"],
            members=data["members"],
            request=self.request,
        )
        return f"The {self.meeting} is scheduled"

    def done_url(self) -> str:
        return _meeting_url(self.meeting)


class MeetingMixin(PolicyMixin):
    """Pages of one meeting: fetched through the policy, "not found" otherwise."""

    scoped = True
    meeting: LisgMeeting
    request: HttpRequest

    def load(self, request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> None:
        self.meeting = get_in_scope_or_404(request.user, Action(self.permission), pk=kwargs["pk"])


class MeetingView(MeetingMixin, TemplateView):
    permission = Action.LISG_MEETING_VIEW
    template_name = "involvement/meetings/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        meeting = self.meeting
        manage = may(self.user, Action.LISG_MEETING_MANAGE, meeting)
        return super().get_context_data(
            meeting=meeting,
            agenda=selectors.agenda(meeting, self.user),
            members=selectors.members(meeting),
            conflicts=selectors.conflicts(meeting, self.user),
            may_manage=manage,
            may_declare=may(self.user, Action.LISG_CONFLICT_DECLARE, meeting),
            pack_open=selectors.pack_open_to(meeting, self.user),
            held=meeting.date <= timezone.localdate(),
            **kwargs,
        )


class MeetingFormPage(MeetingMixin, FormPage):
    def back_url(self) -> str:
        return _meeting_url(self.meeting)

    def context(self) -> dict[str, Any]:
        return {"meeting": self.meeting}


class MeetingChangeView(MeetingFormPage):
    permission = Action.LISG_MEETING_MANAGE
    form_class = LisgMeetingForm
    title = "Change the meeting's details or members"

    def form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"eligible": services.eligible_members(self.meeting.board)}
        if self.request.method == "GET":
            kwargs["initial"] = {
                "date": self.meeting.date,
                "time": self.meeting.time,
                "place": self.meeting.place,
                "call_details": self.meeting.call_details,
                "members": [m.user_id for m in selectors.members(self.meeting)],
            }
        return kwargs

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        services.lisg_meeting_change(
            meeting=self.meeting,
            by=self.user,
            date=data["date"],
            time=data["time"],
            place=data["place"],
            call_details=data["call_details"],
            members=data["members"],
            request=self.request,
        )
        return "The meeting's details are saved"


class AgendaView(MeetingMixin, View):
    """The cases ready for consideration, newest first, each with whether the agencies
    have answered; the Business Manager puts one on the agenda."""

    permission = Action.LISG_MEETING_MANAGE

    def page(self, error: str = "", status: int = 200) -> HttpResponse:
        page = keyset_page(
            selectors.ready_for_agenda(self.meeting.board),
            ordering=selectors.READY_NEWEST_FIRST,
            request=self.request,
        )
        return render(
            self.request,
            "involvement/meetings/agenda.html",
            {"meeting": self.meeting, "page": page, "error": error},
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        reference = request.POST.get("reference", "")
        case = (
            scope(self.user, Action.LISG_MEETING_ASSIGN)
            .filter(reference=reference, board=self.meeting.board_id)
            .first()
        )
        if case is None:
            return self.page("Select a case of this board that is ready for the LISG", 400)
        try:
            services.lisg_agenda_add(
                meeting=self.meeting, notification=case, by=self.user, request=request
            )
        except TransitionRefused as refused:
            return self.page(refused.message, 400)
        messages.success(request, f"{case.reference} is on the agenda")
        return HttpResponseRedirect(_meeting_url(self.meeting))


class AgendaRemoveView(MeetingMixin, View):
    permission = Action.LISG_MEETING_MANAGE
    http_method_names = ["post"]

    def load(self, request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> None:
        """A POST-only page answers GET before looking anything up."""

    def post(self, request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        super().load(request, *args, **kwargs)
        on_agenda = (
            LisgMeetingCase.objects.filter(
                meeting=self.meeting, notification__reference=kwargs["reference"]
            )
            .select_related("notification")
            .first()
        )
        if on_agenda is None:
            raise Http404("Not found")
        try:
            services.lisg_agenda_remove(
                meeting=self.meeting,
                notification=on_agenda.notification,
                by=self.user,
                request=request,
            )
        except TransitionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, f"{on_agenda.notification.reference} is off the agenda")
        return HttpResponseRedirect(_meeting_url(self.meeting))


class PackIssueView(MeetingFormPage):
    permission = Action.LISG_MEETING_MANAGE
    form_class = forms.Form
    title = "Issue the meeting pack"
    template_name = "involvement/meetings/issue.html"

    def context(self) -> dict[str, Any]:
        return {"meeting": self.meeting, "agenda": selectors.agenda(self.meeting, self.user)}

    def perform(self, form: Any) -> str:
        issued = services.lisg_pack_issue(meeting=self.meeting, by=self.user, request=self.request)
        return f"The pack is issued to the members (version {issued.pack_version})"


class PackMixin(MeetingMixin):
    permission = Action.LISG_MEETING_VIEW

    def load(self, request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> None:
        super().load(request, *args, **kwargs)
        if not selectors.pack_open_to(self.meeting, request.user):
            raise Http404("Not found")

    def case_in_pack(self, reference: str) -> Notification:
        return prepared.case_in_pack(self.request.user, self.meeting, reference)  # type: ignore[arg-type]


class PackView(PackMixin, TemplateView):
    """The pack's contents: the cases on the agenda the person may read."""

    template_name = "involvement/meetings/pack.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            meeting=self.meeting, agenda=selectors.agenda(self.meeting, self.user), **kwargs
        )


class PackCaseView(PackMixin, TemplateView):
    template_name = "involvement/meetings/pack_case.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        case = self.case_in_pack(self.kwargs["reference"])
        audit_record(
            request=self.request,
            action="lisg_meeting.pack_read",
            obj=case,
            detail={"meeting": self.meeting.pk},
        )
        return super().get_context_data(
            meeting=self.meeting,
            section=selectors.pack_section(case, chronology_limit=selectors.PACK_PAGE_CHRONOLOGY),
            **kwargs,
        )


class PackPdfView(PackMixin, PrepareView):
    """The whole pack as one PDF, prepared by the worker (casereviews/prepared): every
    case on the agenda the person may read (not one in which they declared a conflict of
    interest). Each case's read is audited when the file is downloaded."""

    def to_prepare(self, request: HttpRequest, **kwargs: Any) -> tuple[str, dict[str, Any]]:
        return prepared.PACK, {"meeting": self.meeting.pk, "case": ""}


class PackCasePdfView(PackMixin, PrepareView):
    def to_prepare(self, request: HttpRequest, **kwargs: Any) -> tuple[str, dict[str, Any]]:
        case = self.case_in_pack(kwargs["reference"])
        return prepared.PACK, {"meeting": self.meeting.pk, "case": case.reference}


class AttendanceView(MeetingFormPage):
    permission = Action.LISG_MEETING_MANAGE
    form_class = AttendanceForm
    title = "Record attendance"

    def form_kwargs(self) -> dict[str, Any]:
        return {"members": selectors.members(self.meeting)}

    def perform(self, form: Any) -> str:
        services.lisg_attendance_record(
            meeting=self.meeting, by=self.user, attendance=form.attendance(), request=self.request
        )
        return "Attendance is recorded"
