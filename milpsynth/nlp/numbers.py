"""Numbers as people write them: '$1,100', '1.5 million', '40%', 'a third', 'twice', 'five'."""
from __future__ import annotations

import re
from dataclasses import dataclass

WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
FRACTIONS = {
    "half": 1 / 2, "a half": 1 / 2, "one half": 1 / 2, "a third": 1 / 3, "one third": 1 / 3,
    "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 1 / 4, "one quarter": 1 / 4, "a fourth": 1 / 4,
    "one fourth": 1 / 4, "three quarters": 3 / 4, "three-quarters": 3 / 4, "a fifth": 1 / 5,
    "one fifth": 1 / 5, "two fifths": 2 / 5, "a tenth": 1 / 10, "one tenth": 1 / 10, "one-third": 1 / 3,
    "one-fifth": 1 / 5, "one-quarter": 1 / 4, "one-half": 1 / 2,
}
FACTORS = {"twice": 2, "double": 2, "thrice": 3, "triple": 3, "half as": 0.5}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "k": 1e3}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUM_RE = re.compile(
    r"(?P<cur>\$\s?)?(?P<num>" + _DIGITS + r")(?P<scale>\s?(?:thousand|million|billion|k\b))?"
    r"(?P<pct>\s?(?:%|percent\b|per cent\b))?", re.I)
_WORD_RE = re.compile(r"\b(?P<frac>" + "|".join(sorted(map(re.escape, FRACTIONS), key=len, reverse=True))
                      + r")\b|\b(?P<word>" + "|".join(WORDS) + r")\b(?P<pct>\s?(?:%|percent\b))?", re.I)
_NUMBER_WORD = r"(?:" + "|".join(WORDS) + r"|thousand|million)"
_WORD_SEQ_RE = re.compile(r"\b" + _NUMBER_WORD + r"(?:(?:\s+and)?[\s-]+" + _NUMBER_WORD + r")+\b", re.I)


def _words_value(phrase: str) -> float:
    """'one hundred thousand' -> 100000, 'twenty-five' -> 25, 'two hundred and fifty' -> 250."""
    total = current = 0.0
    for w in re.findall(r"[a-z]+", phrase.lower()):
        if w == "and":
            continue
        if w == "hundred":
            current = (current or 1) * 100
        elif w in ("thousand", "million"):
            total += (current or 1) * SCALES[w]
            current = 0.0
        else:
            current += WORDS[w]
    return total + current


# '3 times as many' is a factor; '5 times a week' a count
_TIMES_RE = re.compile(r"\b(?P<n>" + _DIGITS + "|" + "|".join(WORDS) + r")(?:\.\d+)?\s+times\b"
                       r"(?!\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|hour|minute|shift|season)\b)", re.I)
_FACTOR_RE = re.compile(r"\b(?P<f>twice|double|thrice|triple|half as)\b", re.I)


@dataclass(frozen=True)
class Num:
    value: float
    start: int
    end: int
    text: str
    kind: str      # "number", "money", "percent", "word", "fraction", "factor"

    @property
    def is_share(self) -> bool:
        return self.kind in ("percent", "fraction")


def parse_number(text: str) -> float:
    """'1,100' -> 1100.0, '$0.50' -> 0.5, '1.5 million' -> 1.5e6, '40%' -> 0.4, 'five' -> 5."""
    found = find_numbers(text)
    if len(found) != 1:
        raise ValueError(f"expected one number in {text!r}, found {len(found)}")
    return found[0].value


def find_numbers(text: str) -> list[Num]:
    """Every number in `text`, left to right, with its span (overlaps resolved for the digits)."""
    out: list[Num] = []
    taken: list[tuple[int, int]] = []
    for m in _TIMES_RE.finditer(text):
        n = m.group("n")
        value = WORDS[n.lower()] if n.lower() in WORDS else float(n.replace(",", ""))
        out.append(Num(float(value), m.start(), m.end(), m.group(0), "factor"))
        taken.append((m.start(), m.end()))
    for m in _FACTOR_RE.finditer(text):
        out.append(Num(float(FACTORS[m.group("f").lower()]), m.start(), m.end(), m.group(0), "factor"))
        taken.append((m.start(), m.end()))
    for m in _NUM_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m.start() > 0 and (text[m.start() - 1].isalpha() or text[m.start() - 1] == "_"):
            continue  # part of a name like 'x1' or 'Property1'
        value = float(m.group("num").replace(",", ""))
        if m.group("scale"):
            value *= SCALES[m.group("scale").strip().lower()]
        kind = "money" if m.group("cur") or re.match(r"\s*(?:dollars|usd)\b", text[m.end():], re.I) else "number"
        if m.group("pct"):
            value, kind = value / 100.0, "percent"
        out.append(Num(value, m.start(), m.end(), m.group(0), kind))
        taken.append((m.start(), m.end()))
    for m in _WORD_SEQ_RE.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            kind = "money" if re.match(r"\s*(?:dollars|usd)\b", text[m.end():], re.I) else "word"
            out.append(Num(_words_value(m.group(0)), m.start(), m.end(), m.group(0), kind))
            taken.append((m.start(), m.end()))
    for m in _WORD_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m.group("frac"):
            out.append(Num(FRACTIONS[m.group("frac").lower()], m.start(), m.end(), m.group(0), "fraction"))
        else:
            value = float(WORDS[m.group("word").lower()])
            kind = "word"
            if m.group("pct"):
                value, kind = value / 100.0, "percent"
            out.append(Num(value, m.start(), m.end(), m.group(0), kind))
    return sorted(out, key=lambda n: n.start)
