"""`{% framework_words case as words %}` … `{{ words.review_short }}`: the words of the
case's framework (`casereviews.frameworks.vocabulary`), never an `if` in a template."""

from __future__ import annotations

from django import template

from casereviews.frameworks.vocabulary import Vocabulary, vocabulary

register = template.Library()


@register.simple_tag
def framework_words(case: object) -> Vocabulary:
    """The words of `case`'s framework: a notification (its stored framework), or a
    framework's code."""
    code = case if isinstance(case, str) else getattr(case, "framework", "")
    return vocabulary(code)
