"""A visitor's walk through the public site in every language, checked by axe-core.

Screenshots at phone and desktop widths go to $SCREENSHOT_DIR (git-ignored `screenshots/`
when run by make), to be looked at.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from association.languages import language_codes

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Axe()
WIDTHS = {"phone": 360, "desktop": 1280}


@pytest.fixture
def demo_content():
    call_command("load_demo_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def check_accessibility(page):
    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()


def visit(page, url, screenshots, name):
    response = page.goto(url)
    assert response.status == 200, url
    language = url.split("/")[3]
    assert page.locator("html").get_attribute("lang") == language
    check_accessibility(page)
    page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", language_codes())
def test_walk_through_the_site(page, live_server, demo_content, screenshots, language):
    base = live_server.url
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    visit(page, f"{base}/{language}/", screenshots, f"{language}-home")

    page.click(".site-nav a[href$='/members/']")
    visit(page, page.url, screenshots, f"{language}-members")
    page.click("a[href$='/members/china/']")
    visit(page, page.url, screenshots, f"{language}-china")
    page.click("a[href$='/members/china/heilongjiang/']")
    visit(page, page.url, screenshots, f"{language}-heilongjiang")

    # Half-way, the visitor switches language and stays on the same region.
    other = "ko" if language != "ko" else "ru"
    page.click(f".language-switcher a[lang='{other}']")
    assert page.url == f"{base}/{other}/members/china/heilongjiang/"
    assert page.locator("html").get_attribute("lang") == other
    page.click(f".language-switcher a[lang='{language}']")

    visit(page, f"{base}/{language}/assemblies/", screenshots, f"{language}-assemblies")
    page.click("a[href$='/assemblies/15/']")
    visit(page, page.url, screenshots, f"{language}-assembly-15")
    visit(page, f"{base}/{language}/committees/", screenshots, f"{language}-committees")
    page.click("a[href$='/committees/working-committee/']")
    visit(page, page.url, screenshots, f"{language}-working-committee")

    page.fill("#site-search-q", "黑龙江")
    page.press("#site-search-q", "Enter")
    page.wait_for_load_state("load")
    check_accessibility(page)
    assert page.locator("a[href$='/members/china/heilongjiang/']").count() >= 1


PHONE_PAGES = [
    "",
    "members/",
    "members/china/",
    "members/russia/sakha/",
    "assemblies/",
    "assemblies/12/",
    "committees/",
    "committees/energy-climate-change/",
    "about/secretariat/",
]


@pytest.mark.parametrize("language", ["en", "ko", "mn"])
def test_pages_fit_a_phone(page, live_server, demo_content, screenshots, language):
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 740})

    for path in PHONE_PAGES:
        name = f"{language}-phone-{path.strip('/').replace('/', '-') or 'home'}"
        visit(page, f"{live_server.url}/{language}/{path}", screenshots, name)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= WIDTHS["phone"], path


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_printed_country_page_fits_the_paper(
    page, live_server, demo_content, screenshots, language
):
    page.goto(f"{live_server.url}/{language}/members/china/")
    page.emulate_media(media="print")
    # An A4 page at 96 dpi, less the 15 mm margins of the print stylesheet.
    page.set_viewport_size({"width": 680, "height": 1000})

    table = page.locator(".contact-table").bounding_box()
    assert table["x"] >= 0
    assert table["x"] + table["width"] <= 680
    assert page.locator(".site-nav").is_hidden()
    page.screenshot(path=str(screenshots / f"{language}-china-print.png"), full_page=True)
    page.pdf(path=str(screenshots / f"{language}-china-print.pdf"), format="A4")
