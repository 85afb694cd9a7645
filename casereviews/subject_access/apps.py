from django.apps import AppConfig


class SubjectAccessConfig(AppConfig):
    name = "casereviews.subject_access"
    label = "subject_access"
    verbose_name = "Subject access requests"

    def ready(self) -> None:
        # The scope of subject access requests.
        from casereviews.subject_access import policy  # noqa: F401
