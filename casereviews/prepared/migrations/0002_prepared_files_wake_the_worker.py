from django.db import migrations

# PostgreSQL: a file asked for wakes the listening workers at its commit
# (casereviews/prepared/jobs.py, channel `prepared_file_requested`). SQLite: they poll.
_NOTIFY = [
    "CREATE OR REPLACE FUNCTION prepared_file_notify() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN PERFORM pg_notify('prepared_file_requested', ''); RETURN NULL; END $$",
    "CREATE TRIGGER prepared_file_requested AFTER INSERT ON prepared_preparedfile "
    "FOR EACH STATEMENT EXECUTE FUNCTION prepared_file_notify()",
]
_UNNOTIFY = [
    "DROP TRIGGER IF EXISTS prepared_file_requested ON prepared_preparedfile",
    "DROP FUNCTION IF EXISTS prepared_file_notify()",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("prepared", "0001_prepared_files"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(_NOTIFY), _on_postgresql(_UNNOTIFY)),
    ]
