"""The one check of an uploaded document, wherever it is uploaded (a notification's
documents, a review's documents, an action's evidence): run in the parsing child
(`sandbox`), within its memory and CPU limits (docs/adr/0020).

`check_document` is what the child runs: the polyglot check for every type, then the
type's own (`word`, `pdfs`). `document_check` is what the web worker calls."""

from __future__ import annotations

from casereviews.uploads.pdfs import check_pdf
from casereviews.uploads.polyglots import refuse_polyglot
from casereviews.uploads.sandbox import ChildLimits, run_in_child
from casereviews.uploads.word import check_docx

KINDS = ("pdf", "docx", "jpeg", "png")


def check_document(content: bytes, kind: str) -> None:
    """Refuse (`Refused`) a document of `kind` that is also another kind of file, or
    that can run, fetch or open anything, or carries another file."""
    if kind not in KINDS:
        raise ValueError(f"No check for documents of kind {kind!r}")
    refuse_polyglot(content, is_archive=kind == "docx")
    if kind == "docx":
        check_docx(content)
    elif kind == "pdf":
        check_pdf(content)


def document_check(content: bytes, kind: str, *, limits: ChildLimits) -> None:
    """`check_document` in the parsing child; `ParseRefused` with the message when the
    document is refused or needs more than the child may use."""
    run_in_child("document", content, options={"kind": kind}, limits=limits)
