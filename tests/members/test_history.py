import datetime

import pytest
from django.utils import translation
from django.utils.safestring import SafeString

from members.history import HistoryLine, _topic_particle, history_sentences
from members.models import MembershipEvent
from tests import builders

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ko", "ja", "zh-hans", "ru", "mn"]


def _names(en, ko, ja, zh_hans, ru, mn):
    return {
        "name_en": en,
        "name_ko": ko,
        "name_ja": ja,
        "name_zh_hans": zh_hans,
        "name_ru": ru,
        "name_mn": mn,
    }


HEILONGJIANG = _names(
    "Heilongjiang Province",
    "헤이룽장성",
    "黒竜江省",
    "黑龙江省",
    "Провинция Хэйлунцзян",
    "Хэйлунцзян муж",
)
GYEONGBUK = _names(
    "Gyeongsangbuk-do",
    "경상북도",
    "慶尚北道",
    "庆尚北道",
    "Провинция Кёнсан-Пукто",
    "Кёнсанбукдо муж",
)
QINGHAI = _names(
    "Qinghai Province", "칭하이성", "青海省", "青海省", "Провинция Цинхай", "Цинхай муж"
)
LIAONING = _names(
    "Liaoning Province", "랴오닝성", "遼寧省", "辽宁省", "Провинция Ляонин", "Ляонин муж"
)
WORKING_COMMITTEE = _names(
    "Working Committee", "실무위원회", "実務委員会", "工作委员会", "Рабочий комитет", "Ажлын хороо"
)
UST_ORDA = _names(
    "Ust-Orda Buryat Autonomous Okrug",
    "우스티오르다 부랴트 자치구",
    "ウスチ・オルダ・ブリヤート自治管区",
    "乌斯季-奥尔登斯基布里亚特自治区",
    "Усть-Ордынский Бурятский автономный округ",
    "Усть-Ордын Буриадын автономит тойрог",
)


def _events(**filters):
    return list(
        MembershipEvent.objects.filter(**filters).select_related(
            "region",
            "general_assembly__host_region",
            "committee_meeting__committee",
            "committee_meeting__host_region",
        )
    )


def _texts(language, **filters):
    return [line.text for line in history_sentences(_events(**filters), language)]


def _founding_heilongjiang():
    host = builders.region(**GYEONGBUK)
    first = builders.assembly(
        number=1, year=1996, historical_name="annual_meeting", host_region=host
    )
    region = builders.region(**HEILONGJIANG)
    builders.event(region=region, kind="founding", year=1996, general_assembly=first)
    return region


def _qinghai_joining_at_working_committee():
    committee = builders.committee(kind=1, slug="working-committee", **WORKING_COMMITTEE)
    host = builders.region(**LIAONING)
    fourteenth = builders.meeting(committee=committee, number=14, year=2024, host_region=host)
    region = builders.region(**QINGHAI)
    builders.event(region=region, kind="joined", year=2024, committee_meeting=fourteenth)
    return region


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Heilongjiang Province was a founding member of the Association "
            "at the 1st Annual Meeting (Gyeongsangbuk-do, 1996).",
        ),
        ("ko", "헤이룽장성은 1996년 제1차 연차총회(경상북도)에서 연합 창립 회원으로 참여했습니다."),
        ("ja", "黒竜江省は1996年、第1回年次総会（慶尚北道）で創設会員として参加しました。"),
        ("zh-hans", "黑龙江省于1996年在第一届年会（庆尚北道）上作为创始会员加入联合会。"),
        (
            "ru",
            "Провинция Хэйлунцзян: участие в основании Ассоциации "
            "на 1-м Ежегодном совещании (Провинция Кёнсан-Пукто, 1996).",
        ),
        (
            "mn",
            "Хэйлунцзян муж 1996 онд 1 дүгээр Жилийн хурлын үеэр (Кёнсанбукдо муж) "
            "Холбоог үүсгэн байгуулагч гишүүн болсон.",
        ),
    ],
)
def test_founding_at_annual_meeting_in_each_language(language, expected):
    region = _founding_heilongjiang()

    assert _texts(language, region=region) == [expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Qinghai Province joined the Association "
            "at the 14th meeting of the Working Committee (Liaoning Province, 2024).",
        ),
        ("ko", "칭하이성은 2024년 실무위원회 제14차 회의(랴오닝성)에서 연합에 가입했습니다."),
        ("ja", "青海省は2024年、実務委員会第14回会議（遼寧省）で連合に加入しました。"),
        ("zh-hans", "青海省于2024年在工作委员会第十四次会议（辽宁省）上加入联合会。"),
        (
            "ru",
            "Провинция Цинхай: вступление в Ассоциацию "
            "на 14-м заседании (Рабочий комитет, Провинция Ляонин, 2024).",
        ),
        (
            "mn",
            "Цинхай муж 2024 онд 14 дүгээр хурлын үеэр (Ажлын хороо, Ляонин муж) Холбоонд элссэн.",
        ),
    ],
)
def test_joined_at_committee_meeting_in_each_language(language, expected):
    region = _qinghai_joining_at_working_committee()

    assert _texts(language, region=region) == [expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Ust-Orda Buryat Autonomous Okrug left the Association in 2008."),
        ("ko", "우스티오르다 부랴트 자치구는 2008년에 연합에서 탈퇴했습니다."),
        ("ja", "ウスチ・オルダ・ブリヤート自治管区は2008年に連合を脱退しました。"),
        ("zh-hans", "乌斯季-奥尔登斯基布里亚特自治区于2008年退出联合会。"),
        ("ru", "Усть-Ордынский Бурятский автономный округ: выход из Ассоциации в 2008 году."),
        ("mn", "Усть-Ордын Буриадын автономит тойрог 2008 онд Холбооноос гарсан."),
    ],
)
def test_withdrew_without_meeting_in_each_language(language, expected):
    region = builders.region(**UST_ORDA)
    builders.event(region=region, kind="withdrew", year=2008)

    assert _texts(language, region=region) == [expected]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("founding", "Region X was a founding member of the Association in 2010."),
        ("joined", "Region X joined the Association in 2010."),
        ("observer", "Region X became an observer in 2010."),
        ("associate", "Region X became an associate member in 2010."),
        ("special", "Region X became a special member in 2010."),
        ("status_changed", "Region X changed its membership status in 2010."),
        ("withdrew", "Region X left the Association in 2010."),
        ("rejoined", "Region X rejoined the Association in 2010."),
    ],
)
def test_every_kind_in_english(kind, expected):
    region = builders.region(name_en="Region X")
    builders.event(region=region, kind=kind, year=2010)

    assert _texts("en", region=region) == [expected]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", MembershipEvent.Kind.values)
def test_every_kind_has_a_sentence_without_english_in_each_language(kind, language):
    region = builders.region(**HEILONGJIANG)
    builders.event(region=region, kind=kind, year=2010)

    [text] = _texts(language, region=region)

    assert HEILONGJIANG[f"name_{language.replace('-', '_')}"] in text
    assert "2010" in text
    if language != "en":
        assert "Association" not in text


def test_observer_at_annual_meeting_in_english():
    host = builders.region(name_en="Toyama Prefecture")
    second = builders.assembly(
        number=2, year=1998, historical_name="annual_meeting", host_region=host
    )
    region = builders.region(name_en="Liaoning Province")
    builders.event(region=region, kind="observer", year=1998, general_assembly=second)

    assert _texts("en", region=region) == [
        "Liaoning Province became an observer at the 2nd Annual Meeting (Toyama Prefecture, 1998)."
    ]


def test_general_assembly_in_russian_is_feminine():
    host = builders.region(name_en="Liaoning Province", name_ru="Провинция Ляонин")
    fifteenth = builders.assembly(number=15, year=2025, host_region=host)
    region = builders.region(name_en="Chuy Region", name_ru="Чуйская область")
    builders.event(region=region, kind="associate", year=2025, general_assembly=fifteenth)

    assert _texts("ru", region=region) == [
        "Чуйская область: получение статуса ассоциированного члена "
        "на 15-й Генеральной ассамблее (Провинция Ляонин, 2025)."
    ]


def test_meeting_without_host_gives_the_year_alone_in_english():
    third = builders.assembly(number=3, year=2000, historical_name="annual_meeting")
    region = builders.region(name_en="Ningxia Hui Autonomous Region")
    builders.event(region=region, kind="joined", year=2000, general_assembly=third)

    assert _texts("en", region=region) == [
        "Ningxia Hui Autonomous Region joined the Association at the 3rd Annual Meeting (2000)."
    ]


def test_korean_topic_particle_after_final_consonant_is_eun():
    region = _founding_heilongjiang()

    [text] = _texts("ko", region=region)

    assert text.startswith("헤이룽장성은 ")


def test_korean_topic_particle_after_vowel_is_neun():
    host = builders.region(name_en="Hyogo Prefecture", name_ko="효고현")
    third = builders.assembly(
        number=3, year=2000, historical_name="annual_meeting", host_region=host
    )
    region = builders.region(name_en="Ningxia Hui Autonomous Region", name_ko="닝샤후이족자치구")
    builders.event(region=region, kind="joined", year=2000, general_assembly=third)

    assert _texts("ko", region=region) == [
        "닝샤후이족자치구는 2000년 제3차 연차총회(효고현)에서 연합에 가입했습니다."
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("헤이룽장성", "은"), ("닝샤후이족자치구", "는"), ("Ningxia", "은(는)"), ("", "은(는)")],
)
def test_topic_particle_follows_the_last_syllable(name, expected):
    assert _topic_particle(name) == expected


def test_missing_korean_name_falls_back_to_english_marked():
    region = builders.region(name_en="Ningxia Hui Autonomous Region")
    builders.event(region=region, kind="joined", year=2000)

    assert _texts("ko", region=region) == [
        '<span lang="en">Ningxia Hui Autonomous Region</span>은(는) 2000년에 연합에 가입했습니다.'
    ]


def test_missing_korean_host_and_committee_names_fall_back_to_english_marked():
    committee = builders.committee(name_en="Tourism Subcommittee")
    host = builders.region(name_en="Hyogo Prefecture")
    meeting = builders.meeting(committee=committee, number=2, year=2010, host_region=host)
    region = builders.region(name_en="Ningxia", name_ko="닝샤")
    builders.event(region=region, kind="observer", year=2010, committee_meeting=meeting)

    assert _texts("ko", region=region) == [
        '닝샤는 2010년 <span lang="en">Tourism Subcommittee</span> 제2차 회의'
        '(<span lang="en">Hyogo Prefecture</span>)에서 옵서버가 되었습니다.'
    ]


def test_region_name_with_markup_is_escaped():
    region = builders.region(name_en="<script>alert(1)</script> & Co")
    builders.event(region=region, kind="joined", year=2000)

    assert _texts("en", region=region) == [
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co joined the Association in 2000."
    ]


def test_committee_name_with_markup_is_escaped_in_russian():
    committee = builders.committee(name_en="R&D", name_ru="<b>НИОКР</b>")
    meeting = builders.meeting(committee=committee, number=1, year=2010)
    region = builders.region(name_en="Region", name_ru="Регион")
    builders.event(region=region, kind="joined", year=2010, committee_meeting=meeting)

    assert _texts("ru", region=region) == [
        "Регион: вступление в Ассоциацию на 1-м заседании (&lt;b&gt;НИОКР&lt;/b&gt;, 2010)."
    ]


def test_unnumbered_committee_meeting_in_english():
    committee = builders.committee(name_en="Environment Subcommittee")
    meeting = builders.meeting(committee=committee, number=None, year=2010)
    region = builders.region(name_en="Toyama Prefecture")
    builders.event(region=region, kind="joined", year=2010, committee_meeting=meeting)

    assert _texts("en", region=region) == [
        "Toyama Prefecture joined the Association "
        "at the meeting of the Environment Subcommittee (2010)."
    ]


def test_history_line_carries_year_region_and_safe_text():
    region = builders.region(name_en="Region X")
    builders.event(region=region, kind="joined", year=2006)

    [line] = history_sentences(_events(region=region), "en")

    assert line == HistoryLine(2006, "Region X joined the Association in 2006.", region)
    assert isinstance(line.text, SafeString)


def test_lines_are_sorted_by_year_then_date():
    region = builders.region(name_en="Region X")
    builders.event(region=region, kind="withdrew", year=2008, date=datetime.date(2008, 6, 1))
    builders.event(region=region, kind="rejoined", year=2012)
    builders.event(region=region, kind="observer", year=2008, date=datetime.date(2008, 1, 2))
    builders.event(region=region, kind="joined", year=2000)

    lines = history_sentences(reversed(_events(region=region)), "en")

    assert [(line.year, line.text.split()[2]) for line in lines] == [
        (2000, "joined"),
        (2008, "became"),
        (2008, "left"),
        (2012, "rejoined"),
    ]


def test_language_defaults_to_the_active_one():
    region = _founding_heilongjiang()
    events = _events(region=region)

    with translation.override("zh-hans"):
        [line] = history_sentences(events)

    assert line.text == "黑龙江省于1996年在第一届年会（庆尚北道）上作为创始会员加入联合会。"


def test_history_runs_no_query_with_select_related(django_assert_num_queries):
    _founding_heilongjiang()
    _qinghai_joining_at_working_committee()
    builders.event(region=builders.region(**UST_ORDA), kind="withdrew", year=2008)
    builders.event(kind="joined", year=2000, general_assembly=builders.assembly(number=3))
    events = _events()

    with django_assert_num_queries(0):
        lines = [history_sentences(events, language) for language in LANGUAGES]

    assert [len(found) for found in lines] == [4] * len(LANGUAGES)
