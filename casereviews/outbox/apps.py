from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "casereviews.outbox"
    label = "outbox"
    verbose_name = "E-mail outbox"

    def ready(self) -> None:
        from casereviews.outbox import jobs  # noqa: F401  (registers the delivery job)
