"""Numbered meetings named the way each language names them.

"14th General Assembly", "제14차 총회", "第14回総会", "第十四届全体会议",
"14-я Генеральная ассамблея", "14 дүгээр Ерөнхий ассамблей": the number, its ordinal
marker and the word order differ per language, so each language has its own patterns
here rather than an English ordinal dropped into a translated string.
"""

from django.utils import translation

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
