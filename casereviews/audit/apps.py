from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "casereviews.audit"
    label = "audit"
    verbose_name = "Audit trail"
