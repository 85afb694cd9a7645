from django import template

from casereviews.audit.actions import action_label, event_subject

register = template.Library()
register.filter("audit_action", action_label)
register.filter("audit_subject", event_subject)
