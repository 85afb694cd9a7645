"""Template tags that render Django form fields as GOV.UK Design System components."""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString, mark_safe

from casereviews.frontend.forms import DateInputWidget

register = template.Library()


def _component(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, DateInputWidget):
        return "date_input"
    # CheckboxSelectMultiple is a subclass of RadioSelect: ask about it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file_upload"
    return "input"


@register.inclusion_tag("govuk/field.html")
def govuk_field(field: BoundField, **options: Any) -> dict[str, Any]:
    """Render a bound field as its GOV.UK component.

    Options: `label_size` (s, m, l, xl) and `page_heading` (the label is the page's h1),
    `width` (a GOV.UK input width class suffix such as 10 or one-half).
    """
    component = _component(field)
    return {
        "field": field,
        "component": component,
        "fieldset": component in {"date_input", "radios", "checkboxes"},
        "label_size": options.get("label_size", ""),
        "page_heading": options.get("page_heading", False),
        "width": options.get("width", ""),
        "errors": field.errors,
        "hint": field.help_text,
        "hint_id": f"{field.auto_id}-hint" if field.help_text else "",
        "error_id": f"{field.auto_id}-error" if field.errors else "",
        "date_parts": _date_parts(field) if component == "date_input" else [],
        "options": _options(field) if component in {"radios", "checkboxes"} else [],
        "select_options": _select_options(field) if component == "select" else "",
        "character_count": getattr(field.field, "character_count", None),
        # As the widget writes it (a time as 14:00, not the page's "2 p.m."), so a saved
        # value is read back by the field that wrote it.
        "value": field.field.widget.format_value(field.value()) if component == "input" else None,
    }


def _select_options(field: BoundField) -> SafeString:
    """A select's options, marked up in one pass. The audit search offers every action the
    service records (about 140): a template loop, or Django's escaping with its check for
    lazy text on every value, took 3.5 ms to write them; the standard library's escape,
    which escapes the same five characters, takes a quarter of that."""
    widget = field.field.widget
    assert isinstance(widget, forms.Select)
    chosen = widget.format_value(field.value())
    return mark_safe(  # noqa: S308 - every value and label is escaped just here
        "".join(
            f'<option value="{escape(str(option["value"]))}"'
            f"{' selected' if option['selected'] else ''}>{escape(str(option['label']))}</option>"
            for _, group, _ in widget.optgroups(field.html_name, chosen)
            for option in group
        )
    )


def _options(field: BoundField) -> list[dict[str, Any]]:
    """The choices of radios or checkboxes, each with what the GOV.UK components add: the
    follow-up question a radio reveals (conditional reveal), and the checkbox that
    excludes the others ("None identified yet"), after an "or" divider."""
    reveals: dict[str, str] = getattr(field.field, "reveals", {}) or {}
    exclusive: str = getattr(field.field, "exclusive", "") or ""
    options = []
    for option in field:
        value = str(option.data["value"])
        if value == "":
            continue  # GOV.UK radios have no blank choice: nothing is chosen until one is
        revealed = field.form[reveals[value]] if value in reveals else None
        options.append(
            {
                "option": option,
                "value": value,
                "checked": bool(option.data["selected"]),
                "exclusive": value == exclusive,
                "conditional": revealed,
                "conditional_id": f"conditional-{option.id_for_label}" if revealed else "",
            }
        )
    return options


def _date_parts(field: BoundField) -> list[dict[str, Any]]:
    """Day, month and year boxes with what was typed in each (a bound field's
    `subwidgets` gives the MultiWidget as one), ids matching the error summary's links."""
    widget = field.field.widget
    context = widget.get_context(field.html_name, field.value(), {"id": field.auto_id})
    return [
        {"label": suffix.title(), "id": f"{field.auto_id}_{suffix}", **sub}
        for suffix, sub in zip(
            ("day", "month", "year"), context["widget"]["subwidgets"], strict=True
        )
    ]


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(*forms_: forms.BaseForm) -> dict[str, Any]:
    """The error summary at the top of a page, linking to each field in error."""
    items = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            items.append({"text": error, "href": ""})
        # In the order the fields appear on the page, whatever order they were checked in.
        for bound in form:
            errors = form.errors.get(bound.name)
            if not errors:
                continue
            anchor = bound.auto_id
            if isinstance(bound.field.widget, DateInputWidget):
                anchor = f"{bound.auto_id}_day"
            elif isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                # The first option shown (a blank choice is never shown: field.html).
                anchor = next(
                    (
                        option.id_for_label
                        for option in bound.subwidgets
                        if str(option.data["value"]) != ""
                    ),
                    f"{bound.auto_id}_0",
                )
            items.extend({"text": error, "href": f"#{anchor}"} for error in errors)
    return {"items": items}


@register.filter
def full_stop(value: Any) -> str:
    """Text ended as a sentence: a full stop added unless it already ends in one (or a
    question or exclamation mark), so text that people typed never reads ".."."""
    text = str(value or "").rstrip()
    return text if not text or text[-1] in ".?!" else f"{text}."


@register.filter
def govuk_date(value: Any) -> str:
    """A date in the GOV.UK style: 7 March 2026."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"


@register.inclusion_tag("govuk/imported_notice.html", takes_context=True)
def imported_notice(context: template.Context) -> dict[str, Any]:
    """The notice on every page that shows a case brought in from the board's own records
    (`casereviews.imports`, docs/adr/0033): the page's case, by either name it is given."""
    for name in ("case", "notification"):
        shown = context.get(name)
        imported_at = getattr(shown, "imported_at", None)
        if imported_at is not None:
            return {"imported_at": imported_at}
    return {"imported_at": None}
