"""The merged chronology's exports and the LISG meeting's pack, prepared by the worker
for their reader (casereviews/prepared): each grows with the case's entries and the
meeting's agenda, and a PDF of them held a web worker for seconds."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.involvement import files
from casereviews.involvement import meeting_selectors as selectors
from casereviews.involvement.chronology import EXPORT_HEADERS, ChronologyFilter, export_rows
from casereviews.involvement.models import LisgMeeting
from casereviews.involvement.services.chronology import chronology_read_record
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.prepared.kinds import Built, Kind, pdf_bytes, register_kind
from casereviews.prepared.models import PreparedFile

CHRONOLOGY = "chronology"
PACK = "lisg_pack"
# The PDF of a chronology lists its first entries only; the CSV and XLSX hold them all.
PDF_LIMIT = 500
FORMATS = {"csv": "CSV", "xlsx": "spreadsheet (XLSX)", "pdf": "PDF"}


# The merged chronology


def chronology_params(
    case: Notification, chosen: ChronologyFilter, file_type: str
) -> dict[str, Any]:
    return {
        "case": case.reference,
        "organisation": chosen.organisation,
        "from": chosen.start.isoformat() if chosen.start else None,
        "to": chosen.end.isoformat() if chosen.end else None,
        "format": file_type,
    }


def _chosen(params: dict[str, Any]) -> ChronologyFilter:
    def day(value: str | None) -> datetime.date | None:
        return datetime.date.fromisoformat(value) if value else None

    return ChronologyFilter(params["organisation"], day(params["from"]), day(params["to"]))


def _chronology_case(reader: User, params: dict[str, Any]) -> Notification:
    case: Notification = get_in_scope_or_404(
        reader, Action.CHRONOLOGY_VIEW, reference=params["case"]
    )
    return case


def _build_chronology(reader: User, params: dict[str, Any]) -> Built:
    case, file_type = _chronology_case(reader, params), params["format"]
    rows = export_rows(case, _chosen(params))
    if file_type == "csv":
        content = "".join(files.csv_text(EXPORT_HEADERS, rows)).encode()
        content_type = "text/csv; charset=utf-8"
    elif file_type == "xlsx":
        content, content_type = (
            files.xlsx_bytes("Chronology", EXPORT_HEADERS, rows),
            files.XLSX_TYPE,
        )
    else:
        listed = [row for _, row in zip(range(PDF_LIMIT + 1), rows, strict=False)]
        context = {
            "case": case,
            "headers": EXPORT_HEADERS,
            "rows": listed[:PDF_LIMIT],
            "truncated": len(listed) > PDF_LIMIT,
            "limit": PDF_LIMIT,
        }
        content = pdf_bytes("involvement/chronology_pdf.html", context)
        content_type = "application/pdf"
    return Built(content, f"{case.reference}-chronology.{file_type}", content_type)


def _chronology_downloaded(request: HttpRequest, prepared: PreparedFile) -> None:
    params = prepared.params
    case = _chronology_case(request.user, params)  # type: ignore[arg-type]
    chronology_read_record(
        notification=case,
        by=request.user,  # type: ignore[arg-type]
        chosen=_chosen(params),
        export=params["format"],
        request=request,
    )


def _chronology_title(params: dict[str, Any]) -> str:
    return f"The merged chronology of {params['case']} as a {FORMATS[params['format']]}"


# The LISG meeting's pack


def pack_meeting(reader: User, pk: int) -> LisgMeeting:
    """The meeting, if its reader may see it and its pack is open to them."""
    meeting: LisgMeeting = get_in_scope_or_404(reader, Action.LISG_MEETING_VIEW, pk=pk)
    if not selectors.pack_open_to(meeting, reader):
        raise Http404("Not found")
    return meeting


def case_in_pack(reader: User, meeting: LisgMeeting, reference: str) -> Notification:
    """A case on this meeting's agenda that the person may see; "not found" for a case
    in which they declared a conflict of interest, as for one that is not there."""
    case: Notification = get_in_scope_or_404(
        reader, Action.CASE_PAPERS_VIEW, reference=reference, lisg_meeting_case__meeting=meeting
    )
    return case


def _build_pack(reader: User, params: dict[str, Any]) -> Built:
    meeting = pack_meeting(reader, params["meeting"])
    if params["case"]:
        cases = [case_in_pack(reader, meeting, params["case"])]
        name = f"lisg-meeting-{meeting.date:%Y-%m-%d}-{params['case']}.pdf"
    else:
        # Every case on the agenda the person may read (not one they declared a conflict in).
        references = [
            item.notification.reference or "" for item in selectors.agenda(meeting, reader)
        ]
        cases = [case_in_pack(reader, meeting, reference) for reference in references]
        name = f"lisg-meeting-{meeting.date:%Y-%m-%d}-pack.pdf"
    context = {
        "meeting": meeting,
        "sections": [selectors.pack_section(case) for case in cases],
        "limit": selectors.PACK_CHRONOLOGY_LIMIT,
    }
    content = pdf_bytes("involvement/meetings/pack_pdf.html", context)
    return Built(content, name, "application/pdf", {"cases": [case.reference for case in cases]})


def _pack_downloaded(request: HttpRequest, prepared: PreparedFile) -> None:
    """Each case's read is audited; a case the reader may no longer see refuses the file."""
    reader: User = request.user  # type: ignore[assignment]
    meeting = pack_meeting(reader, prepared.params["meeting"])
    cases = [case_in_pack(reader, meeting, ref) for ref in prepared.contents.get("cases", [])]
    for case in cases:
        audit_record(
            request=request,
            action="lisg_meeting.pack_download",
            obj=case,
            detail={"meeting": meeting.pk},
        )


def _pack_title(params: dict[str, Any]) -> str:
    if params["case"]:
        return f"The meeting pack's papers for {params['case']}"
    return "The meeting pack"


register_kind(
    Kind(
        CHRONOLOGY,
        title=_chronology_title,
        build=_build_chronology,
        downloaded=_chronology_downloaded,
    )
)
register_kind(Kind(PACK, title=_pack_title, build=_build_pack, downloaded=_pack_downloaded))
