from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "casereviews.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from casereviews.accounts.password_reset import (
            REQUESTED_CHANNEL,
            password_resets_answer,
            password_resets_waiting,
        )
        from casereviews.worker.jobs import Wake, register_job

        woken_by = Wake(channel=REQUESTED_CHANNEL, waiting=password_resets_waiting)
        register_job("answer_password_resets", woken_by=woken_by)(password_resets_answer)
