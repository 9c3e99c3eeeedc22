"""The public search: one box over all public content, in every language and script."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from association.counting import count_in_one_query
from association.models import Page
from association.search import normalize_query, search_site, search_terms
from tests import builders

pytestmark = pytest.mark.django_db

GROUP_KEYS = ["regions", "countries", "assemblies", "committees", "meetings", "pages"]


@pytest.fixture
def china():
    return builders.country(
        code="CN",
        slug="china",
        name_en="China",
        name_ru="Китай",
        native_name="中国",
        native_language="zh-Hans",
    )


@pytest.fixture
def heilongjiang(china):
    builders.region(
        country=china,
        slug="henan",
        name_en="Henan Province",
        native_name="河南省",
        name_ru="Провинция Хэнань",
    )
    return builders.region(
        country=china,
        slug="heilongjiang",
        native_name="黑龙江省",
        name_en="Heilongjiang Province",
        name_ko="헤이룽장성",
        name_ja="黒竜江省",
        name_zh_hans="黑龙江省",
        name_ru="Провинция Хэйлунцзян",
        name_mn="Хэйлунцзян муж",
    )


@pytest.fixture
def amur_regions(china):
    """25 published regions named Amur: three pages of ten."""
    return [
        builders.region(country=china, slug=f"amur-{n:02}", name_en=f"Amur {n}") for n in range(25)
    ]


def _search(client, query, language="en", **params):
    with translation.override(language):
        url = reverse("association:search")
    return client.get(url, {"q": query, **params})


def _group(response, key):
    return next(group for group in response.context_data["groups"] if group.key == key)


def _keys(response):
    return [group.key for group in response.context_data["groups"]]


def _region_slugs(response):
    if "regions" not in _keys(response):
        return []
    return [region.slug for region in _group(response, "regions").page]


# --- search_site ---------------------------------------------------------------------------


def test_search_site_returns_every_type_in_order_without_querying(django_assert_num_queries):
    with django_assert_num_queries(0):
        groups = search_site("Harbin")

    assert list(groups) == GROUP_KEYS


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "\x00", "\u200b", None])
def test_search_site_with_no_words_returns_no_groups(query):
    assert search_site(query) == {}


def test_search_site_selects_what_the_results_show():
    groups = search_site("Harbin")

    assert {key: groups[key].query.select_related for key in GROUP_KEYS} == {
        "regions": {"country": {}},
        "countries": False,
        "assemblies": {"host_region": {}},
        "committees": False,
        "meetings": {"committee": {}, "host_region": {}},
        "pages": False,
    }


def test_search_site_finds_meeting_by_two_character_chinese_word():
    meeting = builders.meeting(year=2019, summary_zh_hans="工作委员会会议在哈尔滨举行。")
    builders.meeting(year=2020, summary_zh_hans="工作委员会在哈尔滨举行。")

    assert list(search_site("会议")["meetings"]) == [meeting]


def test_search_site_finds_committee_by_russian_description_in_any_case():
    committee = builders.committee(description_ru="Подкомитет по ТУРИЗМУ")
    builders.committee(description_ru="Подкомитет по энергетике")

    assert list(search_site("туризму")["committees"]) == [committee]


def test_search_site_finds_country_by_official_name_in_mongolian():
    mongolia = builders.country(slug="mongolia", name_en="Mongolia", official_name_mn="Монгол Улс")

    assert list(search_site("монгол улс")["countries"]) == [mongolia]


def test_count_in_one_query_counts_every_group_in_one_query(
    heilongjiang, django_assert_num_queries
):
    builders.page(title_en="Heilongjiang trade fair")
    groups = search_site("heilongjiang")

    with django_assert_num_queries(1):
        counts = count_in_one_query(groups)

    assert counts == {
        "regions": 1,
        "countries": 0,
        "assemblies": 0,
        "committees": 0,
        "meetings": 0,
        "pages": 1,
    }


def test_count_in_one_query_with_a_group_that_cannot_match_counts_zero(heilongjiang):
    groups = {
        "none": Page.objects.filter(pk__in=[]),
        "regions": search_site("heilongjiang")["regions"],
    }

    assert count_in_one_query(groups) == {"none": 0, "regions": 1}


# --- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ＨＥＩＬＯＮＧＪＩＡＮＧ", "HEILONGJIANG"),
        ("黑龙江\u3000省", "黑龙江 省"),
        ("\u1112\u1166\u110b\u1175", "헤이"),
        ("  Amur\t\nkrai  ", "Amur krai"),
        ("Heilong\x00jiang", "Heilongjiang"),
        ("\u202eHarbin\u200b", "Harbin"),
        ("a" * 100_000, "a" * 200),
    ],
)
def test_normalize_query_gives_the_searched_text(query, expected):
    assert normalize_query(query) == expected


def test_search_terms_keeps_the_first_eight_distinct_words():
    assert search_terms("a b a c d e f g h i j") == ["a", "b", "c", "d", "e", "f", "g", "h"]


# --- matching in every script --------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "heilongjiang",
        "HEILONGJIANG",
        "Хэйлунцзян",
        "хэйлунцзян",
        "ХЭЙЛУНЦЗЯН",
        "헤이룽장",
        "黑龙江",
        "黒竜江",
        "ＨＥＩＬＯＮＧＪＩＡＮＧ",
    ],
)
def test_search_finds_region_in_every_script_and_case(client, heilongjiang, query):
    response = _search(client, query)

    assert _region_slugs(response) == ["heilongjiang"]


def test_search_finds_region_by_slug(client, heilongjiang):
    assert _region_slugs(_search(client, "henan")) == ["henan"]


def test_search_with_two_words_finds_region_having_both(client, heilongjiang):
    response = _search(client, "Province 黑龙江")

    assert _region_slugs(response) == ["heilongjiang"]


def test_search_with_two_words_in_different_regions_finds_nothing(client, heilongjiang):
    response = _search(client, "Heilongjiang Хэнань")

    assert _keys(response) == []


def test_search_with_one_word_shared_finds_every_region_having_it(client, heilongjiang):
    assert _region_slugs(_search(client, "провинция")) == ["heilongjiang", "henan"]


def test_search_finds_assembly_by_two_character_korean_word(client):
    builders.assembly(number=14, year=2012, summary_ko="제14차 총회는 경상북도에서 열렸다.")
    builders.assembly(number=13, year=2010, summary_ko="닝샤에서 열렸다.")

    response = _search(client, "총회", language="ko")

    assert [assembly.number for assembly in _group(response, "assemblies").page] == [14]
    assert "제14차 총회" in response.content.decode()


def test_search_finds_assembly_by_two_character_chinese_word(client):
    builders.assembly(number=10, year=2014, summary_zh_hans="第十届全体会议在宁夏举行。")
    builders.assembly(number=11, year=2016, summary_zh_hans="在中国举行。")

    response = _search(client, "会议", language="zh-hans")

    assert [assembly.number for assembly in _group(response, "assemblies").page] == [10]


def test_search_finds_assembly_by_russian_city_in_lower_case(client, heilongjiang):
    builders.assembly(number=5, year=2004, host_region=heilongjiang, city_ru="Харбин")

    response = _search(client, "харбин")

    assert [assembly.number for assembly in _group(response, "assemblies").page] == [5]


def test_search_finds_page_by_body_in_japanese(client):
    page = builders.page(slug="charter", body_ja="北東アジア地域自治体連合の憲章")

    response = _search(client, "憲章")

    assert list(_group(response, "pages").page) == [page]


# --- only published content ----------------------------------------------------------------


def test_search_never_shows_drafts(client, china):
    builders.region(country=china, slug="harbin-draft", name_en="Harbin", is_published=False)
    builders.assembly(number=30, city_en="Harbin", is_published=False)
    builders.committee(name_en="Harbin committee", is_published=False)
    builders.meeting(city_en="Harbin", is_published=False)
    hidden_committee = builders.committee(name_en="Hidden", is_published=False)
    builders.meeting(committee=hidden_committee, city_en="Harbin")
    builders.page(title_en="Harbin draft", is_published=False)
    published = builders.page(slug="harbin", title_en="Harbin")

    response = _search(client, "harbin")

    assert _keys(response) == ["pages"]
    assert list(_group(response, "pages").page) == [published]


# --- the page ------------------------------------------------------------------------------


def test_search_page_without_query_shows_the_form_only(client):
    response = _search(client, "")

    assert response.status_code == 200
    assert response.context_data["groups"] == []
    assert '<label for="search-q">' in response.content.decode()
    assert "No results" not in response.content.decode()


def test_search_page_shows_region_native_name_country_and_link(client, heilongjiang):
    response = _search(client, "黑龙江")
    content = response.content.decode()

    assert '<span lang="zh-Hans">黑龙江省</span>' in content
    assert '<span class="muted">· China</span>' in content
    assert f'<a href="{heilongjiang.get_absolute_url()}">Heilongjiang Province</a>' in content


def test_search_page_shows_assembly_name_and_year(client):
    builders.assembly(number=14, year=2012, city_en="Gyeongju", theme_en="Green growth")

    content = _search(client, "green growth").content.decode()

    assert "14th General Assembly</a>" in content
    assert "· 2012 · Gyeongju" in content


def test_search_page_counts_each_group(client, heilongjiang, amur_regions):
    builders.page(title_en="Amur river cooperation")

    response = _search(client, "amur")

    assert [(group.key, group.count) for group in response.context_data["groups"]] == [
        ("regions", 25),
        ("pages", 1),
    ]
    assert response.context_data["result_count"] == 26
    assert '<span class="count">25</span>' in response.content.decode()


def test_search_page_with_no_match_says_so(client, heilongjiang):
    response = _search(client, "Хабаровск")

    assert response.context_data["groups"] == []
    assert "No results for “Хабаровск”." in response.content.decode()


def test_search_page_is_not_indexed(client, heilongjiang):
    assert _search(client, "heilongjiang")["X-Robots-Tag"] == "noindex"


# --- hostile queries -----------------------------------------------------------------------


def test_search_with_huge_query_is_cut_before_it_reaches_the_database(client, heilongjiang):
    with CaptureQueriesContext(connection) as queries:
        response = _search(client, "黑" * 100_000)

    assert response.status_code == 200
    assert response.context_data["query"] == "黑" * 200
    assert all("黑" * 201 not in query["sql"] for query in queries.captured_queries)


@pytest.mark.parametrize(
    ("query", "expected_slug"),
    [
        ("%", "percent"),
        ("_", "underscore"),
        ("\\", "backslash"),
        ("'", "apostrophe"),
        ("🤝", "emoji"),
    ],
)
def test_search_matches_special_characters_literally(client, query, expected_slug):
    builders.page(slug="percent", title_en="100% renewable")
    builders.page(slug="underscore", title_en="snake_case")
    builders.page(slug="backslash", title_en="C:\\NEAR")
    builders.page(slug="apostrophe", title_en="Association's charter")
    builders.page(slug="emoji", title_en="NEAR 🤝 Pohang")
    builders.page(slug="plain", title_en="Plain words")

    response = _search(client, query)

    assert response.status_code == 200
    assert [page.slug for page in _group(response, "pages").page] == [expected_slug]


@pytest.mark.parametrize(
    "query", ["\x00", "\x00\x01\x1f", "%_", "\\%", "🏯", "'; DROP TABLE x; --"]
)
def test_search_with_hostile_query_finds_nothing(client, heilongjiang, query):
    response = _search(client, query)

    assert response.status_code == 200
    assert response.context_data["groups"] == []


def test_search_with_null_byte_inside_word_ignores_it(client, heilongjiang):
    assert _region_slugs(_search(client, "Heilong\x00jiang")) == ["heilongjiang"]


def test_search_escapes_script_in_query(client, heilongjiang):
    content = _search(client, "<script>alert(1)</script>").content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)</script>" not in content


def test_search_escapes_quotes_in_query(client, heilongjiang):
    content = _search(client, '"><img src=x onerror=alert(1)>').content.decode()

    assert 'value="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"' in content
    assert "<img src=x" not in content


# --- pagination ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("2", 2),
        ("3", 3),
        ("", 1),
        ("abc", 1),
        ("1.5", 1),
        ("1e3", 1),
        ("-1", 3),
        ("0", 3),
        ("4", 3),
        ("99999999999999999999999999", 3),
        ("9" * 5000, 1),
        ("\x00", 1),
    ],
)
def test_search_with_any_page_number_shows_a_page(client, amur_regions, page, expected):
    response = _search(client, "amur", page_regions=page)

    assert response.status_code == 200
    assert _group(response, "regions").page.number == expected


def test_search_pages_each_group_separately(client, amur_regions):
    for number in range(12):
        builders.assembly(number=number + 1, city_en="Amursk")

    response = _search(client, "amur", page_regions="3")

    assert _group(response, "regions").page.number == 3
    assert [region.slug for region in _group(response, "regions").page] == [
        "amur-20",
        "amur-21",
        "amur-22",
        "amur-23",
        "amur-24",
    ]
    assert _group(response, "assemblies").page.number == 1


def test_search_page_links_keep_the_other_groups_pages(client, amur_regions):
    for number in range(12):
        builders.assembly(number=number + 1, city_en="Amursk")

    response = _search(client, "  amur ", page_regions="2")
    regions, assemblies = response.context_data["groups"]

    assert regions.previous_url == "?q=amur#results-regions"
    assert regions.next_url == "?q=amur&page_regions=3#results-regions"
    assert assemblies.previous_url == ""
    assert assemblies.next_url == "?q=amur&page_regions=2&page_assemblies=2#results-assemblies"
    assert 'href="?q=amur&amp;page_regions=3#results-regions" rel="next"' in (
        response.content.decode()
    )


# --- a fixed number of queries -------------------------------------------------------------


def test_search_with_empty_query_runs_no_query(client, heilongjiang, django_assert_num_queries):
    with django_assert_num_queries(0):
        _search(client, "   ")


def test_search_with_no_match_runs_one_query(client, heilongjiang, django_assert_num_queries):
    with django_assert_num_queries(1):
        _search(client, "Хабаровск")


def test_search_with_one_region_runs_two_queries(
    client, heilongjiang, amur_regions, django_assert_num_queries
):
    with django_assert_num_queries(2):
        response = _search(client, "黑龙江")

    assert _region_slugs(response) == ["heilongjiang"]


def test_search_with_many_results_of_every_type_runs_seven_queries(
    client, china, amur_regions, django_assert_num_queries
):
    builders.country(slug="amuria", name_en="Amuria")
    working = builders.committee(name_en="Amur basin committee", description_en="Amur basin")
    for number in range(12):
        builders.assembly(number=number + 1, city_en="Amursk", host_region=amur_regions[number])
        builders.committee(name_en=f"Amur committee {number}")
        builders.meeting(
            committee=working,
            number=number + 1,
            city_en="Amursk",
            host_region=amur_regions[number],
        )
        builders.page(title_en=f"Amur page {number}")

    with django_assert_num_queries(7):
        response = _search(client, "amur", page_regions="2", page_meetings="2")

    assert [(group.key, group.count) for group in response.context_data["groups"]] == [
        ("regions", 25),
        ("countries", 1),
        ("assemblies", 12),
        ("committees", 13),
        ("meetings", 12),
        ("pages", 12),
    ]


# --- how the search folds case (association/search.py, search_text) -----------------------


@pytest.mark.parametrize(
    ("native_name", "query"),
    [
        ("OSAKA", "osaka"),
        ("Ōsaka", "ōsaka"),
        ("ХАБАРОВСК", "хабаровск"),
        ("Straße", "straße"),
        ("Straße", "STRASSE"),
        ("Hauptstrasse", "hauptstraße"),
        ("ＯＳＡＫＡ", "osaka"),
        ("Osaka", "ＯＳＡＫＡ"),
        ("ǅemal", "ǆemal"),
    ],
)
def test_search_folds_case_in_every_script(client, china, native_name, query):
    region = builders.region(country=china, slug="folded", name_en="X", native_name=native_name)

    assert list(search_site(query)["regions"]) == [region]


@pytest.mark.parametrize("query", ["黑龙江", "헤이룽장", "黒竜江", "ー", "2024", "黑龙江省。"])
def test_search_for_caseless_text_compares_it_as_it_is(client, china, query):
    region = builders.region(
        country=china, slug="caseless", name_en="X", native_name="黑龙江省。헤이룽장 黒竜江ー 2024"
    )

    assert list(search_site(query)["regions"]) == [region]


# --- the search text each record keeps (association.models.Searchable) ---------------------


def _stored_search_text(record):
    return type(record).objects.values_list("search_text", flat=True).get(pk=record.pk)


def test_search_text_holds_every_searched_column_folded(china):
    region = builders.region(
        country=china,
        slug="amur",
        name_en="Amur Oblast",
        name_ru="Амурская область",
        name_ja="",
        native_name="Амурская область",
    )

    lines = _stored_search_text(region).split("\n")

    assert lines == ["амурская область", "amur", "amur oblast", "амурская область"]


def test_search_text_follows_an_edit_at_once(china):
    region = builders.region(country=china, slug="amur", name_en="Amur", name_ru="Амур")

    region.name_ru = "Зейская область"
    region.save()

    assert list(search_site("зейская")["regions"]) == [region]
    assert not search_site("амур")["regions"].exists()


def test_saving_chosen_searched_fields_writes_the_search_text_too(china):
    region = builders.region(country=china, slug="amur", name_en="Amur", name_mn="Амур")

    region.name_mn = "Амар мөрний муж"
    region.save(update_fields=["name_mn"])

    assert "амар мөрний муж" in _stored_search_text(region)


def test_saving_other_fields_neither_reads_nor_writes_the_search_text(china):
    region = builders.region(country=china, slug="amur", name_en="Amur", is_published=False)
    before = _stored_search_text(region)
    loaded = type(region).objects.only("pk", "is_published").get(pk=region.pk)
    loaded.is_published = True

    with CaptureQueriesContext(connection) as queries:
        loaded.save(update_fields=["is_published"])

    statements = " ".join(query["sql"] for query in queries)
    assert '"is_published" = ' in statements
    assert "search_text" not in statements
    assert "name_" not in statements and "native_name" not in statements

    assert _stored_search_text(region) == before
    assert before.endswith("\namur\namur")


def test_a_version_restored_from_before_the_search_text_is_found_again(china):
    import reversion
    from reversion.models import Version

    region = builders.region(country=china, slug="amur", name_en="Amur", name_ko="아무르주")
    with reversion.create_revision():
        reversion.add_to_revision(region)
    region.name_ko = "흑룡강"
    region.save()

    Version.objects.get_for_object(region).get().revert()  # saved raw, past save()

    assert list(search_site("아무르")["regions"]) == [region]
    assert not search_site("흑룡강")["regions"].exists()


@pytest.mark.parametrize(
    ("app_label", "migration"),
    [("members", "0006_search_text"), ("association", "0009_search_text")],
)
def test_migration_fills_the_search_text_of_existing_records(app_label, migration, china):
    import importlib

    from django.apps import apps

    from association.search import search_text_of

    records = [
        builders.region(country=china, name_en="Amur", name_zh_hans="阿穆尔州"),
        china,
        builders.assembly(number=3, city_en="Toyama", theme_ja="環日本海", venue_ru="Тояма"),
        builders.committee(name_en="Disaster Prevention", description_ko="방재 분과위원회"),
        builders.page(title_en="Charter", body_mn="Дүрэм"),
    ]
    records = [r for r in records if r._meta.app_label == app_label]
    for record in records:
        type(record).objects.filter(pk=record.pk).update(search_text="")

    importlib.import_module(f"{app_label}.migrations.{migration}").fill_search_text(apps, None)

    for record in records:
        record.refresh_from_db()
        assert record.search_text == search_text_of(record) != "", record


def test_records_are_loaded_without_their_search_text(china):
    from association.models import Committee, CommitteeMeeting, GeneralAssembly
    from members.models import Country, Region

    builders.region(country=china)
    builders.meeting(committee=builders.committee())
    builders.assembly(number=4)
    builders.page()

    for model in (Region, Country, GeneralAssembly, Committee, CommitteeMeeting, Page):
        assert model.objects.first().get_deferred_fields() == {"search_text"}, model


def test_a_record_loaded_without_its_search_text_saves_a_fresh_one(china):
    from members.models import Region

    region = builders.region(country=china, slug="amur", name_en="Amur")
    loaded = Region.objects.get(pk=region.pk)
    loaded.name_ja = "アムール州"

    loaded.save()

    assert list(search_site("アムール")["regions"]) == [region]


def test_public_pages_never_read_the_search_text_they_do_not_search(client):
    from tests.public_site import small_association

    small_association()
    for url in (
        "/en/members/china/",
        "/en/members/china/heilongjiang/",
        "/ko/committees/",
        "/en/about/about/",
        "/sitemap-regions.xml",
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in queries if "search_text" in q["sql"]], url
