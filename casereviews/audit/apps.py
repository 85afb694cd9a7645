from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "casereviews.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from casereviews.audit import jobs  # noqa: F401  (registers the checkpoint job)
