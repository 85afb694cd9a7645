from django.db import migrations

# Frozen here rather than imported, so later edits to the list do not rewrite history.
THEMES = (
    ("neglect", "Neglect"),
    ("domestic-abuse", "Domestic abuse"),
    ("parental-mental-health", "Parental mental health"),
    ("substance-misuse", "Parental substance misuse"),
    ("bruising-non-mobile-babies", "Bruising in non-mobile babies"),
    ("adolescent-risk-outside-home", "Adolescent risk outside the home"),
    ("sudden-unexpected-death-in-infancy", "Sudden unexpected death in infancy"),
    ("child-sexual-exploitation", "Child sexual exploitation"),
    ("child-suicide-self-harm", "Suicide and self-harm"),
    ("disabled-children", "Disabled children"),
)


def seed(apps, schema_editor):
    Theme = apps.get_model("assessments", "Theme")
    for code, name in THEMES:
        Theme.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
