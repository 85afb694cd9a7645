from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "casereviews.decisions"
    label = "decisions"
    verbose_name = "Procedure decisions"

    def ready(self) -> None:
        from casereviews.decisions import policy  # noqa: F401  (registers the scopes)
