from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "casereviews.workflow"
    label = "workflow"
    verbose_name = "Workflow"
