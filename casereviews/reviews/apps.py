from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "casereviews.reviews"
    label = "reviews"
    verbose_name = "Reviews, their reports and their actions"

    def ready(self) -> None:
        # Registers the scopes of the review's pages, the guards the workflow's table runs
        # ("start review", "report", "close") and the e-mails of the review's steps.
        from casereviews.boards.models import Role
        from casereviews.frontend.waiting import register_waiting
        from casereviews.notifications.sections import register_section
        from casereviews.reviews.home import actions_waiting

        register_waiting(
            Role.AGENCY_LEAD, "Review actions your agency owns", order=40, read=actions_waiting
        )
        from casereviews.reviews import actions, emails, guards, policy  # noqa: F401
        from casereviews.reviews.templatetags.reviews import case_review
        from casereviews.storage import register_documents

        register_section(
            "review", order=20, template="reviews/includes/case_review.html", context=case_review
        )

        # The review's documents and the evidence of actions share one folder.
        register_documents(
            "reviews.ReviewDocument",
            folder="review-documents",
            name_field="stored_name",
            hash_field="sha256",
            size_field="size",
        )
        register_documents(
            "reviews.ActionUpdate",
            folder="review-documents",
            name_field="evidence_stored_name",
            hash_field="evidence_sha256",
            size_field="evidence_size",
        )
