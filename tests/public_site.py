"""Shared data for the public-page tests: a small but complete Association."""

import datetime

from tests import builders


def small_association():
    """China with two members and a contact, Korea with one, two assemblies, a committee."""
    china = builders.country(
        code="CN",
        slug="china",
        name_en="China",
        name_ko="중국",
        native_name="中华人民共和国",
        native_language="zh-Hans",
        official_name_en="People's Republic of China",
    )
    korea = builders.country(
        code="KR",
        slug="korea",
        name_en="Republic of Korea",
        name_ko="대한민국",
        native_language="ko",
    )
    gyeongbuk = builders.region(
        country=korea,
        slug="gyeongsangbuk",
        name_en="Gyeongsangbuk-do",
        name_ko="경상북도",
        native_name="경상북도",
    )
    heilongjiang = builders.region(
        country=china,
        slug="heilongjiang",
        name_en="Heilongjiang Province",
        name_ko="헤이룽장성",
        name_ru="Провинция Хэйлунцзян",
        native_name="黑龙江省",
    )
    ningxia = builders.region(
        country=china,
        slug="ningxia",
        name_en="Ningxia Hui Autonomous Region",
        native_name="宁夏回族自治区",
        kind="autonomous_region",
    )
    first = builders.assembly(
        number=1,
        year=1996,
        historical_name="annual_meeting",
        host_region=gyeongbuk,
        start_date=datetime.date(1996, 9, 11),
        end_date=datetime.date(1996, 9, 14),
        city_en="Gyeongju",
        city_ko="경주",
    )
    third = builders.assembly(
        number=3,
        year=2000,
        historical_name="annual_meeting",
        host_region=gyeongbuk,
        city_en="Awaji",
    )
    builders.event(region=heilongjiang, kind="founding", year=1996, general_assembly=first)
    builders.event(region=gyeongbuk, kind="founding", year=1996, general_assembly=first)
    builders.event(region=ningxia, kind="joined", year=2000, general_assembly=third)
    builders.contact(
        region=heilongjiang,
        phone="+86 451 5363 1091",
        address_native="黑龙江省哈尔滨市南岗区果戈里大街300",
        office_en="",
        is_primary=True,
    )
    working = builders.committee(
        kind=1, slug="working-committee", name_en="Working Committee", name_ko="실무위원회"
    )
    builders.meeting(
        committee=working, number=4, year=2004, host_region=heilongjiang, city_en="Harbin"
    )
    builders.membership(committee=working, region=gyeongbuk, role="coordinator", since=1996)
    builders.activity(
        region=heilongjiang,
        year=2004,
        general_assembly=None,
        title_en="Hosted the 5th Annual Meeting",
    )
    builders.page(
        slug="about", title_en="About NEAR", title_ko="NEAR 소개", body_en="NEAR links regions."
    )
    return {
        "china": china,
        "korea": korea,
        "heilongjiang": heilongjiang,
        "ningxia": ningxia,
        "gyeongbuk": gyeongbuk,
        "first": first,
        "working": working,
    }
