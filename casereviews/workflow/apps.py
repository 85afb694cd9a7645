from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "casereviews.workflow"
    label = "workflow"
    verbose_name = "Workflow"

    def ready(self) -> None:
        # Registers its scope, and the guard that the three safeguarding partners agree.
        from casereviews.workflow import partners, policy  # noqa: F401
