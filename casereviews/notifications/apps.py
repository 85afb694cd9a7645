from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "casereviews.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from casereviews.notifications import policy  # noqa: F401  (registers the scopes)
        from casereviews.notifications.holdings import register_holding
        from casereviews.notifications.models import Notification

        register_holding(
            "possible_duplicates",
            lambda case: Notification.possible_duplicates.through.objects.filter(
                from_notification=case
            ),
        )
