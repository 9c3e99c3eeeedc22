import pytest
from django.utils import translation

from association import ordinals
from tests import builders


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "14th General Assembly"),
        ("ko", "제14차 총회"),
        ("ja", "第14回総会"),
        ("zh-hans", "第十四届全体会议"),
        ("ru", "14-я Генеральная ассамблея"),
        ("mn", "14 дүгээр Ерөнхий ассамблей"),
    ],
)
def test_general_assembly_named_in_each_language(language, expected):
    assert ordinals.numbered(ordinals.GENERAL_ASSEMBLY, 14, language) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (112, "112th"),
    ],
)
def test_english_ordinal(number, expected):
    assert ordinals.english_ordinal(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "一"),
        (10, "十"),
        (14, "十四"),
        (20, "二十"),
        (25, "二十五"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
    ],
)
def test_chinese_numeral(number, expected):
    assert ordinals.chinese_numeral(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "дүгээр"),
        (2, "дугаар"),
        (3, "дугаар"),
        (4, "дүгээр"),
        (9, "дүгээр"),
        (10, "дугаар"),
        (12, "дугаар"),
        (13, "дугаар"),
        (14, "дүгээр"),
        (40, "дүгээр"),
        (90, "дүгээр"),
        (100, "дугаар"),
    ],
)
def test_mongolian_suffix_follows_vowel_harmony(number, expected):
    assert ordinals.mongolian_suffix(number) == expected


def test_annual_meeting_in_russian_is_neuter():
    assert ordinals.numbered(ordinals.ANNUAL_MEETING, 5, "ru") == "5-е Ежегодное совещание"


@pytest.mark.django_db
def test_assembly_name_follows_the_active_language():
    assembly = builders.assembly(number=5, year=2004, historical_name="annual_meeting")

    with translation.override("ko"):
        assert str(assembly) == "제5차 연차총회 (2004)"
    with translation.override("zh-hans"):
        assert assembly.name == "第五届年会"
