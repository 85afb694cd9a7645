from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Installed only by `bench.settings` (the load tests), never by the service."""

    name = "bench"
    label = "bench"
    verbose_name = "Generated data for load tests"
