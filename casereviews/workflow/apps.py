from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "casereviews.workflow"
    label = "workflow"
    verbose_name = "Workflow"

    def ready(self) -> None:
        from casereviews.workflow import policy  # noqa: F401  (registers its scope)
