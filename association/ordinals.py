"""Numbered meetings named the way each language names them.

"14th General Assembly", "제14차 총회", "第14回総会", "第十四届全体会议",
"14-я Генеральная ассамблея", "14 дүгээр Ерөнхий ассамблей": the number, its ordinal
marker and the word order differ per language, so each language has its own patterns
here rather than an English ordinal dropped into a translated string.

numbered_at() and committee_meeting_at() say "at" such a meeting ("at the 3rd Annual
Meeting", "제3차 연차총회에서", "на 3-м Ежегодном совещании"), with the case and the
postposition or preposition each language needs.
"""

from django.utils import translation
from django.utils.html import format_html, format_html_join

GENERAL_ASSEMBLY = "general_assembly"
ANNUAL_MEETING = "annual_meeting"
MEETING = "meeting"

_PATTERNS = {
    "en": {
        GENERAL_ASSEMBLY: "{en} General Assembly",
        ANNUAL_MEETING: "{en} Annual Meeting",
        MEETING: "{en} meeting",
    },
    "ko": {
        GENERAL_ASSEMBLY: "제{n}차 총회",
        ANNUAL_MEETING: "제{n}차 연차총회",
        MEETING: "제{n}차 회의",
    },
    "ja": {
        GENERAL_ASSEMBLY: "第{n}回総会",
        ANNUAL_MEETING: "第{n}回年次総会",
        MEETING: "第{n}回会議",
    },
    "zh-hans": {
        GENERAL_ASSEMBLY: "第{zh}届全体会议",
        ANNUAL_MEETING: "第{zh}届年会",
        MEETING: "第{zh}次会议",
    },
    # The ending follows the noun's gender: ассамблея (f.) -> -я, совещание (n.) -> -е.
    "ru": {
        GENERAL_ASSEMBLY: "{n}-я Генеральная ассамблея",
        ANNUAL_MEETING: "{n}-е Ежегодное совещание",
        MEETING: "{n}-е заседание",
    },
    "mn": {
        GENERAL_ASSEMBLY: "{n} {mn} Ерөнхий ассамблей",
        ANNUAL_MEETING: "{n} {mn} Жилийн хурал",
        MEETING: "{n} {mn} хурал",
    },
}

_CHINESE_DIGITS = "零一二三四五六七八九"


def english_ordinal(number):
    """1 -> 1st, 2 -> 2nd, 11 -> 11th, 23 -> 23rd."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def chinese_numeral(number):
    """14 -> 十四, 20 -> 二十, 105 -> 一百零五 (up to 9999)."""
    if not 0 < number < 10000:
        return str(number)
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    text, pending_zero = "", False
    for size, name in units:
        digit = number // size % 10
        if digit == 0:
            pending_zero = bool(text)
            continue
        if pending_zero:
            text += "零"
            pending_zero = False
        # 十四, not 一十四, when ten leads the number.
        text += ("" if (size == 10 and digit == 1 and not text) else _CHINESE_DIGITS[digit]) + name
    return text


def mongolian_suffix(number):
    """дүгээр or дугаар, by the vowel harmony of the numeral's last word (1 нэг, 2 хоёр ...)."""
    front = {1, 4, 9}  # нэг, дөрөв, ес
    front_tens = {4, 9}  # дөч, ер
    if number % 10:
        return "дүгээр" if number % 10 in front else "дугаар"
    if number % 100:
        return "дүгээр" if number // 10 % 10 in front_tens else "дугаар"
    return "дугаар"  # зуу, мянга


def numbered(kind, number, language=None):
    """The name of the `number`th meeting of `kind` in `language` (default: the active one)."""
    language = language or translation.get_language() or "en"
    patterns = _PATTERNS.get(language) or _PATTERNS[language.split("-")[0]]
    return patterns[kind].format(
        n=number,
        en=english_ordinal(number),
        zh=chinese_numeral(number),
        mn=mongolian_suffix(number),
    )


# "At the 14th ...": the meeting's name in the case the phrase needs (Russian prepositional
# after "на", Mongolian genitive before "үеэр"), and where the phrase puts it and its aside.
_LOCATIVE_NAMES = {
    "ru": {
        GENERAL_ASSEMBLY: "{n}-й Генеральной ассамблее",
        ANNUAL_MEETING: "{n}-м Ежегодном совещании",
        MEETING: "{n}-м заседании",
    },
    "mn": {
        GENERAL_ASSEMBLY: "{n} {mn} Ерөнхий ассамблейн",
        ANNUAL_MEETING: "{n} {mn} Жилийн хурлын",
        MEETING: "{n} {mn} хурлын",
    },
}

_LOCATIVES = {
    "en": "at the {name}{aside}",
    "ko": "{name}{aside}에서",
    "ja": "{name}{aside}で",
    "zh-hans": "在{name}{aside}上",
    "ru": "на {name}{aside}",
    "mn": "{name} үеэр{aside}",
}

_ASIDES = {
    "en": " ({})",
    "ko": "({})",
    "ja": "（{}）",
    "zh-hans": "（{}）",
    "ru": " ({})",
    "mn": " ({})",
}

_ASIDE_SEPARATORS = {"en": ", ", "ko": ", ", "ja": "、", "zh-hans": "，", "ru": ", ", "mn": ", "}

# A committee's meeting named with its committee. Russian and Mongolian would need the
# committee's genitive, which its translated name does not give: they name it in the aside.
_OF_COMMITTEE = {
    "en": "{meeting} of the {committee}",
    "ko": "{committee} {meeting}",
    "ja": "{committee}{meeting}",
    "zh-hans": "{committee}{meeting}",
}

# A meeting without a number, in the same case as the numbered ones above.
_UNNUMBERED_MEETINGS = {
    "en": "meeting",
    "ko": "회의",
    "ja": "会議",
    "zh-hans": "会议",
    "ru": "заседании",
    "mn": "хурлын",
}


def _language_key(table, language):
    language = language or translation.get_language() or "en"
    return language if language in table else language.split("-")[0]


def _formatted(pattern, number):
    return format_html(
        pattern,
        n=number,
        en=english_ordinal(number),
        zh=chinese_numeral(number),
        mn=mongolian_suffix(number),
    )


def _at(name, aside, language):
    items = [item for item in aside if item]
    aside_html = ""
    if items:
        joined = format_html_join(_ASIDE_SEPARATORS[language], "{}", ((item,) for item in items))
        aside_html = format_html(_ASIDES[language], joined)
    return format_html(_LOCATIVES[language], name=name, aside=aside_html)


def numbered_at(kind, number, language=None, aside=()):
    """ "at the 3rd Annual Meeting", "제3차 연차총회에서", "на 3-м Ежегодном совещании" ...

    `aside` lists what to add in parentheses after the meeting's name, such as the host
    and the year. Returns HTML: the aside is escaped unless marked safe.
    """
    language = _language_key(_LOCATIVES, language)
    patterns = _LOCATIVE_NAMES.get(language) or _PATTERNS[language]
    return _at(_formatted(patterns[kind], number), aside, language)


def committee_meeting_at(number, committee, language=None, aside=()):
    """ "at the 14th meeting of the Working Committee", "실무위원회 제14차 회의에서" ...

    `committee` is the committee's name in `language`; `number` may be None. Returns HTML:
    the committee's name and the aside are escaped unless marked safe.
    """
    language = _language_key(_LOCATIVES, language)
    if number:
        patterns = _LOCATIVE_NAMES.get(language) or _PATTERNS[language]
        meeting = _formatted(patterns[MEETING], number)
    else:
        meeting = _UNNUMBERED_MEETINGS[language]
    if language in _OF_COMMITTEE:
        name = format_html(_OF_COMMITTEE[language], meeting=meeting, committee=committee)
        return _at(name, aside, language)
    return _at(meeting, [committee, *aside], language)
