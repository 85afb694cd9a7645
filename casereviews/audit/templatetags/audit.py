from django import template

from casereviews.audit.selectors import action_label

register = template.Library()
register.filter("audit_action", action_label)
