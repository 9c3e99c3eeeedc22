"""Dates in each language's own CLDR form (association.dates), as pages show them."""

import datetime

import pytest
from django.utils import translation

from association import dates

START = datetime.date(1996, 9, 11)
END = datetime.date(1996, 9, 14)
NEXT_MONTH = datetime.date(1996, 10, 2)

# language: (long date, month and year, a range in one month, a range over two months)
EXPECTED = {
    "en": (
        "September 11, 1996",
        "September 1996",
        "September 11–14, 1996",
        "September 11, 1996 – October 2, 1996",
    ),
    "ko": (
        "1996년 9월 11일",
        "1996년 9월",
        "1996년 9월 11일~14일",
        "1996년 9월 11일 – 1996년 10월 2일",
    ),
    "ja": ("1996年9月11日", "1996年9月", "1996年9月11日～14日", "1996年9月11日 – 1996年10月2日"),
    "zh-hans": (
        "1996年9月11日",
        "1996年9月",
        "1996年9月11日\u2009–\u200914日",
        "1996年9月11日 – 1996年10月2日",
    ),
    "ru": (
        "11 сентября 1996\u202fг.",
        "сентябрь 1996\u202fг.",
        "11–14 сентября 1996\u202fг.",
        "11 сентября 1996\u202fг. – 2 октября 1996\u202fг.",
    ),
    "mn": (
        "1996\u202fоны есдүгээр сарын 11",
        "1996\u202fоны есдүгээр сар",
        "1996\u202fоны есдүгээр сарын 11–14",
        "1996\u202fоны есдүгээр сарын 11 – 1996\u202fоны аравдугаар сарын 2",
    ),
}


@pytest.mark.parametrize("language", EXPECTED)
def test_dates_take_the_active_languages_form(language):
    long, month, one_month, two_months = EXPECTED[language]

    with translation.override(language):
        assert dates.long_date(START) == long
        assert dates.month_year(START) == month
        assert dates.date_range(START, END) == one_month
        assert dates.date_range(START, NEXT_MONTH) == two_months


@pytest.mark.parametrize("language", EXPECTED)
def test_a_range_without_its_own_end_is_its_first_day(language):
    with translation.override(language):
        assert dates.date_range(START, None) == dates.date_range(START, START)
        assert dates.date_range(START, START) == EXPECTED[language][0]


def test_a_language_given_outright_wins_over_the_active_one():
    with translation.override("en"):
        assert dates.long_date(START, "ja") == EXPECTED["ja"][0]
        assert dates.date_range(START, END, "ru") == EXPECTED["ru"][2]


def test_no_date_gives_no_text():
    assert dates.long_date(None) == dates.month_year(None) == dates.date_range(None, END) == ""
