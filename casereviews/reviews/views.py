"""The review's page and the pages that keep its records."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View

from casereviews.audit.services import audit_record
from casereviews.frontend.forms import DateField
from casereviews.frontend.keyset import keyset_page
from casereviews.involvement.views.base import CasePage, FormPage
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404, may, scope
from casereviews.policy.views import PolicyMixin
from casereviews.reviews import actions, publication, services
from casereviews.reviews.forms import (
    ActionFilterForm,
    ActionForm,
    ActionUpdateForm,
    CopySentForm,
    DocumentForm,
    FamilyForm,
    LearningForm,
    MilestoneForm,
    MilestoneReachedForm,
    PlannedDateForm,
    ProfessionalsForm,
    PublicationRecordForm,
    ReviewerForm,
    SignOffForm,
    SustainedForm,
    TermsOfReferenceForm,
)
from casereviews.reviews.models import (
    ActionStatus,
    ActionUpdate,
    Milestone,
    PublicationForm,
    ReviewAction,
    ReviewDocument,
)
from casereviews.reviews.selectors import (
    completion_deadline,
    review_of,
    review_planned,
    reviewed_agencies,
)
from casereviews.workflow.transitions import sources_of
from casereviews.workflow.versioned import VersionedCaseFormMixin

SHOWN = 50  # rows of each record shown on the review's page; a review has a handful


class ReviewView(PolicyMixin, TemplateView):
    """Everything recorded about the review, for those who see it; links to record more
    for the Business Manager. Every read is audited."""

    permission = Action.REVIEW_VIEW
    scoped = True
    template_name = "reviews/review.html"

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.case: Notification = get_in_scope_or_404(
            request.user, Action.REVIEW_VIEW, reference=kwargs["reference"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        audit_record(request=self.request, action="review.read", obj=self.case)
        review = review_of(self.case)
        planned_kind, planned_methodology = review_planned(self.case)
        context: dict[str, Any] = {
            "planned_kind": planned_kind,
            "planned_methodology": planned_methodology,
            **super().get_context_data(**kwargs),
            "case": self.case,
            "review": review,
            "completion": completion_deadline(self.case),
            "agencies": list(reviewed_agencies(self.case)[:SHOWN]),
            "may_manage": may(self.user, Action.REVIEW_MANAGE, self.case),
        }
        if review is not None:
            context.update(
                reviewers=review.reviewers.select_related("organisation")[:SHOWN],
                documents=review.documents.select_related("uploaded_by").order_by(
                    "kind", "-version"
                )[:SHOWN],
                milestones=review.milestones.all()[:SHOWN],
                professionals=review.professionals.all()[:SHOWN],
                contributions=review.contributions.all()[:SHOWN],
                publication=getattr(review, "publication", None),
                disseminations=review.disseminations.all()[:SHOWN],
                actions=ReviewAction.objects.filter(notification=self.case)
                .select_related("owner_agency", "recommendation")
                .order_by("recommendation__number", "due_on", "id")[:SHOWN],
            )
            context["processes"] = publication.publication_processes(self.case)
        return context


class ReviewPage(CasePage):
    permission = Action.REVIEW_MANAGE

    def back_url(self) -> str:
        return reverse("reviews:detail", args=[self.case.reference])

    def date_anchors(self) -> dict[str, tuple[datetime.date, str]]:
        """Nothing of a review happens before the case was notified: every date of its
        records is on or after that day, unless the page names a later anchor."""
        notified = timezone.localdate(self.case.submitted_at or self.case.created_at)
        return {
            name: (notified, "the day the case was notified")
            for name, field in self.form_class.base_fields.items()
            if isinstance(field, DateField)
        }


class ReviewerView(ReviewPage):
    form_class = ReviewerForm
    title = "Appoint a reviewer"
    submit_text = "Appoint the reviewer"

    def form_kwargs(self) -> dict[str, Any]:
        return {"agencies": self.case.board.partners.order_by("name")}

    def call(self, form: forms.Form) -> str:
        data = form.cleaned_data
        reviewer = services.reviewer_appoint(
            notification=self.case,
            by=self.user,
            role=data["role"],
            full_name=data["full_name"],
            organisation=data["employer"],
            independence_declaration=data["independence_declaration"],
            declared_on=data["declared_on"],
            request=self.request,
        )
        return f"{reviewer.full_name} is appointed as {reviewer.get_role_display().lower()}"


class TermsOfReferenceView(ReviewPage):
    form_class = TermsOfReferenceForm
    title = "Record the terms of reference"
    submit_text = "Save the terms of reference"
    multipart = True

    def form_kwargs(self) -> dict[str, Any]:
        if self.request.method == "POST":
            return {}
        review = review_of(self.case)
        if review is not None and review.methodology:
            return {
                "initial": {
                    "methodology": review.methodology,
                    "lines_of_enquiry": review.lines_of_enquiry,
                }
            }
        recommendation = self.case.lisg_recommendations.order_by("-recorded_at", "-id").first()
        return {"initial": {"methodology": recommendation.methodology if recommendation else ""}}

    def call(self, form: forms.Form) -> str:
        data = form.cleaned_data
        services.terms_of_reference_record(
            notification=self.case,
            by=self.user,
            methodology=data["methodology"],
            lines_of_enquiry=data["lines_of_enquiry"],
            upload=data.get("file") or None,
            content_type=data.get("content_type", ""),
            request=self.request,
        )
        return "The terms of reference are saved"


class DocumentView(ReviewPage):
    form_class = DocumentForm
    title = "Upload a report"
    submit_text = "Save the report"
    multipart = True

    def call(self, form: forms.Form) -> str:
        document = services.document_add(
            notification=self.case,
            by=self.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            content_type=form.cleaned_data["content_type"],
            request=self.request,
        )
        return f"{document.get_kind_display()} version {document.version} is uploaded"


class MilestoneView(ReviewPage):
    form_class = MilestoneForm
    title = "Add a milestone"
    submit_text = "Add the milestone"

    def call(self, form: forms.Form) -> str:
        services.milestone_add(
            notification=self.case, by=self.user, request=self.request, **form.cleaned_data
        )
        return "The milestone is added"


class MilestoneReachedView(ReviewPage):
    form_class = MilestoneReachedForm
    title = "Record that the milestone was reached"
    submit_text = "Save"

    def call(self, form: forms.Form) -> str:
        milestone = Milestone.objects.filter(
            review__notification=self.case, pk=self.kwargs["milestone_id"]
        ).first()
        if milestone is None:
            raise Http404("Not found")
        services.milestone_reach(
            notification=self.case,
            by=self.user,
            milestone=milestone,
            reached_on=form.cleaned_data["reached_on"],
            request=self.request,
        )
        return "The milestone is recorded as reached"


class ProfessionalsView(ReviewPage):
    form_class = ProfessionalsForm
    title = "Record how professionals took part"
    submit_text = "Save"

    def call(self, form: forms.Form) -> str:
        services.professional_involvement_add(
            notification=self.case, by=self.user, request=self.request, **form.cleaned_data
        )
        return "How professionals took part is recorded"


class FamilyView(ReviewPage):
    form_class = FamilyForm
    title = "Record how the family or the child was enabled to contribute"
    submit_text = "Save"

    def call(self, form: forms.Form) -> str:
        services.family_contribution_add(
            notification=self.case, by=self.user, request=self.request, **form.cleaned_data
        )
        return "The family's or the child's contribution is recorded"


class DocumentDownloadView(PolicyMixin, View):
    """A document of the review, to those who see the review; every download audited."""

    permission = Action.REVIEW_VIEW
    scoped = True

    def get(self, request: HttpRequest, document_id: int) -> FileResponse:
        visible = scope(request.user, Action.REVIEW_VIEW)
        document = (
            ReviewDocument.objects.filter(pk=document_id, review__notification__in=visible)
            .select_related("review__notification")
            .first()
        )
        if document is None:
            raise Http404("Not found")
        try:
            handle = services.document_open_stored(document)
        except FileNotFoundError:
            raise Http404("Not found") from None
        audit_record(
            request=request,
            action="review.document_download",
            obj=document.review.notification,
            detail={"document": document.pk},
        )
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class SignOffView(ReviewPage):
    form_class = SignOffForm
    title = "Record the board's sign-off of the report"
    submit_text = "Save"

    def call(self, form: forms.Form) -> str:
        publication.sign_off_record(
            notification=self.case, by=self.user, request=self.request, **form.cleaned_data
        )
        return "The board's sign-off is recorded"


class CopySentView(ReviewPage):
    form_class = CopySentForm
    title = "Record the copy sent to Ofsted and the National Panel"
    submit_text = "Save"

    def date_anchors(self) -> dict[str, tuple[datetime.date, str]]:
        """The copy is of the final report: not before the board signed it off."""
        anchors = super().date_anchors()
        signed_off = publication.signed_off_on(self.case)
        if signed_off is not None:
            anchor = (signed_off, "the day the board signed the report off")
            anchors.update(ofsted_copy_sent_on=anchor, panel_copy_sent_on=anchor)
        return anchors

    def context(self) -> dict[str, Any]:
        return {
            **super().context(),
            "intro": f"A copy of the report goes to Ofsted and the National Panel at least "
            f"{publication.copy_days()} days before it is published.",
        }

    def call(self, form: forms.Form) -> str:
        publication.copy_sent_record(
            notification=self.case, by=self.user, request=self.request, **form.cleaned_data
        )
        return "The copy sent to Ofsted and the National Panel is recorded"


class PlannedDateView(ReviewPage):
    form_class = PlannedDateForm
    title = "Set the planned publication date"
    template_name = "reviews/planned_date.html"
    submit_text = "Set the date"

    def form_kwargs(self) -> dict[str, Any]:
        return {"processes": bool(publication.publication_processes(self.case))}

    def context(self) -> dict[str, Any]:
        review = review_of(self.case)
        current = getattr(review, "publication", None) if review else None
        earliest = publication.earliest_publication(current, timezone.localdate())
        return {
            **super().context(),
            "processes": publication.publication_processes(self.case),
            "earliest": earliest,
            "copy_days": publication.copy_days(),
        }

    def call(self, form: forms.Form) -> str:
        publication.planned_date_set(
            notification=self.case,
            by=self.user,
            planned_on=form.cleaned_data["planned_on"],
            acknowledged=bool(form.cleaned_data.get("acknowledged")),
            request=self.request,
        )
        return "The planned publication date is set"


class _RecordStep(PolicyMixin, VersionedCaseFormMixin, View):
    """A step that records something and moves the case (`record_page` of the table)."""

    permission = Action.REVIEW_MANAGE
    scoped = True
    template_name = "workflow/transition.html"
    transition = ""

    def available_in(self) -> frozenset[str]:
        return sources_of(self.transition)

    def record(self, form: forms.Form, version: int) -> str:
        raise Http404("Not found")

    def perform(self, form: forms.Form, version: int) -> str:
        return self.record(form, version)


class PublicationRecordView(_RecordStep):
    form_class = PublicationRecordForm
    title = "Record the publication of the report"
    question = "form"
    transition = "publish"

    def record(self, form: forms.Form, version: int) -> str:
        data = form.cleaned_data
        recorded = publication.publication_record(
            notification=self.case,
            by=self.user,
            expected_version=version,
            form=data["form"],
            web_address=data.get("web_address") or "",
            published_on=data.get("published_on"),
            reason=data.get("reason") or "",
            chair_agreed_on=data.get("chair_agreed_on"),
            request=self.request,
        )
        if recorded.form == PublicationForm.NOT_PUBLISHED:
            return "The Chair's agreement not to publish is recorded: record how the learning "
            "was disseminated"
        return f"The publication of the report of {self.case.reference} is recorded"


class LearningView(_RecordStep):
    form_class = LearningForm
    title = "Record that the learning was disseminated"
    question = "how"
    transition = "disseminate_learning"

    def record(self, form: forms.Form, version: int) -> str:
        publication.learning_record(
            notification=self.case,
            by=self.user,
            expected_version=version,
            request=self.request,
            **{k: v for k, v in form.cleaned_data.items() if k != "version"},
        )
        return f"The dissemination of the learning from {self.case.reference} is recorded"


class ActionAddView(ReviewPage):
    form_class = ActionForm
    title = "Add an action from a recommendation"
    submit_text = "Add the action"

    def form_kwargs(self) -> dict[str, Any]:
        return {"agencies": self.case.board.partners.order_by("name")}

    def call(self, form: forms.Form) -> str:
        added = actions.action_add(
            notification=self.case, by=self.user, request=self.request, **form.cleaned_data
        )
        return f"The action for {added.owner_agency.name} is added"


class ActionListView(PolicyMixin, TemplateView):
    """The board's actions, soonest due first, filtered by status or owner agency: every
    action for the Business Manager, the LISG and the Chair; an agency lead's own
    agency's. Keyset pages on indexes that match each filter."""

    permission = Action.ACTION_LIST
    template_name = "reviews/actions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        board = self.board
        rows = scope(self.user, Action.ACTION_VIEW).filter(board=board)
        agencies = board.partners.order_by("name") if board else None
        form = ActionFilterForm(self.request.GET or None, agencies=agencies)
        if form.is_valid():
            if form.cleaned_data.get("status"):
                rows = rows.filter(status=form.cleaned_data["status"])
            if form.cleaned_data.get("agency"):
                rows = rows.filter(owner_agency=form.cleaned_data["agency"])
        rows = rows.select_related("notification", "owner_agency").only(
            "id",
            "due_on",
            "status",
            "owner_name",
            "description",
            "sustained_on",
            "notification__reference",
            "notification__imported_at",
            "owner_agency__name",
        )
        page = keyset_page(rows, ordering=("due_on", "id"), request=self.request)
        return {**super().get_context_data(**kwargs), "page": page, "form": form}


class ActionDetailView(PolicyMixin, TemplateView):
    permission = Action.ACTION_VIEW
    scoped = True
    template_name = "reviews/action.html"

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.action: ReviewAction = get_in_scope_or_404(
            request.user, Action.ACTION_VIEW, pk=kwargs["action_id"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        action = self.action
        audit_record(
            request=self.request,
            action="review_action.read",
            obj=action.notification,
            detail={"action": action.pk},
        )
        return {
            **super().get_context_data(**kwargs),
            "action": action,
            "case": action.notification,
            "recommendation": action.recommendation,
            "updates": action.updates.select_related("by")[:SHOWN],
            "may_update": action.status != ActionStatus.COMPLETE
            and may(self.user, Action.ACTION_UPDATE, action),
            "may_sustain": action.status == ActionStatus.COMPLETE
            and action.sustained_on is None
            and may(self.user, Action.REVIEW_MANAGE, action.notification),
        }


class _ActionPage(FormPage):
    """A page acting on one action, fetched through the scope of `permission`."""

    scoped = True
    action: ReviewAction

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.action = get_in_scope_or_404(
            request.user, Action(self.permission), pk=kwargs["action_id"]
        )

    def back_url(self) -> str:
        return reverse("reviews:action", args=[self.action.pk])

    def context(self) -> dict[str, Any]:
        return {"case": self.action.notification}


class ActionUpdateView(_ActionPage):
    permission = Action.ACTION_UPDATE
    form_class = ActionUpdateForm
    title = "Update the action"
    submit_text = "Save the update"
    multipart = True

    def perform(self, form: Any) -> str:
        actions.action_update(
            action=self.action,
            by=self.user,
            status=form.cleaned_data["status"],
            progress=form.cleaned_data["progress"],
            evidence=form.cleaned_data.get("file") or None,
            content_type=form.cleaned_data.get("content_type", ""),
            request=self.request,
        )
        return "The update is saved"


class ActionSustainedView(_ActionPage):
    permission = Action.ACTION_VIEW
    form_class = SustainedForm
    title = "Record that the improvement is sustained"
    submit_text = "Save"

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().load(request, *args, **kwargs)
        if not may(request.user, Action.REVIEW_MANAGE, self.action.notification):
            raise Http404("Not found")

    def perform(self, form: Any) -> str:
        actions.action_sustained_record(
            action=self.action,
            by=self.user,
            sustained_on=form.cleaned_data["sustained_on"],
            evidence=form.cleaned_data["evidence"],
            request=self.request,
        )
        return "The improvement is recorded as sustained"


class EvidenceDownloadView(PolicyMixin, View):
    """The evidence of an action's update, to those who see the action; audited."""

    permission = Action.ACTION_VIEW
    scoped = True

    def get(self, request: HttpRequest, update_id: int) -> FileResponse:
        visible = scope(request.user, Action.ACTION_VIEW)
        update = (
            ActionUpdate.objects.filter(pk=update_id, action__in=visible)
            .exclude(evidence_stored_name="")
            .select_related("action__notification")
            .first()
        )
        if update is None:
            raise Http404("Not found")
        try:
            handle = services.evidence_open(update)
        except FileNotFoundError:
            raise Http404("Not found") from None
        audit_record(
            request=request,
            action="review_action.evidence_download",
            obj=update.action.notification,
            detail={"action": update.action_id, "update": update.pk},
        )
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=update.evidence_name,
            content_type=update.evidence_content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
