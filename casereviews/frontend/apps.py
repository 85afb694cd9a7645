from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "casereviews.frontend"
    label = "frontend"
    verbose_name = "Page frame"
