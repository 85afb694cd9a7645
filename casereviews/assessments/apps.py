from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "casereviews.assessments"
    label = "assessments"
    verbose_name = "Criteria assessments and verification"

    def ready(self) -> None:
        # Registers the verification scope, stores an assessment on every submission, and
        # guards the notification to the Panel with the judgement that it is notifiable.
        from casereviews.assessments import hooks, notifiability, policy  # noqa: F401
        from casereviews.assessments.templatetags.assessments import (
            verification_return,
            verify_link,
        )
        from casereviews.notifications.sections import register_section

        register_section(
            "verification_return",
            place="top",
            order=10,
            template="assessments/includes/return_message.html",
            context=lambda _, case: verification_return(case),
        )
        register_section(
            "verify_link",
            place="summary",
            order=10,
            template="assessments/includes/verify_link.html",
            context=verify_link,
        )
