from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "casereviews.administration"
    label = "administration"
    verbose_name = "Administration"
