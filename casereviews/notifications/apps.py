from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "casereviews.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from casereviews.notifications import policy, prepared  # noqa: F401  (scopes, files)
        from casereviews.notifications.holdings import register_holding
        from casereviews.notifications.models import Notification
        from casereviews.storage import register_documents

        register_documents(
            "notifications.Attachment",
            folder="attachments",
            name_field="stored_name",
            hash_field="sha256",
            size_field="size",
        )

        register_holding(
            "possible_duplicates",
            lambda case: Notification.possible_duplicates.through.objects.filter(
                from_notification=case
            ),
        )
