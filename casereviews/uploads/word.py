"""What a Word document (.docx) holds beyond its text: refused if it can run code, fetch
or open anything by itself, or carries another file (docs/adr/0020, superseding part
of docs/adr/0008).

- Macros and controls: a macro-enabled main part, a VBA project, ActiveX controls.
- Relationships: every relationship of every part is read. One pointing outside the
  document is allowed only as a hyperlink to a web or e-mail address (an external OLE
  link, the Follina class, a remote template, a linked picture or frame are refused),
  and one inside it only of a type that shows content (styles, pictures, headers,
  charts…): an embedded object or package, an alternative-format chunk, a
  sub-document, an add-in or a ribbon customisation is refused.
- Embedded files: any part under `embeddings/` (a chart's workbook too).
- Fields: every field code, in every part, however it is split across runs, must begin
  with a keyword that only shows something (PAGE, DATE, TOC, REF…); DDE, DDEAUTO,
  INCLUDETEXT, INCLUDEPICTURE, LINK, IMPORT, MACROBUTTON and a keyword made by a nested
  field are refused; a HYPERLINK field must point at a web or e-mail address.
- Mail merge settings that query a data source when the file is opened.

XML is read with defusedxml (no DTD entities) and field codes by streaming, so the
bounds are the archive's: 5,000 parts, 200 MB unpacked, of which 50 MB of the XML
that is read for fields."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from casereviews.uploads.refusal import Refused

WORD_MACROS = (
    "The selected Word document contains macros or controls. Save it as a .docx without "
    "them, or as a PDF"
)
WORD_BROKEN = "The selected file is not a Word document that can be opened"
WORD_LINKS = (
    "The selected Word document links to a file, template or web page that opens by "
    "itself. Save it as a PDF and upload that"
)
WORD_EMBEDDED = (
    "The selected Word document has another file or object inside it (the data of a "
    "chart counts). Save it as a PDF and upload that"
)
WORD_TOO_MUCH_TEXT = (
    "The selected Word document has more than 50 MB of text and layout once unpacked. "
    "Save it as a PDF and upload that"
)
WORD_FIELDS = (
    "The selected Word document contains a field that can run a command or fetch a file "
    "(such as DDE or INCLUDETEXT). Save it as a PDF and upload that"
)

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Content types and part names of the parts that carry code or active controls.
_ACTIVE_TYPES = ("macroenabled", "vbaproject", "vbadata", "activex", "oleobject")
_ACTIVE_NAMES = re.compile(r"(vbaproject|vbadata|/activex/|(^|/)embeddings/)", re.I)
# Relationship types (the last part of their URI, in the transitional and strict
# namespaces alike) whose target only shows content.
_SHOWING = frozenset(
    {
        "officedocument",
        "core-properties",
        "extended-properties",
        "custom-properties",
        "thumbnail",
        "styles",
        "stylesWithEffects",
        "settings",
        "webSettings",
        "fontTable",
        "theme",
        "themeOverride",
        "numbering",
        "footnotes",
        "endnotes",
        "header",
        "footer",
        "comments",
        "commentsExtended",
        "commentsIds",
        "commentsExtensible",
        "people",
        "image",
        "hdphoto",
        "glossaryDocument",
        "customXml",
        "customXmlProps",
        "printerSettings",
        "font",
        "chart",
        "chartStyle",
        "chartColorStyle",
        "chartUserShapes",
        "diagramData",
        "diagramLayout",
        "diagramQuickStyle",
        "diagramColors",
        "diagramDrawing",
        "classificationlabels",
        "origin",
        "signature",
        "hyperlink",
    }
)
_SHOWING_LOWER = frozenset(kind.lower() for kind in _SHOWING)
_WEB = re.compile(r"^(https?://|mailto:)", re.I)
# Field keywords that only show something: page numbers, dates, the document's own
# properties, references within it, tables of contents and indexes, form fields,
# citations, equations and mail-merge placeholders.
_SHOWING_FIELDS = frozenset(
    [
        "ADDIN",
        "ADVANCE",
        "AUTHOR",
        "AUTONUM",
        "AUTONUMLGL",
        "AUTONUMOUT",
        "AUTOTEXT",
        "BARCODE",
        "BIBLIOGRAPHY",
        "BIDIOUTLINE",
        "CITATION",
        "COMMENTS",
        "COMPARE",
        "CREATEDATE",
        "DATE",
        "DISPLAYBARCODE",
        "DOCPROPERTY",
        "DOCVARIABLE",
        "EDITTIME",
        "EQ",
        "FILENAME",
        "FILESIZE",
        "FORMCHECKBOX",
        "FORMDROPDOWN",
        "FORMTEXT",
        "GOTOBUTTON",
        "GREETINGLINE",
        "ADDRESSBLOCK",
        "HYPERLINK",
        "IF",
        "INDEX",
        "INFO",
        "KEYWORDS",
        "LASTSAVEDBY",
        "LISTNUM",
        "MERGEFIELD",
        "MERGEREC",
        "MERGESEQ",
        "NEXT",
        "NEXTIF",
        "NOTEREF",
        "NUMCHARS",
        "NUMPAGES",
        "NUMWORDS",
        "PAGE",
        "PAGEREF",
        "PRINTDATE",
        "REF",
        "REVNUM",
        "SAVEDATE",
        "SECTION",
        "SECTIONPAGES",
        "SEQ",
        "SHAPE",
        "SKIPIF",
        "STYLEREF",
        "SUBJECT",
        "SYMBOL",
        "TA",
        "TC",
        "TEMPLATE",
        "TIME",
        "TITLE",
        "TOA",
        "TOC",
        "USERADDRESS",
        "USERINITIALS",
        "USERNAME",
        "XE",
        "=",
    ]
)
_MAX_PARTS = 5000
_MAX_UNCOMPRESSED = 200 * 1024 * 1024
# The XML streamed for fields: a long report's is a few megabytes (pictures are not read).
MAX_TEXT_XML = 50 * 1024 * 1024
_MAX_SMALL_PART = 4 * 1024 * 1024  # [Content_Types].xml, a .rels, settings.xml


def _small(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as handle:
        content = handle.read(_MAX_SMALL_PART + 1)
    if len(content) > _MAX_SMALL_PART:
        raise Refused(WORD_BROKEN)
    return content


def _check_content_types(archive: zipfile.ZipFile, names: set[str]) -> None:
    root = fromstring(_small(archive, "[Content_Types].xml"))
    overrides = {
        element.get("PartName", "").lower(): element.get("ContentType", "").lower()
        for element in root.iter(f"{_CONTENT_TYPES}Override")
    }
    defaults = [
        element.get("ContentType", "").lower() for element in root.iter(f"{_CONTENT_TYPES}Default")
    ]
    if overrides.get("/word/document.xml") != DOCX_MAIN:
        raise Refused(WORD_MACROS if "macroenabled" in str(overrides) else WORD_BROKEN)
    declared = [*overrides.values(), *defaults]
    if any(marker in kind for kind in declared for marker in _ACTIVE_TYPES) or any(
        re.search(r"vbaproject|vbadata|/activex/", name, re.I) for name in names
    ):
        raise Refused(WORD_MACROS)
    if any(_ACTIVE_NAMES.search(name) for name in names):
        raise Refused(WORD_EMBEDDED)


def _check_relationships(archive: zipfile.ZipFile, names: set[str]) -> None:
    for name in sorted(names):
        if not name.lower().endswith(".rels"):
            continue
        for element in fromstring(_small(archive, name)).iter(f"{_RELATIONSHIPS}Relationship"):
            kind = element.get("Type", "").rstrip("/").rsplit("/", 1)[-1].lower()
            target = element.get("Target", "").strip()
            if element.get("TargetMode", "").lower() == "external":
                if kind != "hyperlink" or not _WEB.match(target):
                    raise Refused(WORD_LINKS)
            elif kind not in _SHOWING_LOWER:
                raise Refused(WORD_EMBEDDED)


def _check_settings(archive: zipfile.ZipFile, names: set[str]) -> None:
    if "word/settings.xml" in names:
        settings = fromstring(_small(archive, "word/settings.xml"))
        if settings.find(f"{_W}mailMerge") is not None:
            raise Refused(WORD_LINKS)


def _field_codes(handle: IO[bytes]) -> Iterator[str]:
    """Every field's own instruction, nested fields apart: a field's text before a
    nested field begins is its keyword; the nested field is its own."""
    stack: list[list[str]] = []
    for event, element in iterparse(handle, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_W}fldChar":
                kind = element.get(f"{_W}fldCharType")
                if kind == "begin":
                    stack.append([])
                elif kind in ("separate", "end") and stack:
                    code = stack.pop()
                    yield "".join(code)
                    if kind == "separate":
                        stack.append(["\x00done"])  # its result: no more code
            elif tag == f"{_W}fldSimple":
                yield element.get(f"{_W}instr", "")
        elif tag in (f"{_W}instrText", f"{_W}delInstrText"):
            if stack and stack[-1][:1] != ["\x00done"]:
                stack[-1].append(element.text or "")
            element.clear()
        elif tag == f"{_W}p":
            element.clear()


def _field_allowed(code: str) -> bool:
    if code.startswith("\x00done"):
        return True
    words = re.findall(r'"[^"]*"|\S+', code)
    if not words:
        return False  # a keyword made by a nested field
    keyword = words[0].upper()
    if keyword.startswith("="):
        return True
    if keyword not in _SHOWING_FIELDS:
        return False
    if keyword == "HYPERLINK":
        targets = [w.strip('"') for w in words[1:] if not w.startswith("\\")]
        switches = [w.lower() for w in words[1:] if w.startswith("\\")]
        if "\\l" in switches and len(targets) <= 1:
            return True  # a place in this document
        return bool(targets) and _WEB.match(targets[0]) is not None
    return True


def _has_fields(name: str) -> bool:
    return name.startswith("word/") and name.lower().endswith(".xml")


def _check_fields(archive: zipfile.ZipFile, names: set[str]) -> None:
    for name in sorted(names):
        if not _has_fields(name):
            continue
        with archive.open(name) as handle:
            if not all(_field_allowed(code) for code in _field_codes(handle)):
                raise Refused(WORD_FIELDS)


def check_docx(content: bytes) -> None:
    """A .docx that runs nothing, opens nothing and carries no other file; `Refused`
    with the message for the person otherwise."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            if len(parts) > _MAX_PARTS or sum(p.file_size for p in parts) > _MAX_UNCOMPRESSED:
                raise Refused(WORD_BROKEN)
            names = {p.filename for p in parts}
            if sum(p.file_size for p in parts if _has_fields(p.filename)) > MAX_TEXT_XML:
                raise Refused(WORD_TOO_MUCH_TEXT)
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise Refused(WORD_BROKEN)
            _check_content_types(archive, names)
            _check_relationships(archive, names)
            _check_settings(archive, names)
            _check_fields(archive, names)
    except Refused:
        raise
    except DefusedXmlException:
        raise Refused(WORD_BROKEN) from None
    except MemoryError:
        raise
    except Exception:  # a damaged archive or XML: what cannot be checked is refused
        raise Refused(WORD_BROKEN) from None
