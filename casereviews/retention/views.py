"""The retention pages: the board's schedule, its disposal list and approvals, and its
legal holds. The Business Manager's alone (`Action.RETENTION_MANAGE`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views import View

from casereviews.audit.services import audit_record
from casereviews.boards.models import Board
from casereviews.notifications.models import Child, Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin
from casereviews.retention import schedule, services
from casereviews.retention.forms import (
    ONE_CASE,
    ONE_CHILD,
    DisposalForm,
    HoldForm,
    LiftForm,
    PeriodForm,
)
from casereviews.retention.models import DisposalBatch, LegalHold, RecordKind


class RetentionMixin(PolicyMixin):
    permission = Action.RETENTION_MANAGE

    @property
    def current_board(self) -> Board:
        board = self.board
        assert board is not None  # the board-level check refuses a person with none
        return board


class ScheduleView(RetentionMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        board = self.current_board
        chosen = schedule.periods(board)
        rows = [
            {
                "kind": kind,
                "label": RecordKind(kind).label,
                "years": chosen[kind],
                "default": default,
                "own": chosen[kind] != default.years,
            }
            for kind, default in schedule.DEFAULTS.items()
        ]
        return render(
            request,
            "retention/schedule.html",
            {
                "rows": rows,
                "holds": services.in_force(board),
                "batches": DisposalBatch.objects.filter(board=board).select_related("approved_by")[
                    :10
                ],
            },
        )


class PeriodView(RetentionMixin, View):
    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase | None:
        kind = kwargs["kind"]
        if kind not in schedule.DEFAULTS or not schedule.DEFAULTS[kind].configurable:
            raise Http404("Not found")
        self.kind = kind
        return None

    def show(self, form: PeriodForm) -> HttpResponse:
        return render(
            self.request,
            "retention/period.html",
            {
                "form": form,
                "label": RecordKind(self.kind).label,
                "default": schedule.DEFAULTS[self.kind],
            },
        )

    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        return self.show(PeriodForm(initial={"years": schedule.periods(self.current_board)[kind]}))

    def post(self, request: HttpRequest, kind: str) -> HttpResponse:
        form = PeriodForm(request.POST)
        if not form.is_valid():
            return self.show(form)
        services.retention_period_set(
            board=self.current_board,
            kind=kind,
            years=form.cleaned_data["years"],
            by=self.user,
            request=request,
        )
        messages.success(request, "The retention period is changed")
        return redirect("retention:schedule")


def _case_label(entry: schedule.Due, hold: LegalHold | None) -> str:
    held = f" — under a legal hold ({hold.get_reason_display().lower()})" if hold else ""
    return (
        f"{entry.notification.reference}: {RecordKind(entry.kind).label.lower()}, closed "
        f"{entry.closed_on:%-d %B %Y}, due {entry.due_on:%-d %B %Y}{held}"
    )


class DisposalView(RetentionMixin, View):
    """The cases past their date, to approve for disposal in one batch with a reason."""

    def show(self, form: DisposalForm | None = None, *, status: int = 200) -> HttpResponse:
        board = self.current_board
        listed = schedule.disposal_list(board)
        holds = services.holds_on(
            [entry.notification for entry in listed], services.in_force(board)
        )
        choices = [
            (str(entry.notification.pk), _case_label(entry, holds.get(entry.notification.pk)))
            for entry in listed
        ]
        if form is None:
            form = DisposalForm(choices=choices)
        else:
            form.offer(choices)
        audit_record(
            request=self.request,
            action="retention.disposal_list_read",
            board=board,
            detail={"cases": len(listed), "held": len(holds)},
        )
        return render(
            self.request, "retention/disposal.html", {"form": form, "listed": listed}, status=status
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.show()

    def post(self, request: HttpRequest) -> HttpResponse:
        board = self.current_board
        choices = [(str(entry.notification.pk), "") for entry in schedule.disposal_list(board)]
        form = DisposalForm(request.POST, choices=choices)
        if not form.is_valid():
            return self.show(form)
        cases = list(
            Notification.objects.filter(board=board, pk__in=form.cleaned_data["cases"]).order_by(
                "reference"
            )
        )
        try:
            batch = services.disposal_approve(
                board=board,
                cases=cases,
                reason=form.cleaned_data["reason"],
                by=self.user,
                request=request,
            )
        except services.DisposalRefused as refused:
            form.add_error("cases", refused.message)
            return self.show(form)
        count = batch.cases.count()
        messages.success(
            request,
            f"The personal data of {count} case{'s' if count != 1 else ''} is destroyed",
        )
        return redirect("retention:schedule")


class HoldView(RetentionMixin, View):
    def show(self, form: HoldForm) -> HttpResponse:
        return render(self.request, "retention/hold.html", {"form": form})

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.show(HoldForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        board = self.current_board
        form = HoldForm(request.POST)
        if not form.is_valid():
            return self.show(form)
        data = form.cleaned_data
        case = child = None
        if data["scope"] in (ONE_CASE, ONE_CHILD):
            reference = data["reference"].strip().upper()
            case = Notification.objects.filter(board=board, reference=reference).first()
            if case is None:
                form.add_error("reference", "No case of the board has this reference")
                return self.show(form)
            if data["scope"] == ONE_CHILD:
                child = Child.objects.filter(notification=case).order_by("id").first()
                if child is None:
                    form.add_error("reference", "This case names no child any more")
                    return self.show(form)
        services.legal_hold_place(
            board=board,
            notification=case,
            child=child,
            reason=data["reason"],
            detail=data["detail"],
            by=self.user,
            request=request,
        )
        messages.success(request, "The legal hold is placed")
        return redirect("retention:schedule")


class LiftView(RetentionMixin, View):
    """A hold in force, fetched through the policy: another board's is "not found"."""

    scoped = True

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase | None:
        self.hold: LegalHold = get_in_scope_or_404(
            request.user, Action.RETENTION_MANAGE, pk=kwargs["pk"], lifted_at__isnull=True
        )
        return None

    def show(self, form: LiftForm) -> HttpResponse:
        return render(self.request, "retention/lift.html", {"form": form, "hold": self.hold})

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.show(LiftForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = LiftForm(request.POST)
        if not form.is_valid():
            return self.show(form)
        services.legal_hold_lift(
            hold=self.hold, reason=form.cleaned_data["reason"], by=self.user, request=request
        )
        messages.success(request, "The legal hold is lifted")
        return redirect("retention:schedule")
