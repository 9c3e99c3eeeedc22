import unicodedata

from django.db import migrations, models

# The searched fields when the search text was introduced: translated ones by language.
LANGUAGES = ["en", "ko", "ja", "zh_hans", "ru", "mn"]
SEARCHED = {
    "country": (["native_name"], ["name", "official_name"]),
    "region": (["native_name", "slug"], ["name"]),
}


def fill_search_text(apps, schema_editor):
    """Every existing record's folded searched text, as Searchable.save() writes it."""
    for model_name, (plain, translated) in SEARCHED.items():
        model = apps.get_model("members", model_name)
        columns = [*plain, *(f"{name}_{code}" for name in translated for code in LANGUAGES)]
        records = list(model.objects.only(*columns))
        for record in records:
            values = (getattr(record, column) for column in columns)
            record.search_text = "\n".join(
                unicodedata.normalize("NFKC", str(value)).casefold() for value in values if value
            )
        model.objects.bulk_update(records, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_region_published_status_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="country",
            name="search_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="searched text"
            ),
        ),
        migrations.AddField(
            model_name="region",
            name="search_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="searched text"
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
