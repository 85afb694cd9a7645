from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "casereviews.monitoring"
    label = "monitoring"
    verbose_name = "Health, metrics and logs for the hosting team"
