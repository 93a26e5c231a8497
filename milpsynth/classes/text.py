"""The text of a class problem as numbered lines, prose sentences and numbers with their places.

Everything a reader takes from the text is a `Value`: the number, the 1-based line it stands on and the
characters it was read from, so a model element can always be traced back to its line. `Doc` keeps
which lines and which numbers were used, so what nobody could place can be reported, not dropped.

Normalisation keeps the line count: LaTeX wrappers (`\\( ... \\)`, `$...$`), `{,}` and `\\,` inside
numbers, `\\%`, `\\$`, `\\dots`, non-breaking hyphens and unicode minus signs are rewritten in place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "last": -1, "final": -1,
}

# a number as written: 1,234.5 | 1234.5 | .5, optionally signed; not glued to letters on the left
NUMBER = r"(?<![\w.,])[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?![\d])"
NUMBER_RE = re.compile(NUMBER)
# capitalised words that can open a sentence without naming anything ("Only 110 boxes", "At most 5")
FUNCTION_WORDS = {
    "a", "an", "the", "at", "in", "on", "only", "each", "every", "no", "if", "up", "to", "of", "for", "by",
    "all", "any", "with", "from", "and", "or", "but", "not", "is", "are", "must", "can", "may", "should",
    "total", "maximum", "minimum", "exactly", "precisely", "around", "about", "approximately", "over",
    "under", "within", "between", "than", "least", "most", "more", "less", "fewer", "it", "its", "this",
    "that", "these", "there", "then", "so", "as", "per", "also", "additionally", "furthermore", "however",
    "moreover", "nevertheless", "crucially", "notably", "specifically", "consequently", "overall",
    "combined", "together", "cost", "costs", "capacity", "limit", "demand", "supply", "size", "weight",
    "value", "time", "times", "duration", "requirement", "requires", "required", "has", "have", "budget",
    "initially", "finally", "first", "next", "last", "after", "before", "during", "since", "when", "where",
    "which", "while", "although", "because", "due", "step", "steps", "some", "such", "both", "either",
    "neither", "nothing", "one", "two", "three", "several", "many", "few", "reduce", "reduces", "increase",
    "be", "been", "being", "was", "were", "will", "would", "could", "do", "does", "did", "we", "they", "you",
    "he", "she", "his", "her", "their", "our", "your", "my", "me", "us", "them", "what", "how", "why",
    "who", "whom", "whose", "here", "than", "instead", "otherwise", "plus", "minus", "roughly", "nearly",
    "almost", "fixed", "extra", "additional", "another", "other", "same", "whole", "entire", "until", "till",
    "below", "above", "beyond", "near", "just", "barely", "greater", "higher", "lower", "starting", "beginning",
    "under", "upon", "via", "per", "against", "toward", "towards", "through", "throughout", "without", "whereas",
    "whether", "unless", "once", "twice", "nor", "yet", "still", "even", "ever", "never", "always", "often",
    "please", "note", "given", "assume", "suppose", "let", "consider", "find", "determine", "ensure", "hence",
    "thus", "therefore", "accordingly", "similarly", "likewise", "subsequently", "meanwhile", "currently",
    "initially", "today", "now", "otherwise", "regardless", "irrespective", "whatever", "whichever", "should",
}
INDEX_NOUNS = {
    "week", "weeks", "day", "days", "month", "months", "period", "periods", "year", "years", "quarter",
    "stage", "step", "phase", "season", "shift", "hour", "round", "item", "items", "job", "machine",
    "task", "no", "number", "#", "t", "node", "city", "stop", "site", "product", "asset", "source",
    "station", "plant", "warehouse", "store", "customer", "supplier", "route", "line", "field", "project",
    "interval", "intervals", "slot", "cycle", "term", "epoch", "session", "quarters", "hours",
}

_LATEX_SUBS = [
    (re.compile(r"\\[()\[\]]"), " "),                  # \( \) \[ \] -> spaces (keep columns roughly)
    (re.compile(r"(\d)\{,\}(\d)"), r"\1,\2"),           # 1{,}000
    (re.compile(r"(\d)\\[,;: ](\d)"), r"\1\2"),         # 1\,000
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\\$"), "$"),
    (re.compile(r"\\(?:l?dots|cdots|ldots)\b"), "..."),
    (re.compile(r"\\times\b"), "x"),
    (re.compile(r"\\(?:text|mathrm|textbf|mathbf)\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\leq?\b"), "<="),
    (re.compile(r"\\geq?\b"), ">="),
    (re.compile(r"\\in\b"), "in"),
    (re.compile(r"\\\{"), "{"),
    (re.compile(r"\\\}"), "}"),
]
_CHARS = {"\u2011": "-", "\u2010": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
          "\u2013": "–", "\u2026": "...", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
          "\u00d7": "x", "\u2264": "<=", "\u2265": ">="}


def normalize(text: str) -> str:
    """The text with LaTeX number markup and typographic characters rewritten; same number of lines."""
    out = []
    for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        for a, b in _CHARS.items():
            line = line.replace(a, b)
        for pat, rep in _LATEX_SUBS:
            line = pat.sub(rep, line)
        # $...$ inline maths around plain content: drop the dollars that wrap non-numbers ($t$, $x_i$)
        line = re.sub(r"\$(?=[A-Za-z_\\])([^$\n]{1,40})\$", r"\1", line)
        out.append(line.rstrip())
    return "\n".join(out)


def to_number(s: str) -> float:
    """'1,234.5' -> 1234.5, '−3' -> -3.0, '.5' -> 0.5 (raises ValueError otherwise)."""
    t = str(s).strip().replace("−", "-").replace("$", "").replace("€", "").replace("£", "")
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)
    t = t.rstrip("%").strip()
    if not re.fullmatch(r"-?(?:\d+(?:\.\d*)?|\.\d+)", t):
        raise ValueError(f"not a number: {s!r}")
    return float(t)


def word_number(word: str) -> int | None:
    """'seven' -> 7, 'twenty-one' -> 21, '12' -> 12, else None."""
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    if w in WORD_NUMBERS:
        return WORD_NUMBERS[w]
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|"
                     r"seven|eight|nine)", w)
    if m:
        return WORD_NUMBERS[m.group(1)] + WORD_NUMBERS[m.group(2)]
    return None


@dataclass(frozen=True)
class Value:
    """A number read from the text: its value, line (1-based), the characters read and the unit after it."""
    value: float
    line: int
    text: str = ""
    unit: str = ""
    start: int = -1     # character offset within the line (-1: not a single span)
    end: int = -1
    percent: bool = False

    def __float__(self) -> float:
        return float(self.value)


@dataclass(frozen=True)
class Num:
    """A number found in a line: value, span, whether it is an index ('Week 3', 'Machine 2'), the unit after it."""
    value: float
    start: int
    end: int
    text: str
    index: bool
    percent: bool
    unit: str


_UNIT_AFTER = re.compile(r"\s*(%|percent\b|per cent\b)?\s*"
                         r"((?:[A-Za-z$€£][\w$€£/-]*)(?:\s+(?:of\s+)?[a-z][\w-]*){0,2})?")


def numbers(line: str, start_offset: int = 0) -> list[Num]:
    """Every number in a line, left to right, with whether it names an entity rather than a quantity."""
    out = []
    for m in NUMBER_RE.finditer(line):
        s, e = m.start(), m.end()
        # a money sign in front: '$105'
        text = m.group(0)
        try:
            val = to_number(text)
        except ValueError:
            continue
        before = line[:s]
        prev = re.search(r"([A-Za-z#][\w'-]*)\s*$", before)
        index = False
        if prev:
            w = prev.group(1)
            wl = w.lower()
            sentence_start = re.search(r"(?:^|[.!?:;]\s+|^\s*[*•·>-]\s*|\|\s*)" + re.escape(w) + r"\s*$", before)
            if wl in INDEX_NOUNS:
                index = True
            elif w[0].isupper() and wl not in FUNCTION_WORDS and not (sentence_start and wl in FUNCTION_WORDS):
                index = True
        if re.match(r"\s*(?:st|nd|rd|th)\b", line[e:]):
            index = True
        if re.search(r"\b[tkij]\s*=\s*$|(?:\.\.\.|…|\\dots)\s*,?\s*$", before):
            index = True        # 't = 1, ..., T': a range of indices
        after = line[e:]
        um = _UNIT_AFTER.match(after)
        pct = bool(um and um.group(1))
        unit = (um.group(2) or "") if um else ""
        out.append(Num(val, s + start_offset, e + start_offset, text, index, pct, unit.strip()))
    return out


@dataclass
class Sentence:
    text: str
    lines: list[int]           # 1-based line numbers it spans
    spans: list[tuple[int, int, int]] = field(default_factory=list)   # (line, start, end) per piece

    @property
    def line(self) -> int:
        return self.lines[0]

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, offset in that line) of a character offset within the sentence."""
        pos = 0
        for ln, s, e in self.spans:
            n = e - s
            if offset <= pos + n:
                return ln, s + (offset - pos)
            pos += n + 1
        ln, s, e = self.spans[-1]
        return ln, e


_BULLET = re.compile(r"^\s*(?:[*•·▪◦‣-]|\d{1,3}[.)](?=\s))\s*")
_TABLE = re.compile(r"^\s*\|")
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|approx|no|nos|fig|dr|mr|mrs|ms|st|inc|ltd|co)\.|\.\.\.)$", re.I)


class Doc:
    """The numbered lines of a text, which of them structured readers used, and which numbers were used."""

    def __init__(self, text: str):
        self.raw = str(text)
        self.lines: list[str] = normalize(self.raw).split("\n")
        self.used: dict[int, str] = {}                  # line -> what read it
        self.consumed: dict[int, list[tuple[int, int]]] = {}   # line -> spans of numbers used
        self.claimed: dict[tuple, str] = {}             # sentence key -> role
        self._sentences: list[Sentence] | None = None

    # ---- lines --------------------------------------------------------------------------------
    def line(self, no: int) -> str:
        return self.lines[no - 1]

    def numbered(self):
        return enumerate(self.lines, start=1)

    def is_bullet(self, no: int) -> bool:
        return bool(_BULLET.match(self.lines[no - 1])) and not self.is_table(no)

    def is_table(self, no: int) -> bool:
        return bool(_TABLE.match(self.lines[no - 1]))

    def use(self, lines, by: str) -> None:
        for ln in ([lines] if isinstance(lines, int) else lines):
            self.used.setdefault(ln, by)
        self._sentences = None

    # ---- numbers ------------------------------------------------------------------------------
    def consume(self, line: int, start: int, end: int) -> None:
        if start < 0:
            return
        self.consumed.setdefault(line, []).append((start, end))

    def consume_value(self, v: Value) -> Value:
        self.consume(v.line, v.start, v.end)
        return v

    def is_consumed(self, line: int, start: int, end: int) -> bool:
        return any(s <= start and end <= e or (start <= s < end) for s, e in self.consumed.get(line, []))

    def value_at(self, line: int, num: Num) -> Value:
        return Value(num.value, line, num.text, num.unit, num.start, num.end, num.percent)

    # ---- prose --------------------------------------------------------------------------------
    def sentences(self) -> list[Sentence]:
        """Prose sentences (lines no structured reader used), joined across line breaks within a paragraph."""
        if self._sentences is not None:
            return self._sentences
        out: list[Sentence] = []
        para: list[tuple[int, str]] = []

        def flush():
            if not para:
                return
            text, spans, pos = "", [], 0
            for ln, t in para:
                s = len(t) - len(t.lstrip())
                t2 = t.strip()
                if text:
                    text += " "
                spans.append((ln, s, s + len(t2)))
                text += t2
            out.extend(_split_sentences(text, spans))
            para.clear()

        for no, t in self.numbered():
            if not t.strip() or no in self.used or self.is_table(no):
                flush()
                continue
            if self.is_bullet(no):
                flush()
                para.append((no, _BULLET.sub("", t)))
                flush()
                continue
            para.append((no, t))
        flush()
        self._sentences = out
        return out

    def claim(self, sent: Sentence, role: str) -> None:
        self.claimed.setdefault((sent.spans[0], sent.text), role)

    def role(self, sent: Sentence) -> str | None:
        return self.claimed.get((sent.spans[0], sent.text))

    def sentence_numbers(self, sent: Sentence) -> list[tuple[Num, int, int]]:
        """(number, line, offset in line) of every number in a sentence."""
        out = []
        for n in numbers(sent.text):
            ln, off = sent.locate(n.start)
            out.append((n, ln, off))
        return out

    def sentence_value(self, sent: Sentence, num: Num) -> Value:
        ln, off = sent.locate(num.start)
        return Value(num.value, ln, num.text, num.unit, off, off + (num.end - num.start), num.percent)

    def unconsumed_numbers(self, sent: Sentence) -> list[Num]:
        out = []
        for n in numbers(sent.text):
            if n.index:
                continue
            ln, off = sent.locate(n.start)
            if not self.is_consumed(ln, off, off + (n.end - n.start)):
                out.append(n)
        return out


def _split_sentences(text: str, spans) -> list[Sentence]:
    out = []
    start = 0
    for m in re.finditer(r"[.!?](?=\s+[\"'(]?[A-Z*\d])|[.!?]$", text):
        end = m.end()
        piece = text[start:end]
        if _ABBREV.search(piece) or re.search(r"\d\.$", piece) and re.match(r"\s+\d", text[end:]):
            continue
        out.append((start, end))
        start = end
    if start < len(text) and text[start:].strip():
        out.append((start, len(text)))
    sents = []
    for s, e in out:
        while s < e and text[s] == " ":
            s += 1
        sub_spans, pos = [], 0
        for ln, ls, le in spans:
            n = le - ls
            a, b = pos, pos + n
            lo, hi = max(a, s), min(b, e)
            if lo < hi or (lo == hi and a <= s < b):
                sub_spans.append((ln, ls + (lo - a), ls + (hi - a)))
            pos = b + 1
        if not sub_spans:
            continue
        sents.append(Sentence(text[s:e], sorted({x[0] for x in sub_spans}), sub_spans))
    return sents


_UNIT_KEYS = [
    (r"^(?:kg|kgs|kilo(?:gram)?s?)$", "kg"), (r"^(?:t|tonnes?|tons?|metric tons?)$", "t"),
    (r"^(?:lbs?|pounds?)$", "lb"), (r"^(?:g|grams?)$", "g"),
    (r"^(?:m3|cubic met(?:er|re)s?|cbm)$", "m3"), (r"^(?:ft3|cu ft|cubic f(?:ee|oo)t)$", "ft3"),
    (r"^(?:l|lit(?:er|re)s?)$", "l"), (r"^(?:km|kilomet(?:er|re)s?)$", "km"), (r"^(?:mi|miles?)$", "mi"),
    (r"^(?:m|met(?:er|re)s?)$", "m"), (r"^(?:mm|millimet(?:er|re)s?)$", "mm"), (r"^(?:min|mins|minutes?)$", "min"),
    (r"^(?:h|hrs?|hours?)$", "h"), (r"^(?:gb|gigabytes?)$", "gb"), (r"^(?:units?)$", "unit"),
]


def unit_key(unit: str) -> str:
    """A canonical key for a unit so that 'kilograms' and 'kg', 'cubic meters' and 'm3' compare equal."""
    u = " ".join(str(unit).lower().replace(".", "").split())
    if not u:
        return ""
    for words in (u, " ".join(u.split()[:2]), u.split()[0]):
        for pat, key in _UNIT_KEYS:
            if re.match(pat, words):
                return key
    return u.split()[0]


def units_compatible(a: str, b: str) -> bool:
    """Whether two unit texts can name the same unit ('units' and 'mass units', 'kg' and 'kilograms')."""
    if not a or not b:
        return True
    if unit_key(a) == unit_key(b):
        return True
    ka = {unit_key(w) for w in str(a).lower().split()}
    kb = {unit_key(w) for w in str(b).lower().split()}
    return bool(ka & kb)


_CLAUSE_CUT = re.compile(r";|, plus\b|\bplus\b|, and\b|, while\b|, but\b|, whereas\b|\band no\b|\band the\b")


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence (cut at ';', ', plus', ', and', ', but', ...)."""
    cuts = [0]
    for m in _CLAUSE_CUT.finditer(text):
        cuts += [m.start(), m.end()]
    cuts.append(len(text))
    return [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts), 2) if cuts[k + 1] > cuts[k]]


def sentence_of(doc: "Doc", v: Value):
    """The prose sentence that holds a value (by its line and offset), or None."""
    for s in doc.sentences():
        for ln, a, b in s.spans:
            if ln == v.line and a <= v.start <= b:
                return s
    return None
