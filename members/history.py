"""Membership history told as sentences, one per event, in each language's own word order.

The sentences are data here rather than gettext strings: Korean chooses its topic particle
from the region's name, and the meeting's name takes the case each language needs (see
association.ordinals).
"""

import datetime
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from association import ordinals
from association.languages import SOURCE_LANGUAGE, column_suffix
from members.models import MembershipEvent, Region

Kind = MembershipEvent.Kind

# {region} is the region's name, {topic} its Korean topic particle, {when} the meeting
# and year, or the year alone (see _WHEN).
_SENTENCES = {
    "en": {
        Kind.FOUNDING: "{region} was a founding member of the Association {when}.",
        Kind.JOINED: "{region} joined the Association {when}.",
        Kind.OBSERVER: "{region} became an observer {when}.",
        Kind.ASSOCIATE: "{region} became an associate member {when}.",
        Kind.SPECIAL: "{region} became a special member {when}.",
        Kind.STATUS_CHANGED: "{region} changed its membership status {when}.",
        Kind.WITHDREW: "{region} left the Association {when}.",
        Kind.REJOINED: "{region} rejoined the Association {when}.",
    },
    "ko": {
        Kind.FOUNDING: "{region}{topic} {when} 연합 창립 회원으로 참여했습니다.",
        Kind.JOINED: "{region}{topic} {when} 연합에 가입했습니다.",
        Kind.OBSERVER: "{region}{topic} {when} 옵서버가 되었습니다.",
        Kind.ASSOCIATE: "{region}{topic} {when} 준회원이 되었습니다.",
        Kind.SPECIAL: "{region}{topic} {when} 특별회원이 되었습니다.",
        Kind.STATUS_CHANGED: "{region}{topic} {when} 회원 지위가 변경되었습니다.",
        Kind.WITHDREW: "{region}{topic} {when} 연합에서 탈퇴했습니다.",
        Kind.REJOINED: "{region}{topic} {when} 연합에 재가입했습니다.",
    },
    "ja": {
        Kind.FOUNDING: "{region}は{when}創設会員として参加しました。",
        Kind.JOINED: "{region}は{when}連合に加入しました。",
        Kind.OBSERVER: "{region}は{when}オブザーバーとなりました。",
        Kind.ASSOCIATE: "{region}は{when}准会員となりました。",
        Kind.SPECIAL: "{region}は{when}特別会員となりました。",
        Kind.STATUS_CHANGED: "{region}は{when}会員資格が変更されました。",
        Kind.WITHDREW: "{region}は{when}連合を脱退しました。",
        Kind.REJOINED: "{region}は{when}連合に再加入しました。",
    },
    "zh-hans": {
        Kind.FOUNDING: "{region}{when}作为创始会员加入联合会。",
        Kind.JOINED: "{region}{when}加入联合会。",
        Kind.OBSERVER: "{region}{when}成为观察员。",
        Kind.ASSOCIATE: "{region}{when}成为准会员。",
        Kind.SPECIAL: "{region}{when}成为特别会员。",
        Kind.STATUS_CHANGED: "{region}{when}变更会员身份。",
        Kind.WITHDREW: "{region}{when}退出联合会。",
        Kind.REJOINED: "{region}{when}重新加入联合会。",
    },
    # A past-tense verb would have to agree with the gender of the region's name, which
    # varies (провинция, край, округ ...): a verbal noun after a colon needs no agreement.
    "ru": {
        Kind.FOUNDING: "{region}: участие в основании Ассоциации {when}.",
        Kind.JOINED: "{region}: вступление в Ассоциацию {when}.",
        Kind.OBSERVER: "{region}: получение статуса наблюдателя {when}.",
        Kind.ASSOCIATE: "{region}: получение статуса ассоциированного члена {when}.",
        Kind.SPECIAL: "{region}: получение статуса особого члена {when}.",
        Kind.STATUS_CHANGED: "{region}: изменение статуса членства {when}.",
        Kind.WITHDREW: "{region}: выход из Ассоциации {when}.",
        Kind.REJOINED: "{region}: повторное вступление в Ассоциацию {when}.",
    },
    "mn": {
        Kind.FOUNDING: "{region} {when} Холбоог үүсгэн байгуулагч гишүүн болсон.",
        Kind.JOINED: "{region} {when} Холбоонд элссэн.",
        Kind.OBSERVER: "{region} {when} ажиглагч болсон.",
        Kind.ASSOCIATE: "{region} {when} хамтрагч гишүүн болсон.",
        Kind.SPECIAL: "{region} {when} тусгай гишүүн болсон.",
        Kind.STATUS_CHANGED: "{region} {when} гишүүнчлэлийн статусаа өөрчилсөн.",
        Kind.WITHDREW: "{region} {when} Холбооноос гарсан.",
        Kind.REJOINED: "{region} {when} Холбоонд дахин элссэн.",
    },
}

# {when}: at a meeting ({at}, from association.ordinals), or in a year with no meeting.
_WHEN = {
    "en": ("{at}", "in {year}"),
    "ko": ("{year}년 {at}", "{year}년에"),
    "ja": ("{year}年、{at}", "{year}年に"),
    "zh-hans": ("于{year}年{at}", "于{year}年"),
    "ru": ("{at}", "в {year} году"),
    "mn": ("{year} онд {at}", "{year} онд"),
}

# Languages whose sentence names the year only in the parentheses after the meeting.
_YEAR_IN_ASIDE = {"en", "ru"}


@dataclass(frozen=True)
class HistoryLine:
    """One membership event told as a sentence."""

    year: int
    text: SafeString
    region: Region


def history_sentences(events, language=None):
    """One HistoryLine per event, oldest first, in `language` (default: the active one).

    Runs no query: load the events with select_related("region",
    "general_assembly__host_region", "committee_meeting__committee",
    "committee_meeting__host_region").
    """
    language = language or translation.get_language() or SOURCE_LANGUAGE
    if language not in _SENTENCES:
        language = language.split("-")[0]
    dated = sorted(events, key=lambda event: (event.year, event.date or datetime.date.min))
    return [HistoryLine(event.year, _sentence(event, language), event.region) for event in dated]


def _sentence(event, language):
    """The sentence telling `event` in `language`."""
    return format_html(
        _SENTENCES[language][event.kind],
        region=_name(event.region, language),
        topic=_topic_particle(_local_name(event.region, language)),
        when=_when(event, language),
    )


def _when(event, language):
    """The meeting the event happened at with its host and year, or the year alone."""
    at_meeting, in_year = _WHEN[language]
    meeting = event.general_assembly or event.committee_meeting
    if meeting is None:
        return format_html(in_year, year=event.year)
    aside = [meeting.host_region and _name(meeting.host_region, language)]
    if language in _YEAR_IN_ASIDE:
        aside.append(event.year)
    if event.general_assembly:
        at = ordinals.numbered_at(meeting.historical_name, meeting.number, language, aside)
    else:
        committee = _name(meeting.committee, language)
        at = ordinals.committee_meeting_at(meeting.number, committee, language, aside)
    return format_html(at_meeting, at=at, year=event.year)


def _local_name(obj, language):
    """The object's name in `language` exactly as entered, or an empty string."""
    return getattr(obj, f"name_{column_suffix(language)}", None) or ""


def _name(obj, language):
    """The name in `language`, escaped; if untranslated, the English name marked as English."""
    local = _local_name(obj, language)
    if local or language == SOURCE_LANGUAGE:
        return conditional_escape(local)
    return format_html('<span lang="en">{}</span>', obj.name_en)


def _topic_particle(name):
    """Korean 은 after a final consonant, 는 after a vowel, 은(는) after anything but Hangul."""
    syllable = ord(name[-1]) - 0xAC00 if name else -1
    if not 0 <= syllable < 11172:
        return "은(는)"
    return "은" if syllable % 28 else "는"
