from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "casereviews.backup"
    label = "backup"
    verbose_name = "Backup and restore"
