from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "casereviews.assessments"
    label = "assessments"
    verbose_name = "Criteria assessments and verification"

    def ready(self) -> None:
        # Registers the verification scope and stores an assessment on every submission.
        from casereviews.assessments import hooks, policy  # noqa: F401
