"""Numbers as people write them: '$1,100', '1.5 million', '40%', 'a third', 'twice', 'five'."""
from __future__ import annotations

import re
import unicodedata
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

# signs: a hyphen-minus, the minus sign, an en dash or a figure dash directly before the digits
MINUS = "-\u2212\u2013\u2012\ufe63\uff0d"
# spaces that only separate groups of digits ('4\u202f000'): no-break, narrow no-break, thin, figure
GROUP_SPACES = "\u00a0\u202f\u2009\u2007"
# vulgar fractions ('½', '⅔'): every character whose compatibility form is 'n⁄d'
VULGAR = "".join(chr(c) for c in range(0xA0, 0x2200)
                 if re.fullmatch("\\d+\u2044\\d+", unicodedata.normalize("NFKD", chr(c))))
LARGEST = 1e15      # beyond this a number is no datum HiGHS can use (it takes 1e20 for infinity)

# groups of digits start a number only where no digit group is just before them (so a long chain
# of groups is scanned once, from its start, not again from each of its groups)
_CHAIN_START = r"(?<![\d.,])(?<!\d[ " + GROUP_SPACES + r"])"
_DIGITS = (_CHAIN_START + r"(?:\d{1,3}(?:\.\d{3})+,\d+"          # '1.200,50': a decimal comma
           r"|\d{1,3}(?:\.\d{3}){2,}(?![.,]?\d)"                 # '1.200.000': dots group thousands
           r"|\d{1,3}(?:[" + GROUP_SPACES + r"]\d{3})+(?:\.\d+)?(?!\d)"   # '4\u202f000'
           r"|\d{1,3}(?: \d{3})*? 0\d\d(?: \d{3})*(?:\.\d+)?(?!\d)"      # '4 000' (a group led by 0)
           r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?)"
           r"|(?:\d+(?:\.\d+)?|\.\d+)[eE][+-]?\d+(?![A-Za-z0-9_])"        # '1e3', '2.5E-4'
           r"|\d+(?:\.\d+)?|\.\d+")
_NUM_RE = re.compile(
    r"(?P<sign>[" + MINUS + r"]|\b(?:minus|negative)\s+)?(?P<cur>\$\s?)?(?P<sign2>[" + MINUS + r"])?"
    r"(?P<num>" + _DIGITS + r")(?P<vf>[" + VULGAR + r"])?"
    r"(?P<scale>\s?(?:thousand|million|billion|k\b))?"
    r"(?P<pct>\s?(?:%|percent\b|per cent\b))?", re.I)
_WORD_RE = re.compile(r"\b(?P<frac>" + "|".join(sorted(map(re.escape, FRACTIONS), key=len, reverse=True))
                      + r")\b|\b(?P<word>" + "|".join(WORDS) + r")\b(?P<pct>\s?(?:%|percent\b))?", re.I)
_NUMBER_WORD = r"(?:" + "|".join(WORDS) + r"|thousand|million)"
_WORD_SEQ_RE = re.compile(r"\b" + _NUMBER_WORD + r"(?:(?:\s+and)?[\s-]+" + _NUMBER_WORD + r")+\b", re.I)
_VULGAR_RE = re.compile(r"(?P<sign>[" + MINUS + r"])?(?P<vf>[" + VULGAR + r"])(?P<pct>\s?(?:%|percent\b))?")
# a number stated as a loss ('loses $12', 'a loss of $3', '$12 loss'): a negative profit
_LOSS_BEFORE = re.compile(r"\b(?:los(?:e|es|ing|t)|(?:a |at a |net )?loss(?:es)? of|deficit of)\s+"
                          r"(?:(?:about|around|roughly|nearly|approximately)\s+)?$", re.I)
_LOSS_AFTER = re.compile(r"\s*(?:(?:dollars|usd)\s+)?(?:in\s+)?(?:net\s+)?(?:loss(?:es)?|deficit)\b", re.I)
_RANGE_BEFORE = re.compile(r"\d\s*(?:%|percent)?\s*$|\d\s*(?:thousand|million|billion)\s*$", re.I)


def _digits_value(digits: str) -> float:
    """'1,100' -> 1100, '1.200,50' -> 1200.5, '1.200.000' -> 1200000, '4 000' -> 4000, '1e3' -> 1000."""
    d = digits
    for ch in GROUP_SPACES + " ":
        d = d.replace(ch, "")
    if "," in d and "." in d and d.index(".") < d.index(","):
        d = d.replace(".", "").replace(",", ".")         # decimal comma
    elif d.count(".") >= 2:
        d = d.replace(".", "")
    return float(d.replace(",", ""))


def _is_sign(text: str, at: int) -> bool:
    """The dash at `at` is a minus sign: nothing word-like before it ('x-5', 'COVID-19'), and it does
    not join two numbers into a range ('3-5', '3 – 5', '$3-$5')."""
    if at > 0 and (text[at - 1].isalnum() or text[at - 1] in "_)]"):
        return False
    return not _RANGE_BEFORE.search(text[max(0, at - 24):at].replace("$", ""))


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
    loss: bool = False   # stated as a loss ('loses $12'): a negative profit where a profit is read

    @property
    def is_share(self) -> bool:
        return self.kind in ("percent", "fraction")


def parse_number(text: str) -> float:
    """'1,100' -> 1100.0, '$0.50' -> 0.5, '1.5 million' -> 1.5e6, '40%' -> 0.4, 'five' -> 5."""
    found = find_numbers(text)
    if len(found) != 1:
        raise ValueError(f"expected one number in {text!r}, found {len(found)}")
    return found[0].value


_DOLLARS_AFTER = re.compile(r"\s*(?:dollars|usd)\b", re.I)


def find_numbers(text: str) -> list[Num]:
    """Every number in `text`, left to right, with its span (overlaps resolved for the digits).

    Linear in the text: a number is checked against the characters already taken, not against every
    number found before it."""
    out: list[Num] = []
    covered = bytearray(len(text) + 1)

    def take(start: int, end: int) -> None:
        covered[start:end] = b"\x01" * (end - start)

    for m in _TIMES_RE.finditer(text):
        n = m.group("n")
        value = WORDS[n.lower()] if n.lower() in WORDS else _digits_value(n)
        out.append(Num(float(value), m.start(), m.end(), m.group(0), "factor"))
        take(m.start(), m.end())
    for m in _FACTOR_RE.finditer(text):
        out.append(Num(float(FACTORS[m.group("f").lower()]), m.start(), m.end(), m.group(0), "factor"))
        take(m.start(), m.end())
    for m in _NUM_RE.finditer(text):
        start, negative = m.start(), False
        for g in ("sign", "sign2"):
            if m.group(g):
                if m.group(g)[0] in MINUS and not _is_sign(text, m.start(g)):
                    start = m.end(g)           # a hyphen or a range's dash, not a sign
                    continue
                negative = True
        if m.group("sign") and not negative and m.group("cur"):
            start = m.start("cur")
        if covered[start]:
            continue
        if start > 0 and (text[start - 1].isalpha() or text[start - 1] == "_"):
            continue  # part of a name like 'x1' or 'Property1'
        value = _digits_value(m.group("num"))
        if m.group("vf"):
            value += unicodedata.numeric(m.group("vf"))       # '1½'
        if m.group("scale"):
            value *= SCALES[m.group("scale").strip().lower()]
        kind = "money" if m.group("cur") or _DOLLARS_AFTER.match(text, m.end()) else "number"
        if m.group("pct"):
            value, kind = value / 100.0, "percent"
        loss = bool(_LOSS_BEFORE.search(text[max(0, start - 30):start]) or _LOSS_AFTER.match(text, m.end()))
        out.append(Num(-value if negative else value, start, m.end(), text[start:m.end()], kind, loss))
        take(start, m.end())
    for m in _VULGAR_RE.finditer(text):
        if covered[m.start("vf")]:
            continue
        negative = bool(m.group("sign")) and _is_sign(text, m.start())
        start = m.start() if negative else m.start("vf")
        value = unicodedata.numeric(m.group("vf"))
        kind = "fraction"
        if m.group("pct"):
            value, kind = value / 100.0, "percent"
        out.append(Num(-value if negative else value, start, m.end(), text[start:m.end()], kind))
        take(start, m.end())
    for m in _WORD_SEQ_RE.finditer(text):
        if not covered[m.start()]:
            kind = "money" if _DOLLARS_AFTER.match(text, m.end()) else "word"
            out.append(Num(_words_value(m.group(0)), m.start(), m.end(), m.group(0), kind))
            take(m.start(), m.end())
    for m in _WORD_RE.finditer(text):
        if covered[m.start()]:
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


MAX_REASONS = 3      # messages given for one text; the rest are counted
_SPACE_GROUPS = re.compile(_CHAIN_START + r"\d{1,3}(?: \d{3})+(?![.,]?\d)")
_COMMA_DECIMAL = re.compile(r"(?<![\d.,])\d+,(?:\d{1,2}|\d{4,})(?![\d,])")


def unreadable(text: str) -> list[str]:
    """Why numbers of `text` cannot be read for sure, one message each (empty when all can):
    digit groups apart by plain spaces with no group led by 0 ('10 200': one number or two?), a
    comma before other than three digits ('1,5': a decimal comma, or a list?), and numbers beyond
    `LARGEST`. `find_numbers` reads the rest: '4 000', '4\u202f500', '1.200,50', '1e3', '½', '-5'."""
    found = find_numbers(text)
    reach = [0] * (len(text) + 1)          # how far the number covering each character reaches
    for n in found:
        for i in range(n.start, n.end):
            reach[i] = max(reach[i], n.end)
    out = []
    for m in _SPACE_GROUPS.finditer(text):
        if reach[m.start()] < m.end():
            out.append(f"'{m.group(0)}' could be one number or several: write {m.group(0).replace(' ', '')} "
                       f"(or {m.group(0).replace(' ', ',')}) for one, or separate them with words")
    for m in _COMMA_DECIMAL.finditer(text):
        if reach[m.start()] < m.end():
            out.append(f"'{m.group(0)}' could be a decimal comma or two numbers: write "
                       f"{m.group(0).replace(',', '.')} for one, or '{m.group(0).replace(',', ', ')}' for two")
    for n in found:
        if not abs(n.value) <= LARGEST:
            shown = n.text if len(n.text) <= 24 else n.text[:20] + "..."
            out.append(f"the number '{shown}' is too large (more than {LARGEST:.0e} in size) to be a datum "
                       f"of a model the solver can trust")
    if len(out) > MAX_REASONS:
        out = out[:MAX_REASONS] + [f"and {len(out) - MAX_REASONS} more such numbers"]
    return out
