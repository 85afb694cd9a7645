from django import template

from casereviews.audit.actions import action_label, event_subject, event_subject_without_case

register = template.Library()
register.filter("audit_action", action_label)
register.filter("audit_subject", event_subject)
register.filter("audit_subject_without_case", event_subject_without_case)
