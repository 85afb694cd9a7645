from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "casereviews.decisions"
    label = "decisions"
    verbose_name = "Procedure decisions"

    def ready(self) -> None:
        # Registers the scopes of the steps, the guards the workflow's table runs, and
        # the e-mails that tell people when work reaches them.
        from casereviews.decisions import emails, guards, policy, steps  # noqa: F401
        from casereviews.decisions.selectors import escalations_of
        from casereviews.notifications.holdings import register_holding

        register_holding("escalations", escalations_of)
