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
        from casereviews.decisions.templatetags.decisions import case_decision
        from casereviews.decisions.templatetags.escalation import case_escalation
        from casereviews.notifications.holdings import register_holding
        from casereviews.notifications.sections import register_section

        register_section(
            "decision",
            order=50,
            template="decisions/includes/case_decision.html",
            context=case_decision,
        )
        register_section(
            "escalation",
            order=80,
            template="decisions/includes/escalation.html",
            context=lambda _, case: case_escalation(case),
        )

        register_holding("escalations", escalations_of)
