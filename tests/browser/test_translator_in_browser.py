"""A Russian translator in a real browser: the board lists their work, each cell opens the
record on the Russian tab, the tab shows its state, and a translation saved there counts."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from association import roles
from association.translation_state import DONE, field_states
from tests import builders

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def olga(page, live_server):
    user = get_user_model().objects.create_user(
        "olga", "olga@example.org", "a-long-password-1", is_staff=True, language="ru"
    )
    user.groups.add(Group.objects.get(name=roles.translators_group_name("ru")))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "olga")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def test_russian_translator_goes_from_the_board_to_the_russian_tab_and_fills_it(
    olga, live_server, screenshots
):
    page = olga
    russia = builders.country(name_en="Russia", name_ru="Россия", code="RU", slug="russia")
    region = builders.region(
        country=russia,
        name_en="Amur Oblast",
        name_ru="Амурская область",
        description_en="An oblast on the Amur river.",
    )

    page.goto(f"{live_server.url}/admin/translations/?mine=1")
    cells = page.locator("td.board-cell[data-state]")
    # Only Russian, and only what is left to do: the description.
    assert {cell.get_attribute("data-language") for cell in cells.all()} == {"ru"}
    assert cells.count() == 1
    assert cells.first.get_attribute("data-state") == "missing"
    page.screenshot(path=str(screenshots / "translator-board-my-work.png"))

    with page.expect_navigation():
        cells.first.locator("a").click()
    page.wait_for_selector(".ui-tabs-nav a[data-translation-state]")
    description = page.locator("#id_description_ru")
    assert description.is_visible()
    assert description.get_attribute("lang") == "ru"
    tab = page.locator('.ui-tabs-nav a[data-language="ru"][data-translation-state]').last
    assert tab.get_attribute("data-translation-state") == "empty"
    # Nothing but Russian can be typed into.
    editable = page.locator(
        "#region_form input:not([type=hidden]):not([type=submit]):not([disabled]), "
        "#region_form textarea, #region_form select:not(#modeltranslation-main-switch)"
    )
    assert {element.get_attribute("lang") for element in editable.all()} == {"ru"}

    description.fill("Область на реке Амур.")
    assert tab.get_attribute("data-translation-state") == "filled"
    page.screenshot(path=str(screenshots / "translator-russian-tab.png"))
    with page.expect_navigation():
        page.click("input[name=_save]")

    region.refresh_from_db()
    assert region.description_ru == "Область на реке Амур."
    assert field_states(region)["description"]["ru"] == DONE
    page.goto(f"{live_server.url}/admin/translations/?mine=1")
    assert page.locator("td.board-cell[data-state]").count() == 0
