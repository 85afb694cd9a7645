"""What is inside an uploaded document, beyond its first bytes: a Word document without
macros, a PDF without JavaScript or launch actions, and no file that is also a web page.

Files go to people in many agencies who open them on their own computers, so a document
that can run code is refused. Legacy Word 97-2003 files (.doc) are refused outright:
their macros hide in an OLE2 container that no small, well-kept library checks reliably,
and every Word since 2007 saves .docx. PDFs are read with pypdf, which decodes the
object streams and escaped names (/J#61vaScript) that a search of the raw bytes misses.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

LEGACY_WORD = (
    "The selected file is an old-style Word document (.doc). Save it as a .docx or a PDF "
    "and upload that"
)
WORD_MACROS = (
    "The selected Word document contains macros or controls. Save it as a .docx without "
    "them, or as a PDF"
)
WORD_BROKEN = "The selected file is not a Word document that can be opened"
PDF_ACTIVE = (
    "The selected PDF contains JavaScript or an action that opens a program. Print it "
    "to a new PDF and upload that"
)
PDF_BROKEN = "The selected PDF cannot be opened. Save it again as a PDF and upload that"
PDF_LOCKED = "The selected PDF is protected with a password. Upload a copy without a password"
POLYGLOT = "The selected file contains a web page as well as a document, so it cannot be accepted"

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Content types and part names of the parts that carry code or active controls.
_ACTIVE_TYPES = ("macroenabled", "vbaproject", "vbadata", "activex", "oleobject")
# (Printer settings are .bin parts too, and harmless: only embedded ones are refused.)
_ACTIVE_NAMES = re.compile(
    r"(vbaproject|vbadata|/activex/|/embeddings/.*\.(bin|exe|docm|dotm|xlsm|xlsb|pptm)$)", re.I
)
# Enough for the parts list of any real document; more is a zip bomb.
_MAX_PARTS = 5000
_MAX_UNCOMPRESSED = 200 * 1024 * 1024
_MAX_CONTENT_TYPES = 1024 * 1024

# Markup that makes a file a web page too. Each needs the character after the name, so
# random compressed bytes (images, PDF streams) almost never match by chance.
_HTML = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|meta|form|svg|style)"
    rb"[\s/>]",
    re.IGNORECASE,
)
# PDF actions that run code or open something else.
_PDF_ACTIONS = {"/JavaScript", "/Launch", "/RichMediaExecute"}
_PDF_CODE_KEYS = {"/JS", "/JavaScript"}


def refuse_web_page(content: bytes) -> None:
    """A PDF, image or Word document that is also readable as HTML (a polyglot)."""
    if _HTML.search(content):
        raise ValidationError(POLYGLOT)


def check_docx(upload: IO[bytes]) -> None:
    """A .docx whose main part is a Word document (not macro-enabled), and which holds no
    macro project, ActiveX control or embedded OLE object."""
    try:
        with zipfile.ZipFile(upload) as archive:
            parts = archive.infolist()
            if len(parts) > _MAX_PARTS or sum(p.file_size for p in parts) > _MAX_UNCOMPRESSED:
                raise ValidationError(WORD_BROKEN)
            names = {p.filename for p in parts}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise ValidationError(WORD_BROKEN)
            with archive.open("[Content_Types].xml") as handle:
                listing = handle.read(_MAX_CONTENT_TYPES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        raise ValidationError(WORD_BROKEN) from None
    finally:
        upload.seek(0)
    if len(listing) > _MAX_CONTENT_TYPES:
        raise ValidationError(WORD_BROKEN)
    try:
        # The standard library's parser expands no external entities and refuses
        # entity explosions (expat 2.4.1 and later).
        root = ElementTree.fromstring(listing)  # noqa: S314
    except ElementTree.ParseError:
        raise ValidationError(WORD_BROKEN) from None
    overrides = {
        element.get("PartName", "").lower(): element.get("ContentType", "").lower()
        for element in root.iter(f"{_CONTENT_TYPES}Override")
    }
    defaults = [
        element.get("ContentType", "").lower() for element in root.iter(f"{_CONTENT_TYPES}Default")
    ]
    if overrides.get("/word/document.xml") != DOCX_MAIN:
        raise ValidationError(WORD_MACROS if "macroenabled" in str(overrides) else WORD_BROKEN)
    declared = [*overrides.values(), *defaults]
    if any(marker in kind for kind in declared for marker in _ACTIVE_TYPES) or any(
        _ACTIVE_NAMES.search(name) for name in names
    ):
        raise ValidationError(WORD_MACROS)


def _pdf_objects(reader: PdfReader) -> Iterator[Any]:
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


def check_pdf(upload: IO[bytes]) -> None:
    """A PDF pypdf can open, not encrypted, with no JavaScript and no launch action."""
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ValidationError(PDF_LOCKED)
        for item in _pdf_objects(reader):
            if not isinstance(item, DictionaryObject):
                continue
            keys = set(dict.keys(item))
            action = _resolved(dict.get(item, "/S"))
            uri = _text(_resolved(dict.get(item, "/URI")))
            if (
                keys & _PDF_CODE_KEYS
                or action in _PDF_ACTIONS
                or uri.strip().lower().startswith("javascript:")
            ):
                raise ValidationError(PDF_ACTIVE)
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds for a damaged file; all mean "cannot open"
        raise ValidationError(PDF_BROKEN) from None
    finally:
        upload.seek(0)
