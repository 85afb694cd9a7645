"""A document that is also something else: a web page, an archive or a program.

A file of any accepted type is refused when its bytes also hold HTML markup a browser
would run (in ASCII or UTF-16), a ZIP, RAR or 7-Zip archive (other than the .docx's
own), or a Windows or Linux program. Each pattern needs several exact bytes in a row, so
compressed image data matches one by chance a few times in ten thousand 10 MB files; a
refused person is told why and can convert the file (docs/adr/0020)."""

from __future__ import annotations

import io
import re
import struct
import zipfile

from casereviews.uploads.refusal import Refused

WEB_PAGE = "The selected file contains a web page as well as a document, so it cannot be accepted"
HIDDEN_FILE = (
    "The selected file contains a program or an archive as well as a document, so it "
    "cannot be accepted. Save the document again and upload that"
)

# Elements that make a file a web page, or load or run something in one. Each needs the
# character after the name, so random compressed bytes almost never match by chance.
_ELEMENTS = (
    r"!doctype\s+html|html|head|body|script|iframe|frame|frameset|object|embed|applet"
    r"|meta|base|link|form|input|button|svg|math|style|img|image|video|audio|source"
    r"|[a-z]{1,10}:script|\?xml-stylesheet"
)
_HTML = re.compile(rf"<(?:{_ELEMENTS})[\s/>]", re.IGNORECASE)
# An event handler in a tag (`<x onload=…>`), whatever the element.
_HANDLER = re.compile(rb"<[a-z][a-z0-9:-]{0,20}\s[^<>]{0,200}?\bon[a-z]{3,20}\s*=", re.I)
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c")


def _utf16(content: bytes) -> list[str]:
    """The file read as UTF-16 both ways, at both alignments: markup a browser would read
    from a UTF-16 page."""
    views = []
    for start in (0, 1):
        chunk = content[start:]
        chunk = chunk[: len(chunk) // 2 * 2]
        for encoding in ("utf-16-le", "utf-16-be"):
            views.append(chunk.decode(encoding, errors="replace"))
    return views


def _has_markup(content: bytes) -> bool:
    if _HTML.search(content.decode("latin-1")) or _HANDLER.search(content):
        return True
    # Only UTF-16 with an ASCII "<" next to a zero byte can hide markup this way.
    if b"<\x00" in content or b"\x00<" in content:
        return any(_HTML.search(view) for view in _utf16(content))
    return False


def _has_program(content: bytes) -> bool:
    """A Windows program (an MZ header pointing at a PE header) or a Linux one (ELF)."""
    for match in re.finditer(rb"MZ", content):
        at = match.start()
        if at + 0x40 > len(content):
            break
        (offset,) = struct.unpack_from("<I", content, at + 0x3C)
        if content[at + offset : at + offset + 4] == b"PE\x00\x00":
            return True
    return re.search(rb"\x7fELF[\x01\x02][\x01\x02]\x01", content) is not None


def _has_archive(content: bytes) -> bool:
    if any(signature in content for signature in _ARCHIVES):
        return True
    try:
        return zipfile.is_zipfile(io.BytesIO(content))
    except (OSError, ValueError):
        return False


def refuse_polyglot(content: bytes, *, is_archive: bool) -> None:
    """Refuse a file that is also a web page, an archive (unless it is one by type, as
    a .docx is) or a program."""
    if _has_markup(content):
        raise Refused(WEB_PAGE)
    if _has_program(content) or (not is_archive and _has_archive(content)):
        raise Refused(HIDDEN_FILE)
