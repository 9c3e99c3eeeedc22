"""The translation status board: counts, filters, "my work", links, and a fixed query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from association import translation_state
from association.languages import language_codes
from association.models import Committee, Page
from members.models import Contact, Country, Region
from tests import builders
from tests.association.test_translators import change_url

pytestmark = pytest.mark.django_db

BOARD = reverse("admin:translation_board")


@pytest.fixture
def fixture():
    """A hand-counted set: what is missing, stale or done in Russian and Korean.

    Russian: korea done; gyeongbuk done (name; no description); heilongjiang stale;
             contact missing; committee missing; page done.      -> 3 done, 1 stale, 2 missing
    Korean:  korea done; gyeongbuk done; heilongjiang missing; contact done;
             committee done; page missing.                       -> 4 done, 0 stale, 2 missing
    Other languages: only korea (name_ja) done in Japanese; the rest missing.
    """
    korea = builders.country(
        code="KR", name_en="Korea", name_ru="Корея", name_ko="한국", name_ja="韓国"
    )
    china = builders.country(code="CN", name_en="China", name_ru="Китай", name_ko="중국")
    Country.objects.filter(pk=china.pk).delete()  # keep the hand count small
    gyeongbuk = builders.region(
        country=korea, name_en="Gyeongbuk", name_ru="Кёнсан-Пукто", name_ko="경상북도"
    )
    heilongjiang = builders.region(
        country=korea, name_en="Heilongjiang Province", name_ru="Провинция Хэйлунцзян"
    )
    translation_state.record_translation(heilongjiang, "name", "ru", source_text="Heilongjiang")
    contact = builders.contact(region=gyeongbuk, office_en="International Affairs")
    Contact.objects.filter(pk=contact.pk).update(office_ko="국제협력과")
    builders.committee(name_en="Tourism", name_ko="관광")
    builders.page(title_en="About", body_en="", title_ru="О нас")
    # No English text to translate: left off the board.
    builders.event(region=gyeongbuk)
    return {"korea": korea, "gyeongbuk": gyeongbuk, "heilongjiang": heilongjiang}


def _totals(response, language):
    for code, _name, counts in response.context["language_totals"]:
        if code == language:
            return dict(counts)
    raise AssertionError(language)


def _model_totals(response):
    return {str(name): dict(counts) for name, counts in response.context["model_totals"]}


def test_board_counts_match_the_hand_count(admin_client, fixture):
    response = admin_client.get(BOARD)

    assert response.status_code == 200
    assert response.context["row_count"] == 6
    assert _totals(response, "ru") == {"missing": 2, "stale": 1, "done": 3}
    assert _totals(response, "ko") == {"missing": 2, "stale": 0, "done": 4}
    assert _totals(response, "ja") == {"missing": 5, "stale": 0, "done": 1}
    assert _model_totals(response)["regions"] == {"missing": 7, "stale": 1, "done": 2}
    assert _model_totals(response)["countries"] == {"missing": 2, "stale": 0, "done": 3}
    assert "membership events" not in _model_totals(response)


def test_filters_by_language_model_state_and_country(admin_client, fixture):
    stale_ru = admin_client.get(BOARD, {"language": "ru", "state": "stale"})
    assert [(row.model, row.pk) for row, _links in stale_ru.context["page_rows"]] == [
        (Region, fixture["heilongjiang"].pk)
    ]
    assert [code for code, _name in stale_ru.context["languages"]] == ["ru"]

    regions = admin_client.get(BOARD, {"model": "members.region"})
    assert regions.context["row_count"] == 2

    # Filtering by country leaves out what has no country (committees, pages).
    korea = admin_client.get(BOARD, {"country": "KR", "language": "ko"})
    models = {row.model for row, _links in korea.context["page_rows"]}
    assert models == {Country, Region, Contact}
    assert Committee not in models and Page not in models

    unknown = admin_client.get(BOARD, {"language": "xx", "state": "bogus", "country": "ZZ"})
    assert unknown.status_code == 200
    assert unknown.context["row_count"] == 6


def test_my_work_shows_a_russian_translator_exactly_what_is_missing_or_stale(client, fixture):
    client.force_login(builders.translator("ru"))

    response = client.get(BOARD, {"mine": "1"})

    assert response.status_code == 200
    assert [code for code, _name in response.context["languages"]] == ["ru"]
    cells = {
        (row.model, row.pk, code): state
        for row, links in response.context["page_rows"]
        for code, state, _url in links
    }
    expected = {
        (Region, fixture["heilongjiang"].pk, "ru"): "stale",
        (Contact, Contact.objects.get().pk, "ru"): "missing",
        (Committee, Committee.objects.get().pk, "ru"): "missing",
    }
    assert cells == expected
    assert _totals(response, "ru") == {"missing": 2, "stale": 1, "done": 0}


def test_each_cell_links_to_the_records_tab_in_its_language(admin_client, fixture):
    response = admin_client.get(BOARD, {"model": "members.region", "language": "ru"})

    links = {row.pk: links for row, links in response.context["page_rows"]}
    (code, state, url) = links[fixture["heilongjiang"].pk][0]
    assert (code, state) == ("ru", "stale")
    assert url == change_url(fixture["heilongjiang"]) + "?language=ru"
    assert f'href="{url}"' in response.content.decode()


def test_translator_fills_in_a_missing_cell_and_it_is_done(client, fixture):
    translator = builders.translator("ru")
    client.force_login(translator)
    contact = Contact.objects.get()
    url = change_url(contact) + "?language=ru"

    response = client.post(url, {"office_ru": "Отдел международных связей", "address_ru": ""})

    assert response.status_code == 302
    board = client.get(BOARD, {"mine": "1"})
    assert _totals(board, "ru") == {"missing": 1, "stale": 1, "done": 0}


def _grow(count):
    country = Country.objects.get(code="KR")
    for n in range(count):
        region = builders.region(country=country, name_en=f"Region {n}", name_ru=f"Регион {n}")
        builders.contact(region=region, office_ru="Отдел")
        builders.activity(region=region, title_en=f"Forum {n}")
        builders.photo(region=region)
        builders.document(region=region)
        builders.meeting(host_region=region, title_en=f"Meeting {n}")
        builders.assembly(host_region=region, theme_en=f"Theme {n}")
        builders.page(title_en=f"Page {n}")
        translation_state.record_filled(region)


def _count_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(BOARD, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"mine": "1"}, {"country": "KR", "state": "missing"}])
def test_board_runs_a_fixed_number_of_queries(client, fixture, params):
    client.force_login(builders.translator("ru"))
    _grow(2)
    small = _count_queries(client, params)

    _grow(30)
    large = _count_queries(client, params)

    assert small == large
    # Session, user, permissions, countries, digests, and one per translated model.
    assert large <= 6 + len(translation_state.translatable_models())


@pytest.mark.parametrize("language", language_codes())
def test_board_reads_in_every_admin_language(admin_client, fixture, language):
    admin_client.get(reverse("admin:index"))
    response = admin_client.get(BOARD, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{language}"' in content
    if language != "en":
        for english in ["Translation status", "Totals per language", "My work", "All countries"]:
            assert english not in content, english


def test_board_is_linked_from_every_admin_page(admin_client, client):
    assert f'href="{BOARD}"' in admin_client.get(reverse("admin:index")).content.decode()
    client.force_login(builders.translator("ru"))
    assert f'href="{BOARD}"' in client.get(reverse("admin:index")).content.decode()


def test_board_is_refused_to_staff_who_see_no_content(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("clerk", is_staff=True))

    assert client.get(BOARD).status_code == 403
    assert f'href="{BOARD}"' not in client.get(reverse("admin:index")).content.decode()


def test_board_paginates_rows(admin_client, fixture):
    _grow(30)

    first = admin_client.get(BOARD)
    second = admin_client.get(BOARD, {"page": "2"})

    assert len(first.context["page_rows"]) == 50
    assert first.context["page_obj"].paginator.count == first.context["row_count"]
    assert second.context["page_rows"][0][0].pk != first.context["page_rows"][0][0].pk


def test_board_and_refusal_pages_are_valid_html(admin_client, client, fixture):
    import html5lib

    pages = [admin_client.get(BOARD, {"mine": "1"}), admin_client.get(BOARD)]
    client.force_login(builders.translator("ru"))
    pages.append(client.get(reverse("admin:members_region_add")))
    assert pages[-1].status_code == 403
    for response in pages:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        parser.parse(response.content.decode())
        assert parser.errors == []
