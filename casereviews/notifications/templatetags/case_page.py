"""The case page's one tag: the sections the apps registered (`notifications.sections`)."""

from __future__ import annotations

from django import template
from django.template import Context
from django.utils.safestring import SafeString, mark_safe

from casereviews.notifications.models import Notification
from casereviews.notifications.sections import sections_in

register = template.Library()


@register.simple_tag(takes_context=True)
def case_sections(context: Context, notification: Notification, place: str = "main") -> SafeString:
    """Each section of `place`, rendered as an inclusion tag renders: its template with
    its own values, in a context that keeps the page's (the request, autoescaping)."""
    assert context.template is not None  # a tag renders inside a template
    engine = context.template.engine
    parts = [
        engine.get_template(section.template).render(
            context.new(section.context(context, notification))
        )
        for section in sections_in(place)
    ]
    return mark_safe("".join(parts))  # noqa: S308  (each part is a rendered, escaped template)
