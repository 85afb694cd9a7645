from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "casereviews.retention"
    label = "retention"
    verbose_name = "Retention, disposal and legal holds"
