from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "casereviews.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from casereviews.notifications import policy  # noqa: F401  (registers the scopes)
