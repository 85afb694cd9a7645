from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "casereviews.imports"
    label = "imports"
    verbose_name = "A board's existing cases moving in"
