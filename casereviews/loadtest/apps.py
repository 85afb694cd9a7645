from django.apps import AppConfig


class LoadtestConfig(AppConfig):
    name = "casereviews.loadtest"
    label = "loadtest"
    verbose_name = "Generated data for load tests"
