from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "casereviews.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from casereviews.accounts.password_reset import password_resets_answer
        from casereviews.worker.jobs import register_job

        register_job("answer_password_resets")(password_resets_answer)
