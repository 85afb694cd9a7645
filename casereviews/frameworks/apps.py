from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "casereviews.frameworks"
    label = "frameworks"
    verbose_name = "Statutory frameworks"
