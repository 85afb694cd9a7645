from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "casereviews.workflow"
    label = "workflow"
    verbose_name = "Workflow"

    def ready(self) -> None:
        from casereviews.notifications.sections import register_section

        # Registers its scope, and the guard that the three safeguarding partners agree.
        from casereviews.workflow import partners, policy  # noqa: F401
        from casereviews.workflow.templatetags.workflow import (
            case_actions,
            case_panel_response,
            status_sentence,
        )

        register_section(
            "status",
            place="status",
            order=10,
            template="workflow/includes/case_status.html",
            context=lambda _, case: {"sentence": status_sentence(case)},
        )
        register_section(
            "actions",
            order=10,
            template="workflow/includes/case_actions.html",
            context=case_actions,
        )
        register_section(
            "panel_response",
            order=60,
            template="workflow/includes/panel_response.html",
            context=lambda _, case: case_panel_response(case),
        )
