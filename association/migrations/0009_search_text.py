import unicodedata

from django.db import migrations, models

# The searched fields when the search text was introduced: translated ones by language.
LANGUAGES = ["en", "ko", "ja", "zh_hans", "ru", "mn"]
SEARCHED = {
    "generalassembly": ["city", "venue", "theme", "summary", "alternative_name", "chair_name"],
    "committee": ["name", "description"],
    "committeemeeting": ["title", "city", "venue", "summary"],
    "page": ["title", "body"],
}


def fill_search_text(apps, schema_editor):
    """Every existing record's folded searched text, as Searchable.save() writes it."""
    for model_name, translated in SEARCHED.items():
        model = apps.get_model("association", model_name)
        columns = [f"{name}_{code}" for name in translated for code in LANGUAGES]
        records = list(model.objects.only(*columns))
        for record in records:
            values = (getattr(record, column) for column in columns)
            record.search_text = "\n".join(
                unicodedata.normalize("NFKC", str(value)).casefold() for value in values if value
            )
        model.objects.bulk_update(records, ["search_text"], batch_size=500)


def _field():
    return models.TextField(blank=True, default="", editable=False, verbose_name="searched text")


class Migration(migrations.Migration):
    dependencies = [
        ("association", "0008_audit_trail"),
    ]

    operations = [
        *(
            migrations.AddField(model_name=model_name, name="search_text", field=_field())
            for model_name in SEARCHED
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
