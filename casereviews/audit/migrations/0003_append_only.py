"""The database itself refuses to change or delete audit events."""

from django.db import migrations

from casereviews.audit.triggers import create_triggers, drop_triggers


def forwards(apps, schema_editor):
    create_triggers(schema_editor.connection)


def backwards(apps, schema_editor):
    drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain")]

    operations = [migrations.RunPython(forwards, backwards)]
