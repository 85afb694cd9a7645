"""The one rule for text people type or upload: no hidden characters, NFC (docs/adr/0021).

Plain Python, no Django: the forms (`casereviews.frontend.forms.CleanTextMixin`), the
API (`casereviews.api.serializers.CleanTextSerializer`) and the upload columns
(`casereviews.involvement.entries`) all ask it, and the exports use `printable` for
whatever was stored before the rule.

Refused, with the kind named: control characters (tab and line breaks are allowed in
text of several lines), bidirectional overrides, embeddings, isolates and marks,
zero-width characters, Unicode TAG characters, Hangul fillers, variation selectors and
every other default-ignorable code point, line and paragraph separators, lone
surrogates and noncharacters. Each either displays as nothing, reorders what is shown,
hides data, or breaks a file format (openpyxl refuses control characters in a cell)."""

from __future__ import annotations

import unicodedata
from typing import Any

# Names for the kinds a person is told about; anything else is "hidden character".
_NAMED = {
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u061c": "Arabic letter mark",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
    "\u00ad": "soft hyphen",
    "\u115f": "Hangul filler",
    "\u1160": "Hangul filler",
    "\u3164": "Hangul filler",
    "\uffa0": "Hangul filler",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\t": "tab",
    "\n": "line break",
    "\r": "line break",
}
# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties) not already in a refused
# general category: they display as nothing.
_IGNORABLE = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_LINE_BREAKS = frozenset("\t\n\r")


def _ignorable(code: int) -> bool:
    return any(low <= code <= high for low, high in _IGNORABLE)


def _noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def character_kind(character: str) -> str:
    """The words for a refused character, as the person is told."""
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    if 0xE0000 <= code <= 0xE007F:
        return "tag character"
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F:
        return "variation selector"
    category = unicodedata.category(character)
    if category == "Cc":
        return "control character"
    if category == "Cs":
        return "lone surrogate"
    if _noncharacter(code):
        return "noncharacter"
    return "hidden character"


def is_hidden(character: str, *, multiline: bool = True) -> bool:
    """Whether the rule refuses this character (tab and line breaks only in text of
    several lines)."""
    if character in _LINE_BREAKS:
        return not multiline
    code = ord(character)
    category = unicodedata.category(character)
    return (
        category in ("Cc", "Cf", "Cs", "Zl", "Zp")
        or _ignorable(code)
        or 0xE0100 <= code <= 0xE01EF
        or _noncharacter(code)
    )


def first_hidden(text: str, *, multiline: bool = True) -> str | None:
    """The first refused character of `text`, or None."""
    for character in text:
        if is_hidden(character, multiline=multiline):
            return character
    return None


def refusal(character: str, where: str) -> str:
    """The message: "Remove the hidden character (right-to-left override) from …"."""
    kind = character_kind(character)
    noun = "line break" if kind == "line break" else "tab" if kind == "tab" else None
    if noun:
        return f"Remove the {noun} from {where}: it must be on one line"
    if kind == "hidden character":
        return f"Remove the hidden character from {where}"
    return f"Remove the hidden character ({kind}) from {where}"


def normalised(text: str) -> str:
    """Text as kept: composed (NFC), so the same letters are stored the same way."""
    return unicodedata.normalize("NFC", text)


def printable(text: str) -> str:
    """Stored text made safe for an export: each refused character (line breaks and tabs
    kept) replaced by U+FFFD, which shows that something was there."""
    if not any(is_hidden(c) for c in text):
        return text
    return "".join("\ufffd" if is_hidden(c) else c for c in text)


# A cell that starts with one of these is read by spreadsheets as a formula (OWASP "CSV
# injection"); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_cell(value: Any) -> Any:
    """A value as written to every CSV and XLSX the service exports: a hidden character
    stored before the text rule shown as U+FFFD (openpyxl refuses control characters, and
    an override would reorder the cell), and a cell a spreadsheet would run as a formula
    made plain text. Values that are not text (dates, numbers) are left to the writer."""
    if isinstance(value, str):
        value = printable(value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value
