"""Files built to the bounds and past them: the worst files the service accepts
(for `manage.py bench_uploads`) and the bombs it must refuse (for the tests).

Each is made here, byte by byte, so what it holds is exactly what its name says."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from casereviews.uploads.tables import TableLimits

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_STYLES_TYPE = (
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/></Types>'
)


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def inline_row(number: int, values: Sequence[str]) -> str:
    cells = "".join(
        f'<c r="{_column(i)}{number}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def xlsx(
    rows: Iterable[str],
    *,
    shared: Sequence[str] = (),
    dimension: str = "",
    prologue: str = "",
    styles: str = "",
) -> bytes:
    """A workbook whose first sheet holds `rows` (`<row>` elements as text), with the
    shared strings `shared`, a `<dimension>` if given, `prologue` (a DOCTYPE, say)
    before the sheet's root element, and `styles` as its styles part if given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.replace("</Types>", _STYLES_TYPE))
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet name="Chronology" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/worksheet" '
            'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            f'Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            + (
                f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/>'
                if styles
                else ""
            )
            + "</Relationships>",
        )
        if styles:
            archive.writestr("xl/styles.xml", styles)
        strings = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{_MAIN}" count="{len(shared)}" uniqueCount="{len(shared)}">'
            f"{strings}</sst>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?>{prologue}'.encode())
            sheet.write(f'<worksheet xmlns="{_MAIN}">'.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for row in rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


HEADINGS = (
    "Date (DD/MM/YYYY)",
    "Time (HH:MM, optional)",
    "Approximate date (yes or no)",
    "What happened",
    "Who was involved (role, not name)",
    "Source record",
)


def _entry(number: int, what: str) -> tuple[str, ...]:
    return (f"{1 + number % 28:02d}/01/2026", "09:15", "no", what, "Health visitor", "HV")


def worst_csv(limits: TableLimits, *, size: int) -> bytes:
    """The largest CSV accepted: every row full, "What happened" as long as a cell may
    be, until the rows or the size run out."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADINGS)
    what = "x" * limits.cell_characters
    for number in range(limits.rows):
        mark = out.tell()
        writer.writerow(_entry(number, what))
        if out.tell() > size:
            out.seek(mark)
            out.truncate()
            break
    return out.getvalue().encode()


def worst_xlsx(limits: TableLimits) -> bytes:
    """The largest .xlsx accepted: every row as wide as allowed, "What happened" and every
    column past the template's as long as a cell may be (shared strings, so the sheet
    stays within the unpacked bound)."""
    shared = ["x" * limits.cell_characters, *_entry(0, "")[:3], *_entry(0, "")[4:]]
    # The template's columns by shared string: date, time, approximate, what, who, source.
    template = (1, 2, 3, 0, 4, 5)

    def row(number: int) -> str:
        indexes = [*template, *([0] * (limits.columns - len(template)))]
        cells = "".join(
            f'<c r="{_column(i)}{number}" t="s"><v>{index}</v></c>'
            for i, index in enumerate(indexes)
        )
        return f'<row r="{number}">{cells}</row>'

    heading = inline_row(1, HEADINGS)
    return xlsx([heading, *(row(n) for n in range(2, limits.rows + 2))], shared=shared)


# The bombs: each past one bound, small as sent.
BLANK_LINES_CSV = b"\n" * (5 * 1024 * 1024 - 1)
LONG_FIELD_CSV = b'"Date (DD/MM/YYYY)","Time (HH:MM, optional)"\n' + b'"' + b"x" * 140_000 + b'"\n'
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)


def billion_laughs_xlsx() -> bytes:
    return xlsx(
        [
            inline_row(1, HEADINGS),
            '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
        ],
        prologue=BILLION_LAUGHS,
    )


def unpacking_bomb_xlsx(unpacked: int) -> bytes:
    """About `unpacked` bytes of sheet that compress to a few hundred times less."""
    filler = '<row r="2"><c r="A2" t="inlineStr"><is><t>' + "x" * 1000 + "</t></is></c></row>"
    count = unpacked // len(filler) + 1
    return xlsx([inline_row(1, HEADINGS), *(filler for _ in range(count))])


def wide_dimension_xlsx() -> bytes:
    """A sheet that claims to span every column and row Excel allows, with a cell in the
    last column of each of its rows."""
    rows = [inline_row(1, HEADINGS)] + [
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>1</t></is></c>'
        f'<c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>'
        for n in range(2, 2002)
    ]
    return xlsx(rows, dimension="A1:XFD1048576")


def styles_bomb_xlsx(unpacked: int) -> bytes:
    """A workbook whose styles part lists `unpacked` bytes of cell formats: read whole,
    each costs a hundred times its size."""
    count = unpacked // 20 + 1
    styles = (
        f'<styleSheet xmlns="{_MAIN}"><cellXfs count="{count}">'
        + '<xf numFmtId="0"/>' * count
        + "</cellXfs></styleSheet>"
    )
    return xlsx([inline_row(1, HEADINGS)], styles=styles)


def shared_strings_xlsx(unpacked: int) -> bytes:
    """A workbook whose shared strings are `unpacked` bytes of two-letter strings: the most
    strings, so the most objects, its unpacked bound allows."""
    count = (unpacked - 4096) // 18
    return xlsx([inline_row(1, HEADINGS)], shared=[f"{i % 100:02d}" for i in range(count)])


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCX_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def worst_docx(size: int, *, xml: int) -> bytes:
    """A Word document of `xml` bytes of paragraphs, each with a PAGE field to follow:
    the most XML the check streams through (refused as empty if over `size` sent)."""
    paragraph = (
        b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE'
        b'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>'
        b'1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        with archive.open("word/document.xml", "w") as document:
            document.write(f'<w:document xmlns:w="{_W}"><w:body>'.encode())
            for _ in range((xml - 200) // len(paragraph)):
                document.write(paragraph)
            document.write(b"</w:body></w:document>")
    content = out.getvalue()
    return content if len(content) <= size else content[:0]
