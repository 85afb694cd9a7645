"""The service's settings plus this package, so that `manage.py` finds the bench's
commands (`generate_load_data`, `measure_audit_chain`). Used only by scripts/bench.py
(`DJANGO_SETTINGS_MODULE=bench.settings`); the service's own settings never list the
bench, so nothing of it is deployed with the service."""

from casereviews.settings import *  # noqa: F403
from casereviews.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
