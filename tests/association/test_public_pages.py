"""Public pages answer in every language, in their language, with a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from association.languages import language_codes
from tests import builders
from tests.public_site import small_association

pytestmark = pytest.mark.django_db

PAGES = [
    "/{lang}/",
    "/{lang}/members/",
    "/{lang}/members/?status=observers",
    "/{lang}/members/china/",
    "/{lang}/members/china/heilongjiang/",
    "/{lang}/assemblies/",
    "/{lang}/assemblies/1/",
    "/{lang}/committees/",
    "/{lang}/committees/working-committee/",
    "/{lang}/about/about/",
    "/{lang}/search/?q=heilongjiang",
]


@pytest.mark.parametrize("language", language_codes())
@pytest.mark.parametrize("page", PAGES)
def test_public_page_answers_in_its_language(client, page, language):
    small_association()

    response = client.get(page.format(lang=language))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count('hreflang="') >= 6


@pytest.mark.parametrize(
    "path",
    [
        "/ko/members/japan/",
        "/ko/members/china/aomori/",
        "/ko/assemblies/99/",
        "/ko/committees/nothing/",
        "/ko/about/nothing/",
        "/xx/members/",
    ],
)
def test_unknown_page_is_404_in_the_visitors_language(client, path):
    small_association()

    response = client.get(path)

    assert response.status_code == 404
    if path.startswith("/ko/"):
        assert '<html lang="ko">' in response.content.decode()


def test_root_redirects_to_the_browsers_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_root_redirects_to_the_earlier_choice_before_the_browsers(client):
    client.cookies["django_language"] = "mn"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")

    assert response["Location"] == "/mn/"


def test_switcher_keeps_the_page_in_every_language(client):
    small_association()

    html = client.get("/ko/members/china/heilongjiang/").content.decode()

    for code in language_codes():
        assert f'href="/{code}/members/china/heilongjiang/" lang="{code}"' in html


def test_draft_region_is_404_and_absent_from_lists(client):
    data = small_association()
    data["ningxia"].is_published = False
    data["ningxia"].save()

    assert client.get("/en/members/china/ningxia/").status_code == 404
    assert "Ningxia" not in client.get("/en/members/").content.decode()
    assert "Ningxia" not in client.get("/en/members/china/").content.decode()
    assert "Ningxia" not in client.get("/en/search/?q=ningxia").content.decode()
    assert "ningxia" not in client.get("/sitemap-regions.xml").content.decode()


def test_draft_assembly_is_404(client):
    data = small_association()
    data["first"].is_published = False
    data["first"].save()

    assert client.get("/en/assemblies/1/").status_code == 404
    assert "/en/assemblies/1/" not in client.get("/en/assemblies/").content.decode()


def test_country_page_shows_members_history_and_contacts_in_korean(client):
    small_association()

    html = client.get("/ko/members/china/").content.decode()

    assert "<h1>중국" in html
    assert "헤이룽장성" in html
    assert '<span lang="zh-Hans">黑龙江省哈尔滨市南岗区果戈里大街300</span>' in html
    assert 'href="tel:+86-451-5363-1091"' in html
    assert "+86 451 5363 1091" in html
    assert "제1차 연차총회" in html


def test_untranslated_name_falls_back_to_english_marked(client):
    small_association()

    html = client.get("/ko/members/china/").content.decode()

    assert '<span lang="en">Ningxia Hui Autonomous Region</span>' in html
    assert "(영어)" in html


def test_assembly_dates_and_name_in_mongolian(client):
    small_association()

    html = client.get("/mn/assemblies/1/").content.decode()

    assert "1 дүгээр Жилийн хурал" in html
    assert "1996\u202fоны есдүгээр сарын 11–14" in html  # CLDR puts a narrow no-break space


def test_region_page_lists_the_meetings_it_hosted(client):
    data = small_association()
    gyeongbuk = data["gyeongbuk"]
    builders.assembly(number=7, year=2008, host_region=gyeongbuk, is_published=False)
    builders.meeting(committee=data["working"], number=9, year=2012, host_region=gyeongbuk)
    builders.meeting(
        committee=data["working"],
        year=2011,
        title_en="Forum",
        title_ko="포럼",
        host_region=gyeongbuk,
    )
    energy = builders.committee(name_en="Energy Subcommittee")
    builders.meeting(committee=energy, number=2, year=2010, host_region=gyeongbuk)
    hidden = builders.committee(name_en="Hidden Subcommittee", is_published=False)
    builders.meeting(committee=hidden, number=1, year=2009, host_region=gyeongbuk)
    builders.meeting(
        committee=energy, number=3, year=2013, host_region=gyeongbuk, is_published=False
    )

    html = client.get("/ko/members/korea/gyeongsangbuk/").content.decode()

    hosted = re.search(r'<h2 id="hosted-heading">.*?</ul>', html, re.S).group()
    items = [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", hosted, re.S)
    ]
    assert items == [
        "제3차 연차총회 (2000)",
        "제1차 연차총회 (1996)",
        "Energy Subcommittee (영어), 제2차 회의 (2010)",
        "실무위원회, 포럼 (2011)",
        "실무위원회, 제9차 회의 (2012)",
    ]
    assert '<a href="/ko/assemblies/3/">' in hosted
    assert '<a href="/ko/committees/working-committee/#meeting-' in hosted


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow(data, count):
    for number in range(count):
        region = builders.region(country=data["china"], native_name=f"测试省 {number}")
        builders.region(country=data["korea"], status="observer")
        builders.event(region=region, kind="joined", year=2006, general_assembly=None)
        builders.contact(region=region, is_primary=True)
        builders.activity(region=region, year=2010).participants.add(data["heilongjiang"])
        builders.event(region=data["heilongjiang"], kind="status_changed", year=2010)
        builders.membership(committee=data["working"], region=region)
        meeting = builders.meeting(committee=data["working"], year=2010, host_region=region)
        builders.assembly(host_region=region)
        builders.committee()
        builders.photo(region=data["heilongjiang"], alt_text_en="Harbin")
        builders.photo(general_assembly=data["first"], alt_text_en="Delegates")
        builders.photo(committee_meeting=meeting, alt_text_en="Meeting")


@pytest.mark.parametrize(
    "url",
    [
        "/{lang}/",
        "/{lang}/members/",
        "/{lang}/members/?status=observers",
        "/{lang}/members/china/",
        "/{lang}/members/china/heilongjiang/",
        "/{lang}/assemblies/",
        "/{lang}/assemblies/1/",
        "/{lang}/committees/",
        "/{lang}/committees/working-committee/",
        "/{lang}/about/about/",
        "/{lang}/search/?q=region",
        "/{lang}/search/?q=%E7%9C%81",  # 省, in the native names
        "/sitemap.xml",
        "/sitemap-regions.xml",
        "/sitemap-assemblies.xml",
    ],
)
@pytest.mark.parametrize("language", ["en", "ja"])
def test_public_page_queries_do_not_grow_with_rows(client, url, language):
    url = url.format(lang=language)
    data = small_association()
    _grow(data, 1)
    few = _queries(client, url)

    _grow(data, 12)

    many = _queries(client, url)
    assert many == few
    assert many <= 8


def _region_count_plans(client, url):
    """The query plans of the statements of GET `url` that count member regions."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert client.get(url).status_code == 200
    plans = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A table of a few rows is read whole whatever its indexes: ask for a plan that
            # reads an index, which is one that reads the index alone if it holds every
            # column the count needs.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        for sql, params in statements:
            if "COUNT(" not in sql or '"members_region"' not in sql:
                continue
            if connection.vendor == "sqlite":
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                lines = [row[3] for row in cursor.fetchall()]
            else:
                cursor.execute(f"EXPLAIN {sql}", params)
                lines = [row[0] for row in cursor.fetchall()]
            scans = [
                line
                for line in lines
                if re.search(r"\b(SCAN|SEARCH|Scan .*on) members_region\b", line)
            ]
            plans.append((sql, scans))
    return plans


@pytest.mark.parametrize("url", ["/en/", "/en/members/", "/en/members/?status=observers"])
def test_member_counts_are_read_from_an_index_not_from_the_regions(client, url):
    # A region's row holds its texts in six languages: counting by reading the rows costs
    # a millisecond for every two thousand regions; an index holding the counted columns
    # answers in a tenth of that.
    small_association()

    plans = _region_count_plans(client, url)

    assert len(plans) >= 2
    for sql, lines in plans:
        assert lines, sql
        for line in lines:
            assert "COVERING INDEX" in line or "Index Only Scan" in line, (sql, lines)


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response.content.decode() == (
        "User-agent: *\nDisallow: /admin/\nDisallow: /i18n/\nSitemap: http://testserver/sitemap.xml\n"
    )


def test_every_page_names_the_site_icon_and_favicon_ico_leads_to_it(client, admin_client):
    icon = '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'

    assert icon in client.get("/en/").content.decode()
    assert icon in admin_client.get("/admin/").content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.svg"
    assert "max-age=86400" in response["Cache-Control"]
    assert client.post("/favicon.ico").status_code == 405


def test_sitemap_lists_only_languages_a_region_has(client):
    small_association()

    xml = client.get("/sitemap-regions.xml").content.decode()

    entries = re.findall(r"<url>.*?</url>", xml, re.S)
    heilongjiang = [
        entry
        for entry in entries
        if "<loc>http://testserver/en/members/china/heilongjiang/</loc>" in entry
    ]
    assert len(heilongjiang) == 1
    alternates = sorted(re.findall(r'hreflang="([^"]+)"', heilongjiang[0]))
    assert alternates == ["en", "ko", "ru", "x-default"]


def test_templates_name_no_external_host_for_assets():
    from pathlib import Path

    offenders = []
    for path in Path(__file__).resolve().parents[2].joinpath("templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', text):
            offenders.append(path.name)
    assert offenders == []


def test_templates_have_no_inline_script_or_style():
    from pathlib import Path

    offenders = []
    for path in Path(__file__).resolve().parents[2].joinpath("templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(
            r"<script(?![^>]*\b(src|type=\"application/json\"))[^>]*>|<style|\sstyle=\"|\son[a-z]+=\"",
            text,
        ):
            offenders.append(path.name)
    assert offenders == []


def test_committee_list_orders_working_committee_numbered_then_unnumbered(client):
    data = small_association()
    tourism = builders.committee(slug="tourism", number=5, name_en="Tourism")
    builders.committee(slug="agriculture", number=9, name_en="Agriculture")
    builders.committee(slug="women-children", number=None, name_en="Women and Children")
    builders.membership(committee=tourism, region=data["ningxia"], role="co_coordinator")
    builders.membership(committee=tourism, region=data["heilongjiang"], role="coordinator")

    response = client.get("/en/committees/")

    names = [committee.slug for committee in response.context_data["current"]]
    assert names == ["working-committee", "tourism", "agriculture", "women-children"]
    tourism_row = response.context_data["current"][1]
    assert [seat.role for seat in tourism_row.coordinators] == ["coordinator", "co_coordinator"]


def test_root_leads_back_to_the_language_last_read(client):
    small_association()
    client.get("/mn/members/")

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ko")

    assert response["Location"] == "/mn/"


def test_language_cookie_is_set_only_when_the_language_changes(client):
    small_association()

    first = client.get("/ja/members/")
    second = client.get("/ja/members/china/")

    assert first.cookies["django_language"].value == "ja"
    assert "django_language" not in second.cookies


def test_sitemap_index_lists_each_section_in_pages(client, monkeypatch):
    from association.sitemaps import RegionSitemap

    small_association()
    monkeypatch.setattr(RegionSitemap, "limit", 2)

    index = client.get("/sitemap.xml").content.decode()
    first = client.get("/sitemap-regions.xml").content.decode()
    second = client.get("/sitemap-regions.xml?p=2").content.decode()

    assert "<loc>http://testserver/sitemap-regions.xml?p=2</loc>" in index
    assert "sitemap-regions.xml?p=3" not in index
    assert "<loc>http://testserver/sitemap-assemblies.xml</loc>" in index
    regions = ["gyeongsangbuk", "heilongjiang", "ningxia"]
    assert [slug for slug in regions if f"/{slug}/</loc>" in first] == regions[:2]
    assert [slug for slug in regions if f"/{slug}/</loc>" in second] == regions[2:]
    assert client.get("/sitemap-regions.xml?p=3").status_code == 404


def test_sitemap_gives_each_language_its_own_address(client):
    small_association()

    xml = client.get("/sitemap-regions.xml").content.decode()

    for code in ["en", "ko", "ru"]:
        assert f"<loc>http://testserver/{code}/members/china/heilongjiang/</loc>" in xml
    assert "/ja/members/china/heilongjiang/" not in xml  # no Japanese name yet


def test_members_list_is_paginated_and_keeps_the_status_filter(client, monkeypatch):
    from members.views import CountryListView

    data = small_association()
    for number in range(3):
        builders.region(
            country=data["china"],
            status="observer",
            slug=f"observer-{number}",
            name_en=f"Obs {number}",
        )
    monkeypatch.setattr(CountryListView, "paginate_by", 2)

    first = client.get("/en/members/?status=observers").content.decode()
    second = client.get("/en/members/?status=observers&page=2").content.decode()

    assert "3 regions in this list" in first
    assert 'href="?status=observers&amp;page=2" rel="next"' in first
    assert "Page 1 of 2" in first
    assert "Obs 0" in first and "Obs 1" in first and "Obs 2" not in first
    assert "Obs 2" in second and "Obs 0" not in second
    assert 'href="?status=observers" rel="prev"' in second
    # The count beside the country is its whole list, not this page's share.
    assert '<span class="count">3</span>' in second


@pytest.mark.parametrize(
    ("view_path", "url", "make"),
    [
        ("association.views.GeneralAssemblyListView", "/en/assemblies/", "assembly"),
        ("association.views.CommitteeListView", "/en/committees/", "committee"),
    ],
)
def test_long_lists_are_paginated(client, monkeypatch, view_path, url, make):
    from django.utils.module_loading import import_string

    small_association()
    for _ in range(4):
        getattr(builders, make)()
    monkeypatch.setattr(import_string(view_path), "paginate_by", 2)

    html = client.get(url).content.decode()
    last = client.get(f"{url}?page=3").content.decode()

    assert "Page 1 of 3" in html
    assert 'href="?page=2" rel="next"' in html
    assert "Page 3 of 3" in last
    assert 'rel="next"' not in last
    assert client.get(f"{url}?page=9").status_code == 404


def test_committee_list_puts_former_committees_after_current_ones(client):
    small_association()
    builders.committee(name_en="Old Fisheries", established_year=1998, dissolved_year=2004)
    builders.committee(name_en="Energy")

    html = client.get("/en/committees/").content.decode()

    assert html.index("Energy") < html.index("Former subcommittees") < html.index("Old Fisheries")


def test_country_page_is_paginated_with_each_pages_history_and_contacts(client, monkeypatch):
    import members.views

    small_association()
    monkeypatch.setattr(members.views, "COUNTRY_REGIONS_PER_PAGE", 1)

    first = client.get("/en/members/china/").content.decode()
    second = client.get("/en/members/china/?page=2").content.decode()

    assert "Heilongjiang Province" in first and "Ningxia" not in first
    assert "+86 451 5363 1091" in first
    assert 'href="?page=2" rel="next"' in first
    assert "Ningxia Hui Autonomous Region joined the Association" in second
    assert "Heilongjiang" not in second and "+86 451 5363 1091" not in second
    # The members' count is the country's, on every page.
    assert '<span class="count">2</span>' in first and '<span class="count">2</span>' in second
    assert client.get("/en/members/china/?page=3").status_code == 404
    assert client.get("/en/members/china/?page=x").status_code == 404


def test_choice_labels_follow_the_language(client):
    from association.models import CommitteeMembership
    from members.models import Region

    region = Region(kind=Region.Kind.OBLAST, status=Region.Status.OBSERVER)
    seat = CommitteeMembership(role=CommitteeMembership.Role.COORDINATOR)
    with translation.override("ko"):
        assert region.get_kind_display() == "주"
        assert region.get_status_display() == "옵서버"
        assert seat.get_role_display() == "간사 지역"
    region.kind = "unknown"
    assert region.get_kind_display() == "unknown"


def test_photos_show_caption_and_text_alternative_in_the_pages_language(
    client, django_assert_num_queries
):
    data = small_association()
    builders.photo(
        region=data["heilongjiang"],
        alt_text_en="Harbin in winter",
        alt_text_ja="冬のハルビン",
        caption_en="The ice festival",
        caption_ja="氷祭り",
        credit="Heilongjiang Province",
    )
    builders.photo(region=data["heilongjiang"], alt_text_en="Songhua River", caption_en="The river")
    client.get("/ja/members/china/heilongjiang/")

    with django_assert_num_queries(8):
        html = client.get("/ja/members/china/heilongjiang/").content.decode()

    assert 'alt="冬のハルビン"' in html
    assert '<figcaption>氷祭り <small class="photo-credit">© Heilongjiang Province</small>' in html
    # Not translated: English, marked as such.
    assert 'alt="Songhua River"' in html
    assert '<span lang="en">The river</span>' in html
    assert "Harbin in winter" not in html


def test_sitemap_index_counts_every_section_in_one_query(client, django_assert_num_queries):
    small_association()

    with django_assert_num_queries(1):
        index = client.get("/sitemap.xml").content.decode()

    for section in ("regions", "countries", "assemblies", "committees", "pages", "sections"):
        assert f"<loc>http://testserver/sitemap-{section}.xml</loc>" in index
