from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "casereviews.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        # Tells drf-spectacular how the token authentication appears in the document.
        from casereviews.api import schema  # noqa: F401
