from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "casereviews.decisions"
    label = "decisions"
    verbose_name = "Procedure decisions"
