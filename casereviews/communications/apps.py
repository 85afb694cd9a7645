from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "casereviews.communications"
    label = "communications"
    verbose_name = "Communications with the family, significant others and the press"

    def ready(self) -> None:
        from casereviews.communications import policy  # noqa: F401  (registers the scopes)
        from casereviews.communications.selectors import case_log
        from casereviews.notifications.holdings import register_holding

        register_holding("communications", case_log)
