from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "casereviews.workflow"
    label = "workflow"
    verbose_name = "Workflow"

    def ready(self) -> None:
        from casereviews.audit.vocabulary import register_actions
        from casereviews.workflow import policy  # noqa: F401  (registers its scope)
        from casereviews.workflow.transitions import TRANSITIONS

        # `notification_transition` audits each transition as `notification.<name>`.
        register_actions(*(f"notification.{name}" for name in TRANSITIONS))
