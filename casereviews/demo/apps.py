from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demonstration data and its commands (`load_demo_data`, `demo_code`), kept above
    every other app: it builds boards, people, notifications and past reviews through
    their services, and nothing imports it back. Refused in production."""

    name = "casereviews.demo"
    label = "demo"
    verbose_name = "Demonstration data"
