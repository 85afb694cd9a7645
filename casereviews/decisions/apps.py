from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "casereviews.decisions"
    label = "decisions"
    verbose_name = "Procedure decisions"

    def ready(self) -> None:
        # Registers the scopes of the steps, and the guards the workflow's table runs.
        from casereviews.decisions import guards, policy  # noqa: F401
