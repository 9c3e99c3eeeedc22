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


@pytest.mark.parametrize(
    ("language", "annual_meeting", "general_assembly", "meeting"),
    [
        ("en", "at the 3rd Annual Meeting", "at the 14th General Assembly", "at the 6th meeting"),
        ("ko", "제3차 연차총회에서", "제14차 총회에서", "제6차 회의에서"),
        ("ja", "第3回年次総会で", "第14回総会で", "第6回会議で"),
        ("zh-hans", "在第三届年会上", "在第十四届全体会议上", "在第六次会议上"),
        (
            "ru",
            "на 3-м Ежегодном совещании",
            "на 14-й Генеральной ассамблее",
            "на 6-м заседании",
        ),
        (
            "mn",
            "3 дугаар Жилийн хурлын үеэр",
            "14 дүгээр Ерөнхий ассамблейн үеэр",
            "6 дугаар хурлын үеэр",
        ),
    ],
)
def test_numbered_at_in_each_language(language, annual_meeting, general_assembly, meeting):
    assert ordinals.numbered_at(ordinals.ANNUAL_MEETING, 3, language) == annual_meeting
    assert ordinals.numbered_at(ordinals.GENERAL_ASSEMBLY, 14, language) == general_assembly
    assert ordinals.numbered_at(ordinals.MEETING, 6, language) == meeting


def test_numbered_at_follows_the_active_language():
    with translation.override("ko"):
        assert ordinals.numbered_at(ordinals.ANNUAL_MEETING, 3) == "제3차 연차총회에서"


def test_numbered_at_in_mongolian_follows_vowel_harmony():
    assert ordinals.numbered_at(ordinals.MEETING, 4, "mn") == "4 дүгээр хурлын үеэр"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "at the 3rd Annual Meeting (Hyogo Prefecture, 2000)"),
        ("ko", "제3차 연차총회(효고현, 2000)에서"),
        ("ja", "第3回年次総会（兵庫県、2000）で"),
        ("zh-hans", "在第三届年会（兵库县，2000）上"),
        ("ru", "на 3-м Ежегодном совещании (Префектура Хёго, 2000)"),
        ("mn", "3 дугаар Жилийн хурлын үеэр (Хёого муж, 2000)"),
    ],
)
def test_numbered_at_places_the_aside_where_each_language_wants_it(language, expected):
    host = {
        "en": "Hyogo Prefecture",
        "ko": "효고현",
        "ja": "兵庫県",
        "zh-hans": "兵库县",
        "ru": "Префектура Хёго",
        "mn": "Хёого муж",
    }[language]

    assert ordinals.numbered_at(ordinals.ANNUAL_MEETING, 3, language, [host, 2000]) == expected


def test_numbered_at_leaves_out_empty_aside_items():
    assert ordinals.numbered_at(ordinals.ANNUAL_MEETING, 3, "en", [None, 2000]) == (
        "at the 3rd Annual Meeting (2000)"
    )


def test_numbered_at_escapes_the_aside():
    assert ordinals.numbered_at(ordinals.MEETING, 1, "en", ["<b>Host</b>"]) == (
        "at the 1st meeting (&lt;b&gt;Host&lt;/b&gt;)"
    )


@pytest.mark.parametrize(
    ("language", "committee", "expected"),
    [
        ("en", "Working Committee", "at the 14th meeting of the Working Committee"),
        ("ko", "실무위원회", "실무위원회 제14차 회의에서"),
        ("ja", "実務委員会", "実務委員会第14回会議で"),
        ("zh-hans", "工作委员会", "在工作委员会第十四次会议上"),
        ("ru", "Рабочий комитет", "на 14-м заседании (Рабочий комитет)"),
        ("mn", "Ажлын хороо", "14 дүгээр хурлын үеэр (Ажлын хороо)"),
    ],
)
def test_committee_meeting_at_in_each_language(language, committee, expected):
    assert ordinals.committee_meeting_at(14, committee, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "at the 14th meeting of the Working Committee (Liaoning Province, 2024)"),
        ("ru", "на 14-м заседании (Working Committee, Liaoning Province, 2024)"),
    ],
)
def test_committee_meeting_at_with_an_aside(language, expected):
    aside = ["Liaoning Province", 2024]

    assert ordinals.committee_meeting_at(14, "Working Committee", language, aside) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "at the meeting of the Environment Subcommittee"),
        ("ko", "Environment Subcommittee 회의에서"),
        ("ru", "на заседании (Environment Subcommittee)"),
    ],
)
def test_committee_meeting_at_without_a_number(language, expected):
    assert ordinals.committee_meeting_at(None, "Environment Subcommittee", language) == expected


def test_committee_meeting_at_escapes_the_committee_name():
    assert ordinals.committee_meeting_at(2, "R&D <Group>", "en") == (
        "at the 2nd meeting of the R&amp;D &lt;Group&gt;"
    )


@pytest.mark.django_db
def test_committee_meeting_at_takes_the_committee_name_in_the_active_language():
    committee = builders.committee(name_en="Working Committee", name_ja="実務委員会")

    with translation.override("ja"):
        assert ordinals.committee_meeting_at(14, committee.name) == "実務委員会第14回会議で"
