"""The kinds of file the worker prepares. Each feature registers its own (from its app's
`ready()`, ADR 0006): how to build the file as its reader may see it, and what its
download records in the audit trail, through the policy again at that moment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from casereviews.accounts.models import User
    from casereviews.prepared.models import PreparedFile


@dataclass(frozen=True)
class Built:
    content: bytes
    filename: str
    content_type: str
    contents: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    """`title` names the file on its page ("The annual report as a PDF"); `build` makes it
    for its reader from its parameters, and raises `Http404` if they may no longer see
    it; `downloaded` checks through the policy that the reader may still see what the file
    holds (`Http404` if not) and records the download in the audit trail."""

    name: str
    title: Callable[[dict[str, Any]], str]
    build: Callable[[User, dict[str, Any]], Built]
    downloaded: Callable[[HttpRequest, PreparedFile], None]


_KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    _KINDS[kind.name] = kind
    return kind


def kind_of(name: str) -> Kind:
    return _KINDS[name]


def pdf_bytes(template: str, context: dict[str, Any]) -> bytes:
    """A template drawn as a PDF, in the worker."""
    import weasyprint  # heavy: loaded only when a PDF is built

    return weasyprint.HTML(string=render_to_string(template, context)).write_pdf() or b""
