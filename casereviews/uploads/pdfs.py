"""What a PDF holds beyond its pages: refused if it can run code, send or fetch
anything, open another file, or carries a file (docs/adr/0020, superseding part of
docs/adr/0008).

Read with pypdf, which decodes object streams and escaped names (/J#61vaScript) that a
search of the bytes misses. Every object reachable from the trailer is visited once.
Refused: JavaScript anywhere (/JS, /JavaScript, a javascript: link), XFA forms, the
actions that run, send or open something (Launch, SubmitForm, ImportData, GoToR, GoToE,
RichMediaExecute, Rendition, Movie, Sound), links other than web and e-mail addresses
(file://, \\\\server\\share, smb:…), embedded files and file attachments, and
multimedia or 3D annotations. A PDF pypdf cannot open, or one protected by a password,
is refused too: what cannot be checked is not accepted."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from casereviews.uploads.refusal import Refused

PDF_ACTIVE = (
    "The selected PDF contains JavaScript, a form that sends data, or an action that opens "
    "a program or another file. Print it to a new PDF and upload that"
)
PDF_LINKS = (
    "The selected PDF links to a file on a computer or network (not a web or e-mail "
    "address). Print it to a new PDF and upload that"
)
PDF_EMBEDDED = (
    "The selected PDF has files attached inside it. Upload each file on its own, or print "
    "the PDF to a new PDF and upload that"
)
PDF_BROKEN = "The selected PDF cannot be opened. Save it again as a PDF and upload that"
PDF_LOCKED = "The selected PDF is protected with a password. Upload a copy without a password"

_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/RichMediaExecute",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/Rendition",
    "/Movie",
    "/Sound",
}
_CODE_KEYS = {"/JS", "/JavaScript", "/XFA"}
_FILE_KEYS = {"/EmbeddedFiles", "/EF", "/EmbeddedFile"}
_ACTIVE_ANNOTATIONS = {"/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"}
_WEB_SCHEMES = ("http://", "https://", "mailto:")


def _objects(reader: PdfReader) -> Iterator[Any]:
    """Every object reachable from the trailer, each indirect object once."""
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            reference = (item.idnum, item.generation)
            if reference in seen:
                continue
            seen.add(reference)
            item = item.get_object()
        yield item
        if isinstance(item, DictionaryObject):  # streams too
            stack.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            stack.extend(list.__iter__(item))


def _resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value) if value is not None else ""


def _check_dictionary(item: DictionaryObject) -> None:
    keys = set(dict.keys(item))
    action = _resolved(dict.get(item, "/S"))
    kind = _resolved(dict.get(item, "/Type"))
    subtype = _resolved(dict.get(item, "/Subtype"))
    if keys & _CODE_KEYS or action in _ACTIONS or subtype in _ACTIVE_ANNOTATIONS:
        raise Refused(PDF_ACTIVE)
    if keys & _FILE_KEYS or kind == "/EmbeddedFile" or subtype == "/FileAttachment":
        raise Refused(PDF_EMBEDDED)
    if "/URI" in keys:
        uri = _text(_resolved(dict.get(item, "/URI"))).strip().lower()
        if uri.startswith("javascript:"):
            raise Refused(PDF_ACTIVE)
        if not uri.startswith(_WEB_SCHEMES):
            raise Refused(PDF_LINKS)


def check_pdf(content: bytes) -> None:
    """A PDF pypdf can open, not encrypted, that runs, sends, opens and carries
    nothing; `Refused` with the message for the person otherwise."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise Refused(PDF_LOCKED)
        for item in _objects(reader):
            if isinstance(item, DictionaryObject):
                _check_dictionary(item)
    except Refused:
        raise
    except MemoryError:
        raise
    except Exception:  # pypdf raises many kinds for a damaged file; all mean "cannot open"
        raise Refused(PDF_BROKEN) from None
