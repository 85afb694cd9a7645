from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "casereviews.retention"
    label = "retention"
    verbose_name = "Retention, disposal and legal holds"

    def ready(self) -> None:
        # The scope of legal holds; the guard that keeps a disposed case closed.
        from casereviews.retention import guards, policy  # noqa: F401
