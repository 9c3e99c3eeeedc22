"""The secretariat's admin in a real browser: language tabs, the language menu, search."""

import pytest
from django.contrib.auth import get_user_model

from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def signed_in(page, live_server):
    get_user_model().objects.create_superuser("secretariat", "s@example.org", "a-long-password-1")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "secretariat")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


@pytest.fixture
def heilongjiang():
    return builders.region(
        slug="heilongjiang",
        native_name="黑龙江省",
        name_en="Heilongjiang Province",
        name_ko="헤이룽장성",
        name_ru="Провинция Хэйлунцзян",
    )


def test_region_form_tabs_are_named_in_their_own_languages(
    signed_in, live_server, heilongjiang, screenshots
):
    page = signed_in
    page.goto(f"{live_server.url}/admin/members/region/{heilongjiang.pk}/change/")

    page.wait_for_selector(".ui-tabs-nav a[data-language]")
    tabs = page.locator("#region_form .ui-tabs-nav").first.locator("a")
    assert tabs.all_inner_texts() == [
        "English",
        "한국어",
        "日本語",
        "简体中文",
        "Русский",
        "Монгол",
    ]
    tabs.nth(1).click()
    korean = page.locator("#id_name_ko")
    assert korean.is_visible()
    assert korean.get_attribute("lang") == "ko"
    assert korean.input_value() == "헤이룽장성"
    page.screenshot(path=str(screenshots / "admin-region-form-tabs.png"), full_page=False)


def test_language_menu_switches_the_admin_to_korean(signed_in, live_server, screenshots):
    page = signed_in

    with page.expect_navigation():
        page.select_option("#admin-language", "ko")

    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("#site-name").inner_text() == "NEAR 관리"
    page.screenshot(path=str(screenshots / "admin-index-ko.png"), full_page=True)


def test_search_box_finds_region_typed_in_lower_case_cyrillic(signed_in, live_server, heilongjiang):
    page = signed_in
    page.goto(f"{live_server.url}/admin/members/region/")

    page.fill("#searchbar", "хэйлунцзян")
    with page.expect_navigation():
        page.press("#searchbar", "Enter")

    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "Heilongjiang Province" in rows.first.inner_text()


def test_contacts_export_and_import_pages_work_under_the_security_policy(
    signed_in, live_server, heilongjiang, tmp_path, screenshots
):
    page = signed_in
    page.goto(f"{live_server.url}/admin/members/contact/export/")
    toggle = page.locator("#select-all-toggle")
    fields = page.locator(".selectable-field-export-row input[type=checkbox]")
    assert fields.count() > 5 and all(box.is_checked() for box in fields.all())

    toggle.uncheck()
    assert not any(box.is_checked() for box in fields.all())
    toggle.check()
    page.screenshot(path=str(screenshots / "admin-contacts-export.png"), full_page=True)

    upload = tmp_path / "contacts.csv"
    upload.write_text(
        "id,region,office_en,office_ru,phone\n"
        ",heilongjiang,Foreign Affairs Office,Отдел внешних связей,+86 451 5363 1091\n",
        encoding="utf-8-sig",
    )
    page.goto(f"{live_server.url}/admin/members/contact/import/")
    page.set_input_files("#id_import_file", str(upload))
    page.select_option("#id_format", label="csv")
    page.click("input[type=submit]")
    page.wait_for_selector("input[name=confirm]")
    assert "To be created: 1." in page.locator(".import-summary").inner_text()
    page.screenshot(path=str(screenshots / "admin-contacts-import-preview.png"), full_page=True)

    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist")
    assert "Foreign Affairs Office" in page.content()
