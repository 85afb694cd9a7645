from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "casereviews.assessments"
    label = "assessments"
    verbose_name = "Criteria assessments and verification"

    def ready(self) -> None:
        # Registers the verification scope, stores an assessment on every submission, and
        # guards the notification to the Panel with the judgement that it is notifiable.
        from casereviews.assessments import hooks, notifiability, policy  # noqa: F401
