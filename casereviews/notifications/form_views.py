"""The CRNF A question pages. Each valid page is saved at once, so nothing typed is
lost; a page with errors shows what was typed and saves nothing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import View

from casereviews.audit.services import audit_record
from casereviews.notifications import pages, services
from casereviews.notifications.forms import PAGE_FORMS, FormContext, ReviewSoughtForm
from casereviews.notifications.models import Notification, Status
from casereviews.policy import Action, scope
from casereviews.policy.views import PolicyMixin

QUESTION_TEMPLATE = "notifications/form/question.html"


def page_url(notification: Notification, slug: str, change: bool = False) -> str:
    url = reverse("notifications:draft-page", args=[notification.pk, slug])
    return f"{url}?change=1" if change else url


def check_url(notification: Notification) -> str:
    return reverse("submission:check", args=[notification.pk])


def resume_url(notification: Notification) -> str:
    """Where a draft goes on: its first unanswered page, or "check your answers"."""
    missing = pages.missing_pages(notification)
    return page_url(notification, missing[0].slug) if missing else check_url(notification)


class StartView(PolicyMixin, View):
    """The first question of a new notification. The draft exists once it is answered."""

    permission = Action.NOTIFICATION_START

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(ReviewSoughtForm(context=self._context()))

    def post(self, request: HttpRequest) -> HttpResponse:
        if self.board is None:
            raise PermissionDenied
        form = ReviewSoughtForm(request.POST, context=self._context())
        if not form.is_valid():
            return self._render(form)
        notification = services.notification_start(
            board=self.board,
            by=self.user,
            review_sought=form.cleaned_data["review_sought"],
            request=request,
        )
        return redirect(page_url(notification, "your-details"))

    def _context(self) -> FormContext:
        # The draft made will follow the framework its board has in force today.
        board = self.board
        return FormContext(framework=board.framework_on(timezone.localdate()) if board else None)

    def _render(self, form: forms.Form) -> HttpResponse:
        return render(
            self.request,
            QUESTION_TEMPLATE,
            {
                "form": form,
                "title": pages.PAGES_BY_SLUG["review-sought"].title,
                "back_url": reverse("frontend:home"),
                "starting": True,
            },
        )


class DraftMixin(PolicyMixin):
    """A page of a draft: only its author sees it. Once sent, its pages lead to the
    notification's status page (the back button, a second click)."""

    permission = Action.NOTIFICATION_EDIT_DRAFT
    scoped = True
    notification: Notification
    request: HttpRequest

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase | None:
        editable = scope(request.user, Action.NOTIFICATION_EDIT_DRAFT)
        found = editable.filter(pk=kwargs["pk"]).first()
        if found is None:
            sent = (
                scope(request.user, Action.NOTIFICATION_VIEW)
                .filter(pk=kwargs["pk"], notifier=request.user.pk)
                .exclude(reference=None)
                .first()
            )
            if sent is None:
                raise Http404("Not found")
            messages.info(
                request,
                f"You have already sent this notification to the board. "
                f"Its reference is {sent.reference}.",
            )
            return redirect("notifications:detail", sent.reference)
        self.notification = found
        if found.reference and request.method == "GET":
            # Returned for information, it is a case of the board: reading it is audited.
            audit_record(request=request, action="notification.read", obj=found)
        return None

    def change_mode(self) -> bool:
        return self.request.GET.get("change") == "1"

    def after(self, slug: str) -> str:
        """Where to go once page `slug` is saved."""
        missing = pages.missing_pages(self.notification)
        if self.change_mode():
            return (
                page_url(self.notification, missing[0].slug, True)
                if missing
                else check_url(self.notification)
            )
        following = pages.next_page(self.notification, slug)
        return (
            page_url(self.notification, following.slug)
            if following
            else check_url(self.notification)
        )

    def before(self, slug: str) -> str:
        if self.change_mode():
            return check_url(self.notification)
        slugs = [page.slug for page in pages.PAGES]
        for page in reversed(pages.PAGES[: slugs.index(slug)]):
            if page.applies(self.notification):
                return page_url(self.notification, page.slug)
        return reverse("notifications:mine")


class QuestionPageView(DraftMixin, View):
    """One question page of the CRNF A."""

    def get(self, request: HttpRequest, pk: int, slug: str) -> HttpResponse:
        page = self._page(slug)
        if not page.applies(self.notification):
            return redirect(self.after(slug))
        kept = pages.initial(self.notification, slug)
        if slug in self.notification.answered_pages and not page.still_answered(self.notification):
            # The answer kept no longer stands: the page's own rule says why, at the field.
            form = self._form(page, data=kept)
            form.is_valid()
            return self._render(page, form)
        return self._render(page, self._form(page, initial=kept))

    def post(self, request: HttpRequest, pk: int, slug: str) -> HttpResponse:
        page = self._page(slug)
        form = self._form(page, data=request.POST)
        if not form.is_valid():
            return self._render(page, form)
        services.notification_answer(
            notification=self.notification,
            slug=slug,
            answers=form.cleaned_data,
            by=self.user,
            request=request,
        )
        return redirect(self.after(slug))

    def _page(self, slug: str) -> pages.Page:
        page = pages.PAGES_BY_SLUG.get(slug)
        if page is None or slug not in PAGE_FORMS:
            raise Http404("Not found")
        return page

    def _form(self, page: pages.Page, **kwargs: Any) -> forms.Form:
        context = FormContext(
            partners=self.notification.board.partners.all(),
            birth_dates=pages.birth_dates(self.notification),
            framework=self.notification.framework_in_force(),
        )
        return PAGE_FORMS[page.slug](context=context, **kwargs)

    def _render(self, page: pages.Page, form: forms.Form) -> HttpResponse:
        return render(
            self.request,
            QUESTION_TEMPLATE,
            {
                "form": form,
                "title": page.title,
                "notification": self.notification,
                "back_url": self.before(page.slug),
                "subject_note": page.slug
                in {"harm", "death", "abuse-or-neglect", "working-together", "learning"},
            },
        )


def section_url(notification: Notification, slug: str) -> str:
    """Where a page of the form is: a question page, or the list of its rows."""
    if slug in {"children", "family", "documents"}:
        return reverse(f"notifications:{slug}", args=[notification.pk])
    return page_url(notification, slug)


def _status(notification: Notification, page: pages.Page, missing: set[str]) -> dict[str, str]:
    if page.slug == "children" and page.slug in missing and notification.children.exists():
        return {"text": "Incomplete", "tag": "blue"}
    if page.slug in missing and page.slug in notification.answered_pages:
        # Answered, but the answer no longer stands (`Page.still_answered`).
        return {"text": "Incomplete", "tag": "blue"}
    if page.slug in missing or (page.optional and page.slug not in notification.answered_pages):
        return {"text": "Not yet started", "tag": "blue"}
    return {"text": "Completed", "tag": ""}


class ResumeView(DraftMixin, View):
    """Carry on with a draft: the GOV.UK task list of its sections, each with its status,
    and the way to check and send once every section needed is done."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        n = self.notification
        missing = {page.slug for page in pages.missing_pages(n)}
        sections = [
            {
                "slug": page.slug,
                "title": page.title,
                "url": section_url(n, page.slug),
                "hint": "Optional" if page.optional else "",
                "status": _status(n, page, missing),
            }
            for page in pages.PAGES
            if page.applies(n)
        ]
        required = [page for page in pages.PAGES if page.applies(n) and not page.optional]
        return render(
            request,
            "notifications/form/task_list.html",
            {
                "notification": n,
                "sections": sections,
                "done": len(required) - len(missing),
                "total": len(required),
                "complete": not missing,
                "check_url": check_url(n),
                "next_url": resume_url(n),
                "back_url": reverse("notifications:mine"),
            },
        )


class DeleteDraftView(DraftMixin, View):
    """Delete a draft, after asking."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self._only_drafts()
        return render(
            request, "notifications/form/delete.html", {"notification": self.notification}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self._only_drafts()
        services.notification_draft_delete(
            notification=self.notification, by=self.user, request=request
        )
        messages.success(request, "Your draft notification has been deleted")
        return redirect("notifications:mine")

    def _only_drafts(self) -> None:
        if self.notification.status != Status.DRAFT:
            raise Http404("Not found")
