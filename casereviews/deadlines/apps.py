from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "casereviews.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines"

    def ready(self) -> None:
        # The transitions start, meet and cancel deadlines; the worker chases them.
        from casereviews.deadlines import hooks, jobs  # noqa: F401
