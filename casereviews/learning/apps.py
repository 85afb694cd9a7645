from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "casereviews.learning"
    label = "learning"
    verbose_name = "Search, lessons, dashboards and the annual report"

    def ready(self) -> None:
        # A closed review joins the board's lessons library; the library's scopes.
        from casereviews.learning import hooks, policy, prepared  # noqa: F401
