from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "casereviews.reviews"
    label = "reviews"
    verbose_name = "Reviews, their reports and their actions"

    def ready(self) -> None:
        # Registers the scopes of the review's pages, the guards the workflow's table runs
        # ("start review", "report", "close") and the e-mails of the review's steps.
        from casereviews.reviews import actions, emails, guards, policy  # noqa: F401
