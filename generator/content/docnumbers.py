"""文号, the number a Chinese government document carries: 机关代字〔年份〕序号号, e.g.
国办发〔2024〕33号 (GB/T 9704-2012, 7.2.3: the year in full, in 六角括号 〔〕; the sequence
number without 第 and without leading zeros, followed by 号).

`number_problem` says what is wrong with a number as written and gives it as it should
be; the editor's date supplies the century of a year written in two digits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = re.compile(r"(?P<code>[^\s〔〕\d][^\s〔〕]*?)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号")
# A year between brackets of any kind (ASCII, full-width, 【】, ﹝﹞ …), the two sides possibly
# different: what editors type or paste for 〔〕
_OPEN, _CLOSE = r"\[\(（【〔［｛{〈<﹝〖「『", r"\]\)）】〕］｝}〉>﹞〗」』"
_BRACKETED = re.compile(rf"(?P<open>[{_OPEN}])\s*(?P<year>\d{{2}}|\d{{4}})\s*(?P<close>[{_CLOSE}])")
_BARE_YEAR = re.compile(r"(?P<code>\D+?)(?P<year>(?:19|20)\d\d)年?(?P<rest>\d+号)")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class Diagnosis:
    reasons: tuple[str, ...]   # what is wrong, in the words of the rule
    suggestion: str | None     # the number as it should be written, when that can be told


def year_of(number: str) -> int | None:
    found = NUMBER.fullmatch(number)
    return int(found.group("year")) if found else None


def number_problem(number: str, year_hint: int | None = None) -> Diagnosis | None:
    """None if `number` reads 机关代字〔年份〕序号号; else why not, and how to write it."""
    if NUMBER.fullmatch(number):
        return None
    reasons: list[str] = []
    text = _without_spaces(number, reasons)
    text = _half_width_digits(text, reasons)
    text = _six_sided_brackets(text, reasons, year_hint)
    text = _sequence(text, reasons)
    return Diagnosis(tuple(reasons), text if NUMBER.fullmatch(text) else None)


def _without_spaces(text: str, reasons: list[str]) -> str:
    if re.search(r"\s", text):
        reasons.append("a 文号 has no spaces")
        return re.sub(r"\s+", "", text)
    return text


def _half_width_digits(text: str, reasons: list[str]) -> str:
    fixed = text.translate(_FULL_WIDTH_DIGITS)
    if fixed != text:
        reasons.append("its digits are written 0-9, not full-width")
    return fixed


def _six_sided_brackets(text: str, reasons: list[str], year_hint: int | None) -> str:
    found = _BRACKETED.search(text)
    if found is None:
        bare = _BARE_YEAR.fullmatch(text)
        if bare:   # 国办发2024年33号
            reasons.append("the year goes in 六角括号 〔〕")
            return f"{bare.group('code')}〔{bare.group('year')}〕{bare.group('rest')}"
        if "〔" not in text:
            reasons.append("the year is missing or not in brackets")
        return text
    year = found.group("year")
    if len(year) == 2:
        century = str(year_hint)[:2] if year_hint else "20"
        reasons.append(f"the year is written in full ({century}{year}, not {year})")
        year = century + year
    if (found.group("open"), found.group("close")) != ("〔", "〕"):
        reasons.append(f"the year goes in 六角括号 〔〕, not {found.group('open')} {found.group('close')}")
    return text[:found.start()] + f"〔{year}〕" + text[found.end():]


def _sequence(text: str, reasons: list[str]) -> str:
    """After the year: the number without 第 or leading zeros, then 号; before it, the code."""
    head, sep, tail = text.partition("〕")
    if not sep:
        return text
    if not head.split("〔")[0]:
        reasons.append("it starts with the issuer's code (机关代字), like 国办发")
    if tail.startswith("第"):
        reasons.append("the number takes no 第")
        tail = tail[1:]
    digits = re.match(r"\d+", tail)
    if digits is None:
        reasons.append("the sequence number (digits, then 号) is missing after the year")
        return text
    if len(digits.group()) > 1 and digits.group().startswith("0"):
        reasons.append(f"the number has no leading zeros ({int(digits.group())}, not {digits.group()})")
    rest = tail[digits.end():]
    if rest != "号":
        reasons.append("it ends with 号 after the number" if not rest.startswith("号") else
                       f"nothing follows 号 ({rest[1:]!r} does)")
        rest = "号"
    return f"{head}〕{int(digits.group())}{rest}"
