"""Member and contact spreadsheets: exports, previewed all-or-nothing imports, no formulas."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from association import audit, roles
from association.models import AuditEntry
from members.models import Contact, Region
from members.spreadsheets import ContactResource, escape_cell, unescape_cell
from tests import builders

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:members_contact_import")
PROCESS = reverse("admin:members_contact_process_import")
CSV, XLSX = "0", "1"
HEADER = "id,region,office_en,office_ru,phone,email,is_primary\n"


def _staff(group_name):
    user = get_user_model().objects.create_user(group_name.split()[0].lower(), is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(client):
    user = _staff(roles.EDITORS)
    client.force_login(user)
    return user


@pytest.fixture
def harbin():
    country = builders.country(code="CN", slug="china", native_language="zh-Hans")
    return builders.region(
        country=country, slug="heilongjiang", name_en="Heilongjiang", name_ko="헤이룽장성"
    )


def _form_values(form):
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    return data


def _export(client, model, file_format):
    url = reverse(f"admin:members_{model}_export")
    data = _form_values(client.get(url).context["form"])
    data["format"] = file_format
    response = client.post(url, data)
    assert response.status_code == 200
    return response


def _preview(client, content, name="contacts.csv", file_format=CSV):
    upload = SimpleUploadedFile(
        name, content.encode("utf-8-sig") if isinstance(content, str) else content
    )
    return client.post(IMPORT, {"format": file_format, "import_file": upload, "resource": "0"})


def _confirm(client, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}
    return client.post(PROCESS, {k: v for k, v in data.items() if v is not None})


def _xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_contacts_export_as_csv_with_bom_in_every_script(client, editor, harbin):
    builders.contact(
        region=harbin, office_en="Foreign Affairs Office", office_ru="Отдел", is_primary=True
    )

    response = _export(client, "contact", CSV)

    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id,region,region_name,country,office_en")
    assert "heilongjiang,Heilongjiang,CN,Foreign Affairs Office" in text
    assert "Отдел" in text
    assert "'+82 54-880-2114" in text or "'+82 54 880 2114" in text


def test_members_export_as_xlsx_with_six_languages(client, editor, harbin):
    response = _export(client, "region", XLSX)

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert {"slug", "country", "status", "kind", "name_ko", "name_zh_hans", "name_mn"} <= set(
        header
    )
    row = dict(zip(header, rows[1], strict=True))
    assert (row["slug"], row["country"], row["name_ko"]) == ("heilongjiang", "CN", "헤이룽장성")


def test_export_escapes_cells_that_look_like_formulas(harbin):
    builders.contact(
        region=harbin, office_en='=HYPERLINK("http://evil")', address_native="@SUM(A1)"
    )

    dataset = ContactResource().export()

    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["office_en"] == '\'=HYPERLINK("http://evil")'
    assert row["address_native"] == "'@SUM(A1)"
    assert row["phone"].startswith("'+82")


@pytest.mark.parametrize("value", ["=1+1", "+82 54", "-5", "@A1", "\tx", "\rx"])
def test_escaped_cells_come_back_as_they_were(value):
    assert unescape_cell(escape_cell(value)) == value


@pytest.mark.parametrize("value", ["=1+1", "@SUM(A1)", "\t=1", "\r=1"])
def test_import_refuses_bare_formulas(value):
    with pytest.raises(ValueError, match="formula"):
        unescape_cell(value)


def test_import_previews_then_creates_and_changes_contacts(client, editor, harbin):
    existing = builders.contact(region=harbin, office_en="Old office", phone="+86 451 5363 1091")
    content = HEADER + (
        f"{existing.pk},heilongjiang,Foreign Affairs Office,Отдел внешних связей,"
        "'+86 451 5363 1091,fao@hlj.gov.cn,1\n"
        ",heilongjiang,Harbin Office,,+86 451 8000 0000,,0\n"
    )

    preview = _preview(client, content)

    assert preview.status_code == 200
    assert "confirm_form" in preview.context
    assert "To be created: 1. To be changed: 1. Unchanged: 0." in preview.content.decode()
    assert Contact.objects.count() == 1  # nothing saved by the preview
    existing.refresh_from_db()
    assert existing.office_en == "Old office"

    done = _confirm(client, preview)

    assert done.status_code == 302
    existing.refresh_from_db()
    assert (existing.office_en, existing.office_ru, existing.is_primary) == (
        "Foreign Affairs Office",
        "Отдел внешних связей",
        True,
    )
    assert existing.phone.as_e164 == "+8645153631091"
    new = Contact.objects.get(office_en="Harbin Office")
    assert new.region == harbin
    version = Version.objects.get_for_object(existing).get()
    assert version.revision.user == editor
    assert version.revision.get_comment() == "Imported from contacts.csv"
    assert Version.objects.get_for_object(new).exists()
    imported = AuditEntry.objects.with_action(audit.IMPORTED)
    assert imported.count() == 2
    _action, fields, note = audit.parse(imported.get(object_id=str(existing.pk)))
    assert note == "contacts.csv"
    assert "Office or department [Русский]" in fields and "Email" in fields


def test_one_bad_row_refuses_the_whole_file_with_plain_reasons(client, editor, harbin):
    content = HEADER + (
        ",heilongjiang,Good office,,+86 451 8000 0000,,0\n"
        ",jilin,Unknown region,,+86 431 000 0000,,0\n"
        ",heilongjiang,Bad phone,,12345,not-an-email,0\n"
        ",heilongjiang,=cmd|' /C calc'!A0,,,,0\n"
    )

    preview = _preview(client, content)

    page = preview.content.decode()
    assert "confirm_form" not in preview.context
    assert "Nothing was imported" in page
    assert "Line 3, column “region”: No region has the address name “jilin”" in page
    assert "Line 4, column “phone”:" in page
    assert "Line 4, column “email”: Enter a valid email address." in page
    assert "Line 5, column “office_en”: The cell starts with “=”" in page
    assert not Contact.objects.exists()


def test_a_second_primary_contact_is_refused(client, editor, harbin):
    builders.contact(region=harbin, is_primary=True)
    content = HEADER + ",heilongjiang,Second,,+86 451 8000 0000,,1\n"

    preview = _preview(client, content)

    assert "confirm_form" not in preview.context
    assert "A region can have only one primary contact." in preview.content.decode()
    assert Contact.objects.count() == 1


def test_unknown_contact_number_is_refused(client, editor, harbin):
    preview = _preview(client, HEADER + "9999,heilongjiang,Office,,,,0\n")

    assert "No contact has the number 9999" in preview.content.decode()
    assert not Contact.objects.exists()


def test_confirm_that_meets_a_changed_database_saves_nothing(client, editor, harbin):
    content = HEADER + (
        ",heilongjiang,First,,+86 451 8000 0000,,0\n,heilongjiang,Primary,,+86 451 8000 0001,,1\n"
    )
    preview = _preview(client, content)
    assert "confirm_form" in preview.context
    builders.contact(region=harbin, office_en="Made meanwhile", is_primary=True)

    done = _confirm(client, preview)

    assert done.status_code == 302 and done["Location"] == IMPORT
    assert list(Contact.objects.values_list("office_en", flat=True)) == ["Made meanwhile"]
    assert not AuditEntry.objects.with_action(audit.IMPORTED).exists()


def test_xlsx_import_reads_formulas_as_text_and_refuses_them(client, editor, harbin):
    content = _xlsx(
        [
            ["id", "region", "office_en", "phone"],
            [None, "heilongjiang", "=1+1", "+86 451 8000 0000"],
        ]
    )

    preview = _preview(client, content, name="contacts.xlsx", file_format=XLSX)

    assert "Line 2, column “office_en”: The cell starts with “=”" in preview.content.decode()
    assert not Contact.objects.exists()


def test_xlsx_import_creates_contacts(client, editor, harbin):
    content = _xlsx(
        [
            ["id", "region", "office_en", "office_ko", "phone", "is_primary"],
            [None, "heilongjiang", "Office", "외사판공실", "+86 451 8000 0000", 1],
        ]
    )

    preview = _preview(client, content, name="contacts.xlsx", file_format=XLSX)
    assert _confirm(client, preview).status_code == 302

    contact = Contact.objects.get()
    assert (contact.office_ko, contact.is_primary) == ("외사판공실", True)


def test_file_that_is_not_a_spreadsheet_is_refused(client, editor, harbin):
    preview = _preview(client, b"%PDF-1.4 not a workbook", name="c.xlsx", file_format=XLSX)

    assert preview.status_code == 200
    assert preview.context["form"].errors["import_file"]
    assert not Contact.objects.exists()


def test_oversized_file_is_refused(client, editor, harbin):
    content = HEADER + ",heilongjiang,Office,,,,0\n" * 100_000

    preview = _preview(client, content)

    assert "a spreadsheet may be at most 2.0" in " ".join(
        preview.context["form"].errors["import_file"]
    )
    assert not Contact.objects.exists()


def test_only_csv_and_xlsx_are_offered(client, editor):
    form = client.get(IMPORT).context["form"]

    assert [label for value, label in form.fields["format"].choices if value] == ["csv", "xlsx"]


def test_translators_may_export_but_not_import(client, harbin):
    client.force_login(_staff(roles.TRANSLATORS))

    assert client.get(IMPORT).status_code == 403
    assert client.post(PROCESS, {}).status_code == 403
    assert client.get(reverse("admin:members_contact_export")).status_code == 200
    changelist = client.get(reverse("admin:members_contact_changelist")).content.decode()
    assert IMPORT not in changelist


def test_region_import_updates_plain_fields_by_address_name(client, editor, harbin):
    url = reverse("admin:members_region_import")
    content = (
        "slug,country,name_en,name_ja,status,kind\n"
        "heilongjiang,CN,Heilongjiang Province,黒竜江省,member,province\n"
    )
    upload = SimpleUploadedFile("regions.csv", content.encode("utf-8-sig"))

    preview = client.post(url, {"format": CSV, "import_file": upload, "resource": "0"})
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}
    done = client.post(reverse("admin:members_region_process_import"), data)

    assert done.status_code == 302
    harbin.refresh_from_db()
    assert (harbin.name_en, harbin.name_ja, harbin.name_ko) == (
        "Heilongjiang Province",
        "黒竜江省",
        "헤이룽장성",
    )
    assert Region.objects.count() == 1


def test_file_with_too_many_rows_is_refused(client, editor, harbin):
    content = HEADER + ",heilongjiang,Office,,,,0\n" * 5001

    preview = _preview(client, content)

    assert "The file has more than 5000 rows; at most 5000" in preview.content.decode()
    assert "confirm_form" not in preview.context
    assert not Contact.objects.exists()


@pytest.mark.parametrize("language", ["ko", "ja", "zh-hans", "ru", "mn"])
def test_import_pages_speak_the_staff_members_language(client, editor, harbin, language):
    form_page = client.get(IMPORT, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    upload = SimpleUploadedFile("c.csv", (HEADER + ",heilongjiang,Office,,,,0\n").encode())
    preview = client.post(
        IMPORT,
        {"format": CSV, "import_file": upload, "resource": "0"},
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    export_page = client.get(
        reverse("admin:members_contact_export"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()

    for english in ("File to import", "Submit", "CSV (UTF-8) or XLSX, with the columns"):
        assert english not in form_page
    for english in ("Confirm import", "To be created", "Preview"):
        assert english not in preview
    for english in ("This exporter will export", "Select all"):
        assert english not in export_page


def test_import_and_export_pages_need_no_inline_script_or_style(client, editor, harbin):
    builders.contact(region=harbin, office_en="Old office")
    contact = Contact.objects.get()
    preview = _preview(client, HEADER + f"{contact.pk},heilongjiang,New office,,,,0\n")
    pages = [client.get(url) for url in (IMPORT, reverse("admin:members_contact_export"))]

    for response in [*pages, preview]:
        page = response.content.decode()
        assert "onchange=" not in page and "style=" not in page
        assert "<script>" not in page
    assert "<del>Old</del><ins>New</ins><span> office</span>" in preview.content.decode()


def test_contacts_list_offers_import_export_and_recover(client, editor):
    page = client.get(reverse("admin:members_contact_changelist")).content.decode()

    assert IMPORT in page
    assert reverse("admin:members_contact_export") in page
    assert reverse("admin:members_contact_recoverlist") in page


def test_xlsx_with_too_many_rows_is_refused_without_reading_it_all(client, editor, harbin):
    content = _xlsx([["id", "region", "office_en"]] + [[None, "heilongjiang", "Office"]] * 6000)

    preview = _preview(client, content, name="contacts.xlsx", file_format=XLSX)

    assert "The file has more than 5000 rows" in preview.content.decode()
    assert not Contact.objects.exists()
