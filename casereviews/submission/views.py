"""Check your answers, send, and the confirmation page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.generic import View

from casereviews.notifications import pages
from casereviews.notifications.form_views import DraftMixin, page_url
from casereviews.notifications.models import Notification
from casereviews.notifications.summary import crnf_sections
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin
from casereviews.submission.services import NotificationIncomplete, notification_submit
from casereviews.workflow.services import NotificationChanged, TransitionRefused

ALREADY_SENT = "You have already sent this notification to the board. Its reference is {}."


class CheckAnswersView(DraftMixin, View):
    """Every answer with a change link, and the button that sends the notification. The
    page carries the version it shows, so a second click sends nothing twice."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(errors=[])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            sent = notification_submit(
                notification=self.notification,
                by=self.user,
                expected_version=version,
                request=request,
            )
        except NotificationIncomplete as incomplete:
            errors = [
                {
                    "text": f"Answer the questions about {page.title.lower()}",
                    "href": page_url(self.notification, page.slug, change=True),
                }
                for page in incomplete.pages
            ]
            return self._render(errors=errors)
        except (NotificationChanged, TransitionRefused):
            current = Notification.objects.get(pk=self.notification.pk)
            if current.reference:
                messages.info(request, ALREADY_SENT.format(current.reference))
                return redirect("notifications:detail", current.reference)
            messages.info(
                request, "This notification changed. Check the answers and send it again."
            )
            return redirect("submission:check", self.notification.pk)
        assert sent.reference
        return redirect("submission:submitted", sent.reference)

    def _render(self, errors: list[dict[str, str]]) -> HttpResponse:
        return render(
            self.request,
            "notifications/form/check.html",
            {
                "notification": self.notification,
                "sections": crnf_sections(self.notification, change_links=True),
                "missing": pages.missing_pages(self.notification),
                "errors": errors,
                "back_url": page_url(self.notification, pages.PAGES[-1].slug),
            },
        )


class SubmittedView(PolicyMixin, View):
    """The confirmation panel with the reference."""

    permission = Action.NOTIFICATION_VIEW
    scoped = True

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        notification = get_in_scope_or_404(
            request.user, Action.NOTIFICATION_VIEW, reference=reference
        )
        if notification.notifier_id != request.user.pk:
            # The confirmation speaks to the notifier; anyone else gets the case page.
            return redirect("notifications:detail", notification.reference)
        return render(request, "notifications/form/submitted.html", {"notification": notification})
