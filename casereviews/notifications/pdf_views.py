"""The notification (CRNF A) as a PDF for the case file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.generic import View

from casereviews.audit.services import audit_record
from casereviews.notifications.models import Notification
from casereviews.notifications.summary import crnf_sections
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin


class NotificationPdfView(PolicyMixin, View):
    """The submitted CRNF A as a PDF for the case file. Audited like a read."""

    permission = Action.NOTIFICATION_VIEW
    scoped = True

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        notification: Notification = get_in_scope_or_404(
            request.user, Action.NOTIFICATION_VIEW, reference=reference
        )
        html = render_to_string(
            "notifications/pdf.html",
            {"notification": notification, "sections": crnf_sections(notification)},
        )
        import weasyprint  # heavy: loaded only when a PDF is asked for

        pdf = weasyprint.HTML(string=html).write_pdf()
        audit_record(request=request, action="notification.pdf_download", obj=notification)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{notification.reference}.pdf"'
        return response
