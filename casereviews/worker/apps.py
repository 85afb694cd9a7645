from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "casereviews.worker"
    label = "worker"
    verbose_name = "Background worker"
