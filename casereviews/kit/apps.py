from django.apps import AppConfig


class KitConfig(AppConfig):
    name = "casereviews.kit"
    label = "kit"
    verbose_name = "Step kit"
