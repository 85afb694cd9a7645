from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "casereviews.involvement"
    label = "involvement"
    verbose_name = "Agency involvement, chronologies and LISG meetings"

    def ready(self) -> None:
        from casereviews.involvement import (  # noqa: F401  (register the scopes and the guard)
            guards,
            policy,
        )
        from casereviews.involvement.services import parallel  # noqa: F401  (its hook)
