"""Translation files: export, edit in a translator's tool, import back; every refusal."""

import io
import re
from xml.etree import ElementTree

import openpyxl
import pytest
from babel.messages.pofile import read_po, write_po
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from association.models import AuditEntry, TranslationSource
from association.translation_exchange import (
    ImportRefused,
    apply_import,
    export_units,
    plan_import,
)
from association.translation_files import FORMATS, XLIFF_NS, FileUnit, read_file
from association.translation_state import DONE, STALE, field_states, unit_key
from members.models import Region
from tests import builders

pytestmark = pytest.mark.django_db

TARGETS = {
    "ko": "헤이룽장성 🙂",
    "zh-hans": "黑龙江省 🙂",
    "ru": "Провинция Хэйлунцзян 🙂",
    "ja": "黒竜江省 🙂",
    "mn": "Хэйлунцзян муж 🙂",
}
EXTENSIONS = {"xliff": "xlf", "po": "po", "xlsx": "xlsx"}


@pytest.fixture
def heilongjiang():
    return builders.region(
        name_en="Heilongjiang Province",
        description_en="A province in the north-east of China.",
    )


def fill_in(file_format, data, targets):
    """Edits an exported file as a translator's tool would: {unit id: new target}."""
    if file_format == "xliff":
        ElementTree.register_namespace("", XLIFF_NS)
        root = ElementTree.fromstring(data)
        for element in root.iter(f"{{{XLIFF_NS}}}trans-unit"):
            if element.get("id") in targets:
                element.find(f"{{{XLIFF_NS}}}target").text = targets[element.get("id")]
        return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    if file_format == "po":
        catalog = read_po(io.BytesIO(data))
        for message in catalog:
            if message.context in targets:
                message.string = targets[message.context]
        output = io.BytesIO()
        write_po(output, catalog)
        return output.getvalue()
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for row in workbook["Translations"].iter_rows(min_row=2):
        if row[0].value in targets:
            row[3].value = targets[row[0].value]
            row[3].data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def exported(language, file_format, **scope):
    return FORMATS[file_format].write(language, export_units(language, **scope))


# The file formats on their own.


@pytest.mark.parametrize("file_format", sorted(FORMATS))
def test_each_format_carries_every_script_and_the_source_version(file_format):
    units = [
        FileUnit("members.region:1:name:ko", "Gyeongsangbuk-do 🙂", "경상북도 🙂", "a" * 64),
        FileUnit("members.region:2:description:ko", "Two\nlines & <tags>", "", "b" * 64),
        FileUnit("members.region:3:name:ko", "Harbin", "哈尔滨 Хабаровск 🙂", "c" * 64),
    ]
    data = FORMATS[file_format].write("ko", units)

    found = read_file(f"near.{EXTENSIONS[file_format]}", data)

    assert found.language == "ko"
    assert [(u.key, u.source, u.target, u.source_digest) for u in found.units] == [
        (u.key, u.source, u.target, u.source_digest) for u in units
    ]


def test_xlsx_writes_formula_looking_text_as_text():
    units = [
        FileUnit(f"members.region:{n}:name:ru", text, text, "a" * 64)
        for n, text in enumerate(['=HYPERLINK("http://evil")', "+7 423", "-1", "@SUM(A1)"], 1)
    ]
    data = FORMATS["xlsx"].write("ru", units)

    sheet = openpyxl.load_workbook(io.BytesIO(data))["Translations"]
    cells = [cell for row in sheet.iter_rows(min_row=2, min_col=3, max_col=4) for cell in row]
    assert {cell.data_type for cell in cells} == {"s"}
    assert [u.target for u in read_file("near.xlsx", data).units] == [u.target for u in units]


def test_xlsx_formula_typed_by_a_translator_is_refused(heilongjiang):
    data = exported("ru", "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook["Translations"]["D2"] = "=A1"
    output = io.BytesIO()
    workbook.save(output)

    with pytest.raises(ImportRefused) as refused:
        plan_import("near.xlsx", output.getvalue(), "ru")

    assert "D2" in refused.value.problems[0].reason
    assert refused.value.problems[0].key.startswith("members.")


# Round trips through the admin: export, edit, preview, confirm.


@pytest.mark.parametrize("file_format", sorted(FORMATS))
@pytest.mark.parametrize("language", ["ko", "zh-hans", "ru"])
def test_round_trip_through_the_admin(admin_client, superuser, heilongjiang, file_format, language):
    response = admin_client.post(
        reverse("admin:translation_export"),
        {"language": language, "format": file_format, "states": "missing,stale", "model": ""},
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    key = unit_key(Region, heilongjiang.pk, "name", language)
    description_key = unit_key(Region, heilongjiang.pk, "description", language)
    edited = fill_in(
        file_format,
        response.content,
        {key: TARGETS[language], description_key: "=1+1 " + TARGETS[language]},
    )
    upload = SimpleUploadedFile(f"near.{EXTENSIONS[file_format]}", edited)

    preview = admin_client.post(
        reverse("admin:translation_import"), {"language": language, "file": upload}
    )

    assert preview.status_code == 200
    assert TARGETS[language] in preview.content.decode()
    heilongjiang.refresh_from_db()
    column = f"name_{language.replace('-', '_')}"
    assert getattr(heilongjiang, column) in (None, "")

    token = preview.context["token"]
    applied = admin_client.post(reverse("admin:translation_import"), {"confirm": token})

    assert applied.status_code == 302
    heilongjiang.refresh_from_db()
    assert getattr(heilongjiang, column) == TARGETS[language]
    description_column = f"description_{language.replace('-', '_')}"
    assert getattr(heilongjiang, description_column) == "=1+1 " + TARGETS[language]
    assert field_states(heilongjiang)["name"][language] == DONE
    version = Version.objects.get_for_object(heilongjiang).get()
    assert version.revision.comment == f"Imported from near.{EXTENSIONS[file_format]}"
    assert version.revision.user == superuser


def test_preview_changes_nothing_and_keeps_nothing_in_media(admin_client, heilongjiang, settings):
    data = fill_in(
        "po",
        exported("ru", "po"),
        {unit_key(Region, heilongjiang.pk, "name", "ru"): TARGETS["ru"]},
    )
    before = list(Region.objects.values())

    response = admin_client.post(
        reverse("admin:translation_import"),
        {"language": "ru", "file": SimpleUploadedFile("near.po", data)},
    )

    assert response.status_code == 200
    assert list(Region.objects.values()) == before
    assert not TranslationSource.objects.exists()
    assert not Version.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(media.rglob("*"))


def test_confirm_needs_the_previewed_file(admin_client):
    response = admin_client.post(reverse("admin:translation_import"), {"confirm": "x" * 64})

    assert response.status_code == 400
    assert "expired" in response.content.decode()


def test_export_action_sends_the_selected_records(admin_client, heilongjiang):
    other = builders.region(name_en="Jilin Province")
    response = admin_client.post(
        reverse("admin:members_region_changelist"),
        {"action": "export_for_translation", "_selected_action": [heilongjiang.pk]},
    )

    assert response.status_code == 302
    page = admin_client.get(response["Location"])
    assert page.status_code == 200
    download = admin_client.post(
        response["Location"],
        {
            "language": "ru",
            "format": "xliff",
            "states": "missing,stale",
            "model": "members.region",
            "ids": str(heilongjiang.pk),
        },
    )
    found = read_file("near.xlf", download.content)
    assert {u.key.split(":")[1] for u in found.units} == {str(heilongjiang.pk)}
    assert str(other.pk) not in {u.key.split(":")[1] for u in found.units}


def test_export_leaves_out_what_is_done_unless_asked(heilongjiang):
    heilongjiang.name_ru = "Хэйлунцзян"
    heilongjiang.save()

    missing_or_stale = {u.key for u in export_units("ru", models=[Region])}
    everything = {u.key for u in export_units("ru", models=[Region], states=None)}

    assert unit_key(Region, heilongjiang.pk, "name", "ru") not in missing_or_stale
    assert unit_key(Region, heilongjiang.pk, "name", "ru") in everything


# Refusals: the whole file, with a line per offending entry.


def refused(filename, data, language="ru", user=None):
    with pytest.raises(ImportRefused) as error:
        plan_import(filename, data, language, user)
    return [(problem.key, problem.reason) for problem in error.value.problems]


def test_changed_english_source_refuses_the_file_and_names_the_entry(heilongjiang):
    name_key = unit_key(Region, heilongjiang.pk, "name", "ru")
    description_key = unit_key(Region, heilongjiang.pk, "description", "ru")
    data = fill_in(
        "po", exported("ru", "po"), {name_key: "Хэйлунцзян", description_key: "Провинция"}
    )
    heilongjiang.description_en = "A province in the far north-east of China."
    heilongjiang.save()

    problems = refused("near.po", data)

    assert problems == [(description_key, "the English source has changed since the export")]
    heilongjiang.refresh_from_db()
    assert heilongjiang.name_ru in (None, "")


def test_unknown_records_and_fields_are_refused(heilongjiang):
    units = [
        FileUnit(unit_key(Region, heilongjiang.pk, "name", "ru"), "x", "Хэй", "a" * 64),
        FileUnit("members.region:999999:name:ru", "x", "Нет", "a" * 64),
        FileUnit(f"members.region:{heilongjiang.pk}:slug:ru", "x", "Нет", "a" * 64),
        FileUnit("auth.user:1:password:ru", "x", "Нет", "a" * 64),
    ]
    data = FORMATS["xliff"].write("ru", units)

    problems = dict(refused("near.xlf", data))

    assert problems["members.region:999999:name:ru"] == (
        "no such record (deleted, or never existed)"
    )
    assert problems[f"members.region:{heilongjiang.pk}:slug:ru"] == "unknown record or field"
    assert problems["auth.user:1:password:ru"] == "unknown record or field"


def test_xlsx_for_another_language_is_refused(heilongjiang):
    data = exported("ko", "xlsx")

    assert refused("near.xlsx", data, language="ru") == [
        ("", "The file is for the language “ko”, not for Русский.")
    ]


def test_language_not_granted_is_refused(heilongjiang):
    translator = builders.translator("ru")
    data = fill_in(
        "po", exported("ko", "po"), {unit_key(Region, heilongjiang.pk, "name", "ko"): "헤이룽장성"}
    )

    assert refused("near.po", data, language="ko", user=translator) == [
        ("", "You have not been granted 한국어; the file was refused.")
    ]


def test_translator_imports_their_own_language(client, heilongjiang):
    translator = builders.translator("ru")
    client.force_login(translator)
    key = unit_key(Region, heilongjiang.pk, "name", "ru")
    data = fill_in("xlsx", exported("ru", "xlsx"), {key: TARGETS["ru"]})

    preview = client.post(
        reverse("admin:translation_import"),
        {"language": "ru", "file": SimpleUploadedFile("near.xlsx", data)},
    )
    client.post(reverse("admin:translation_import"), {"confirm": preview.context["token"]})

    heilongjiang.refresh_from_db()
    assert heilongjiang.name_ru == TARGETS["ru"]
    assert TranslationSource.objects.get(field="name", language="ru").translated_by == translator


def test_translator_cannot_choose_another_language_in_the_admin(client, heilongjiang):
    client.force_login(builders.translator("ru"))
    data = exported("ko", "po")

    response = client.post(
        reverse("admin:translation_import"),
        {"language": "ko", "file": SimpleUploadedFile("near.po", data)},
    )

    assert response.status_code == 400
    heilongjiang.refresh_from_db()
    assert heilongjiang.name_ko in (None, "")


def test_staff_without_a_language_cannot_import(client):
    user = get_user_model().objects.create_user("editor", is_staff=True)
    client.force_login(user)

    assert client.get(reverse("admin:translation_import")).status_code == 403


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
<file original="NEAR website" source-language="en" target-language="ru" datatype="plaintext">
<body><trans-unit id="members.region:1:name:ru"><source>x</source><target>&secret;</target>
</trans-unit></body></file></xliff>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
<file original="NEAR website" source-language="en" target-language="ru" datatype="plaintext">
<body><trans-unit id="members.region:1:name:ru"><source>x</source><target>&lol3;</target>
</trans-unit></body></file></xliff>"""


def test_external_entity_is_refused_plainly():
    [(key, reason)] = refused("near.xlf", XXE)

    assert key == ""
    assert "external entity (secret)" in reason


def test_entity_expansion_is_refused_plainly():
    [(key, reason)] = refused("near.xlf", LAUGHS)

    assert "entity (lol)" in reason
    assert "enormous" in reason


def test_external_entity_through_the_admin_is_a_400_with_the_report(admin_client):
    response = admin_client.post(
        reverse("admin:translation_import"),
        {"language": "ru", "file": SimpleUploadedFile("near.xlf", XXE)},
    )

    assert response.status_code == 400
    assert "external entity" in response.content.decode()
    assert "root:" not in response.content.decode()


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("near.xlsx", b'msgid "a"\nmsgstr "b"\n', "not an XLSX workbook"),
        ("near.xlsx", None, "damaged or truncated"),
        ("near.xlf", b"<html><body>hello</body></html>", "not an XLIFF 1.2 document"),
        ("near.xlf", b"<xliff version='1.2'", "not well-formed XML"),
        ("near.po", b"\xff\xfe\x00garbage", "not UTF-8"),
        (
            "near.po",
            b'msgid ""\nmsgstr "Language: ru\\n"\n\nmsgid "a"\nmsgstr "b"\n',
            "not exported",
        ),
        ("near.docx", b"PK\x03\x04", "Unknown kind of file"),
        ("near.po", b"", "empty"),
    ],
)
def test_malformed_and_foreign_files_are_refused(heilongjiang, filename, data, message):
    if data is None:  # a truncated workbook
        data = exported("ru", "xlsx")[:600]
    [(key, reason)] = refused(filename, data)

    assert key == ""
    assert message in reason


def test_xliff_from_another_site_is_refused(heilongjiang):
    data = exported("ru", "xliff").replace(b'original="NEAR website"', b'original="other.docx"')

    assert "not exported from this site" in refused("near.xlf", data)[0][1]


def test_oversized_file_is_refused():
    assert "larger than 5 MB" in refused("near.po", b"#" * (5 * 1024 * 1024 + 1))[0][1]


def test_too_long_translation_is_refused_and_nothing_is_saved(heilongjiang):
    name_key = unit_key(Region, heilongjiang.pk, "name", "ru")
    description_key = unit_key(Region, heilongjiang.pk, "description", "ru")
    data = fill_in("xliff", exported("ru", "xliff"), {name_key: "Я" * 201, description_key: "ok"})

    assert refused("near.xlf", data) == [
        (name_key, "the translation is 201 characters long; at most 200 fit")
    ]
    heilongjiang.refresh_from_db()
    assert heilongjiang.description_ru in (None, "")


def test_empty_targets_are_skipped_not_erased(heilongjiang):
    heilongjiang.description_ru = "Провинция на северо-востоке Китая."
    heilongjiang.save()
    units = [
        FileUnit(u.key, u.source, "", u.source_digest)
        for u in export_units("ru", models=[Region], states=None)
    ]
    data = FORMATS["po"].write("ru", units)

    plan = apply_import("near.po", data, "ru")

    heilongjiang.refresh_from_db()
    assert plan.skipped_empty == 2
    assert plan.changes == []
    assert heilongjiang.description_ru == "Провинция на северо-востоке Китая."


def test_stale_translation_returned_unchanged_is_confirmed(heilongjiang):
    heilongjiang.name_ru = "Провинция Хэйлунцзян"
    heilongjiang.save()
    from association.translation_state import record_filled

    record_filled(heilongjiang)
    heilongjiang.name_en = "Heilongjiang"
    heilongjiang.save()
    assert field_states(heilongjiang)["name"]["ru"] == STALE
    data = exported("ru", "xliff")

    plan = apply_import("near.xlf", data, "ru")

    assert [change.confirm_only for change in plan.changes] == [True]
    assert field_states(heilongjiang)["name"]["ru"] == DONE


def test_duplicate_entries_are_refused(heilongjiang):
    [unit] = [u for u in export_units("ru", models=[Region]) if u.key.endswith(":name:ru")]
    twice = [FileUnit(unit.key, unit.source, "Хэйлунцзян", unit.source_digest)] * 2
    data = FORMATS["xliff"].write("ru", twice)

    assert refused("near.xlf", data) == [(unit.key, "this entry appears more than once")]


def test_checking_a_file_takes_a_fixed_number_of_queries():
    regions = [builders.region(name_en=f"Region {n}") for n in range(12)]

    def count(selected):
        keys = {unit_key(Region, r.pk, "name", "ru"): "Регион" for r in selected}
        data = fill_in(
            "xliff", exported("ru", "xliff", models=[Region], pks=[r.pk for r in selected]), keys
        )
        with CaptureQueriesContext(connection) as queries:
            plan_import("near.xlf", data, "ru")
        return len(queries)

    assert count(regions[:2]) == count(regions) == 3


# The commands.


def test_commands_export_then_import(tmp_path, heilongjiang):
    output = tmp_path / "ru.xlf"
    call_command(
        "export_translations",
        "--language",
        "ru",
        "--format",
        "xliff",
        "--output",
        str(output),
        "--model",
        "members.Region",
    )
    key = unit_key(Region, heilongjiang.pk, "name", "ru")
    output.write_bytes(fill_in("xliff", output.read_bytes(), {key: TARGETS["ru"]}))

    dry = io.StringIO()
    call_command("import_translations", str(output), "--language", "ru", "--dry-run", stdout=dry)
    heilongjiang.refresh_from_db()
    assert heilongjiang.name_ru in (None, "")
    assert "Would write 1 translation(s)" in dry.getvalue()

    with pytest.raises(CommandError, match="--user"):
        call_command("import_translations", str(output), "--language", "ru")

    builders.translator("ru", username="olga")
    done = io.StringIO()
    call_command(
        "import_translations", str(output), "--language", "ru", "--user", "olga", stdout=done
    )
    heilongjiang.refresh_from_db()
    assert heilongjiang.name_ru == TARGETS["ru"]
    revision = Version.objects.get_for_object(heilongjiang).get().revision
    assert revision.comment == "Imported from ru.xlf"
    assert revision.user.username == "olga"
    entry = AuditEntry.objects.with_action("imported").get()
    assert entry.user.username == "olga"
    assert entry.object_id == str(heilongjiang.pk)
    assert "ru.xlf" in entry.change_message
    assert "name_ru" in entry.change_message or "Name" in entry.get_change_message()


def test_import_command_lists_each_refused_entry(tmp_path, heilongjiang):
    path = tmp_path / "ru.po"
    units = [FileUnit("members.region:999999:name:ru", "x", "Нет", "a" * 64)]
    path.write_bytes(FORMATS["po"].write("ru", units))
    errors = io.StringIO()

    with pytest.raises(CommandError, match="refused: 1 problem"):
        call_command(
            "import_translations", str(path), "--language", "ru", "--dry-run", stderr=errors
        )

    assert re.search(r"members\.region:999999:name:ru: no such record", errors.getvalue())


def test_import_command_checks_the_named_users_languages(tmp_path, heilongjiang):
    builders.translator("ru", username="ivan")
    path = tmp_path / "ko.po"
    path.write_bytes(exported("ko", "po"))

    with pytest.raises(CommandError):
        call_command(
            "import_translations",
            str(path),
            "--language",
            "ko",
            "--user",
            "ivan",
            stderr=io.StringIO(),
        )


def test_export_command_refuses_a_model_without_translations(tmp_path):
    with pytest.raises(CommandError, match="no translated fields"):
        call_command(
            "export_translations",
            "--language",
            "ru",
            "--output",
            str(tmp_path / "x.po"),
            "--model",
            "association.SeededRecord",
        )


def test_export_page_takes_a_fixed_number_of_queries(admin_client):
    def export():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.post(
                reverse("admin:translation_export"),
                {"language": "ru", "format": "xlsx", "states": "missing,stale", "model": ""},
            )
        assert response.status_code == 200
        return len(queries)

    builders.region(name_en="Jilin Province")
    few = export()
    for n in range(10):
        builders.region(name_en=f"Region {n}", description_en="A region.")

    assert export() == few


def test_translator_exports_only_their_languages(client, heilongjiang):
    client.force_login(builders.translator("ru"))

    page = client.get(reverse("admin:translation_export"))
    refused_export = client.post(
        reverse("admin:translation_export"),
        {"language": "ko", "format": "po", "states": "missing,stale", "model": ""},
    )

    assert [code for code, _name in page.context["form"].fields["language"].choices] == ["ru"]
    assert refused_export.status_code == 400
    assert "attachment" not in refused_export.get("Content-Disposition", "")


def test_board_links_to_export_and_import(admin_client):
    html = admin_client.get(reverse("admin:translation_board")).content.decode()

    assert reverse("admin:translation_export") in html
    assert reverse("admin:translation_import") in html


def test_translator_can_start_an_export_from_the_list(client, heilongjiang):
    client.force_login(builders.translator("ru"))

    response = client.post(
        reverse("admin:members_region_changelist"),
        {"action": "export_for_translation", "_selected_action": [heilongjiang.pk]},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:translation_export"))


def test_import_shows_in_the_records_history(admin_client, heilongjiang):
    key = unit_key(Region, heilongjiang.pk, "name", "ru")
    apply_import("ru-batch.po", fill_in("po", exported("ru", "po"), {key: "Хэйлунцзян"}), "ru")

    html = admin_client.get(
        reverse("admin:members_region_history", args=[heilongjiang.pk])
    ).content.decode()

    assert "Imported from ru-batch.po" in html


def test_language_choices_are_named_and_tagged_in_their_language(admin_client):
    html = admin_client.get(reverse("admin:translation_import")).content.decode()

    assert '<option value="mn" lang="mn">Монгол</option>' in html
    assert '<option value="zh-hans" lang="zh-hans">简体中文</option>' in html


def test_workbook_made_elsewhere_is_refused():
    workbook = openpyxl.Workbook()
    workbook.active.append(["members.region:1:name:ru", "", "Harbin", "Харбин", "a" * 64])
    output = io.BytesIO()
    workbook.save(output)

    assert refused("near.xlsx", output.getvalue()) == [
        ("", "The workbook was not exported from this site.")
    ]
