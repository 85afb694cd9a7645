"""Chain the audit events with a keyed hash (docs/adr/0003-audit-trail.md)."""

from django.db import migrations, models


def chain_existing_events(apps, schema_editor):
    # Events written before the chain existed are chained in the order they were written.
    from casereviews.audit.chain import GENESIS, event_hash

    AuditEvent = apps.get_model("audit", "AuditEvent")
    previous = GENESIS
    for sequence, event in enumerate(AuditEvent.objects.order_by("id"), start=1):
        event.sequence = sequence
        event.previous_hash = previous
        event.hash = event_hash(event)
        event.save(update_fields=["sequence", "previous_hash", "hash"])
        previous = event.hash


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(unique=True),
        ),
        migrations.AlterModelOptions(name="auditevent", options={"ordering": ("sequence",)}),
    ]
