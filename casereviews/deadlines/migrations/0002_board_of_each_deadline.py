# Each deadline carries its case's board, so a board's open deadlines are one index range.

import django.db.models.deletion
from django.db import migrations, models


def copy_board_from_case(apps, schema_editor):
    Deadline = apps.get_model("deadlines", "Deadline")
    Notification = apps.get_model("notifications", "Notification")
    board_of_case = Notification.objects.filter(pk=models.OuterRef("notification_id"))
    Deadline.objects.update(board_id=models.Subquery(board_of_case.values("board_id")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ('boards', '0001_initial'),
        ('deadlines', '0001_initial'),
        ('notifications', '0004_attachments_and_client_reference'),
    ]

    operations = [
        migrations.AddField(
            model_name='deadline',
            name='board',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='boards.board'),
        ),
        migrations.RunPython(copy_board_from_case, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='deadline',
            name='board',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='boards.board'),
        ),
        migrations.AddIndex(
            model_name='deadline',
            index=models.Index(condition=models.Q(('state', 'open')), fields=['board', 'due_at', 'id'], name='deadline_open_of_board'),
        ),
    ]
