"""What a check in the parsing child raises to refuse a file, with the message for the
person who sent it (docs/adr/0020). Imports nothing, so the child stays light."""

from __future__ import annotations


class Refused(ValueError):
    """The file is refused; the message says why and what to do."""
