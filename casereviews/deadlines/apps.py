from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "casereviews.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines"

    def ready(self) -> None:
        # The transitions start, meet and cancel deadlines; the worker chases them.
        from casereviews.deadlines import hooks, jobs  # noqa: F401
        from casereviews.deadlines.templatetags.deadlines import case_deadlines
        from casereviews.notifications.sections import register_section

        register_section(
            "deadlines",
            order=40,
            template="deadlines/includes/case_deadlines.html",
            context=lambda _, case: case_deadlines(case),
        )
