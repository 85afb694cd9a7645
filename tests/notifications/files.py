"""Tiny real files of each accepted type, built in the test, and some impostors."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf(*, javascript: str = "", open_action: dict[str, str] | None = None) -> bytes:
    """A one-page PDF made by pypdf; with `javascript` it runs that when opened, with
    `open_action` (e.g. a launch action) it does that."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:
        writer.add_open_action(JavaScript(javascript))
    if open_action:
        action = DictionaryObject(
            {
                NameObject(k): (NameObject(v) if v.startswith("/") else TextStringObject(v))
                for k, v in open_action.items()
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = pdf()
# A JPEG's start-of-image and JFIF header are what identify it.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOC = OLE2 + b"\x00" * 504
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def png() -> bytes:
    """A one-pixel white PNG, chunk by chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/>'
    "{extra}</Types>"
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOCUMENT = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    "<w:body>{body}</w:body></w:document>"
)
VBA = (
    '<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
)


def docx(
    with_document: bool = True,
    *,
    main: str = DOCX_MAIN,
    macros: bool = False,
    extra: dict[str, bytes] | None = None,
    body: str = "<w:p><w:r><w:t>A chronology</w:t></w:r></w:p>",
) -> bytes:
    """A Word document as Word lays it out: the parts list, the relationships and the
    document; `main` and `macros` make a macro-enabled one."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml", CONTENT_TYPES.format(main=main, extra=VBA if macros else "")
        )
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        if with_document:
            archive.writestr("word/document.xml", DOCUMENT.format(body=body))
        else:
            archive.writestr("notes.txt", "not a Word document")
        if macros:
            archive.writestr("word/vbaProject.bin", OLE2 + b"Attribute VB_Name")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def png_with_html() -> bytes:
    """A real PNG carrying a web page in a text chunk: an image and a page at once."""
    page = b"<html><body><script>alert(document.cookie)</script></body></html>"
    image = png()
    text = b"Comment\x00" + page
    chunk = (
        struct.pack(">I", len(text))
        + b"tEXt"
        + text
        + struct.pack(">I", zlib.crc32(b"tEXt" + text))
    )
    return image[:-12] + chunk + image[-12:]


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
