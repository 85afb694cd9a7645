from django.db import migrations

# PostgreSQL: a reset request wakes the listening workers at its commit
# (casereviews/accounts/password_reset.py, channel `password_reset_requested`), so that
# the e-mail goes at once rather than at the worker's next cycle. SQLite: the worker polls.
_NOTIFY = [
    "CREATE OR REPLACE FUNCTION password_reset_notify() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN PERFORM pg_notify('password_reset_requested', ''); RETURN NULL; END $$",
    "CREATE TRIGGER password_reset_requested AFTER INSERT ON accounts_passwordresetrequest "
    "FOR EACH STATEMENT EXECUTE FUNCTION password_reset_notify()",
]
_UNNOTIFY = [
    "DROP TRIGGER IF EXISTS password_reset_requested ON accounts_passwordresetrequest",
    "DROP FUNCTION IF EXISTS password_reset_notify()",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_password_resets_answered_by_the_worker"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(_NOTIFY), _on_postgresql(_UNNOTIFY)),
    ]
