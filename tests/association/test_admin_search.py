"""Admin search finds a record from its name in any language, whatever the case or script."""

import pytest
from django.urls import reverse

from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def heilongjiang():
    builders.region(
        slug="henan", name_en="Henan Province", native_name="河南省", name_ru="Провинция Хэнань"
    )
    return builders.region(
        slug="heilongjiang",
        native_name="黑龙江省",
        name_en="Heilongjiang Province",
        name_ko="헤이룽장성",
        name_ja="黒竜江省",
        name_zh_hans="黑龙江省",
        name_ru="Провинция Хэйлунцзян",
        name_mn="Хэйлунцзян муж",
    )


@pytest.mark.parametrize(
    "query",
    [
        "黑龙江",
        "Хэйлунцзян",
        "хэйлунцзян",
        "ХЭЙЛУНЦЗЯН",
        "헤이룽장",
        "heilongjiang",
        "HEILONGJIANG",
        "黒竜江",
        "хэйлунцзян муж",
    ],
)
def test_region_search_finds_heilongjiang_in_every_language(admin_client, heilongjiang, query):
    response = admin_client.get(reverse("admin:members_region_changelist"), {"q": query})

    assert [region.slug for region in response.context["cl"].result_list] == ["heilongjiang"]


def test_region_search_with_no_match_lists_nothing(admin_client, heilongjiang):
    response = admin_client.get(reverse("admin:members_region_changelist"), {"q": "Хабаровск"})

    assert list(response.context["cl"].result_list) == []


def test_assembly_search_finds_by_host_region_in_russian(admin_client, heilongjiang):
    builders.assembly(
        number=5, year=2004, host_region=heilongjiang, city_en="Harbin", city_ru="Харбин"
    )

    response = admin_client.get(
        reverse("admin:association_generalassembly_changelist"), {"q": "харбин"}
    )

    assert [assembly.number for assembly in response.context["cl"].result_list] == [5]


def test_search_with_like_wildcards_matches_them_literally(admin_client, heilongjiang):
    response = admin_client.get(reverse("admin:members_region_changelist"), {"q": "%_"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize("term", ["5", "5th", "제5차", "第5回", "2004"])
def test_assembly_autocomplete_finds_an_assembly_by_number_or_year(admin_client, term):
    fifth = builders.assembly(number=5, year=2004, city_en="Harbin")
    builders.assembly(number=6, year=2006, city_en="Toyama")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "members",
            "model_name": "membershipevent",
            "field_name": "general_assembly",
        },
    )

    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [str(fifth.pk)]
