"""`{% framework_words case as words %}` … `{{ words.review_short }}`: the words of the
case's framework (`casereviews.frameworks.vocabulary`), never an `if` in a template. Given a
board, the words of the framework a case notified to it today would follow."""

from __future__ import annotations

from django import template
from django.utils import timezone

from casereviews.frameworks.vocabulary import Vocabulary, edition_label, vocabulary

register = template.Library()


@register.simple_tag
def framework_words(case: object) -> Vocabulary:
    """The words of `case`'s framework: a notification (its stored framework), a board
    (the framework in force today), or a framework's code."""
    # A board (duck-typed: this lowest layer imports no app above it).
    framework_on = getattr(case, "framework_on", None)
    if framework_on is not None:
        return vocabulary(framework_on(timezone.localdate()))
    code = case if isinstance(case, str) else getattr(case, "framework", "")
    return vocabulary(code)


@register.simple_tag
def framework_edition(case: object) -> str:
    """The case's framework named by the edition of the guidance in force when it was first
    notified (Working Together 2018 or 2023 for a partnership's case)."""
    submitted = getattr(case, "submitted_at", None)
    notified_on = timezone.localdate(submitted) if submitted is not None else None
    return edition_label(getattr(case, "framework", ""), notified_on)
