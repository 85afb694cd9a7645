from django.apps import AppConfig


class PreparedConfig(AppConfig):
    name = "casereviews.prepared"
    label = "prepared"
    verbose_name = "Files prepared by the worker"

    def ready(self) -> None:
        from casereviews.prepared import jobs  # noqa: F401  (registers the worker's job)
