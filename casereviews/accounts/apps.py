from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "casereviews.accounts"
    label = "accounts"
    verbose_name = "Accounts"
