"""The case's notification (CRNF A) as a PDF, prepared by the worker for its reader
(casereviews/prepared): it grows with the case's children, family and answers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.notifications.models import Notification
from casereviews.notifications.summary import crnf_sections
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.prepared.kinds import Built, Kind, pdf_bytes, register_kind
from casereviews.prepared.models import PreparedFile

KIND = "notification_pdf"


def _case(reader: User, params: dict[str, Any]) -> Notification:
    case: Notification = get_in_scope_or_404(
        reader, Action.NOTIFICATION_VIEW, reference=params["case"]
    )
    return case


def _build(reader: User, params: dict[str, Any]) -> Built:
    case = _case(reader, params)
    context = {"notification": case, "sections": crnf_sections(case)}
    content = pdf_bytes("notifications/pdf.html", context)
    return Built(content, f"{case.reference}.pdf", "application/pdf")


def _downloaded(request: HttpRequest, prepared: PreparedFile) -> None:
    case = _case(request.user, prepared.params)  # type: ignore[arg-type]
    audit_record(request=request, action="notification.pdf_download", obj=case)


def _title(params: dict[str, Any]) -> str:
    return f"The notification {params['case']} as a PDF"


register_kind(Kind(KIND, title=_title, build=_build, downloaded=_downloaded))
