"""Algebra written in prose: the formulas a sentence states, each as text the parser reads.

    "Subject to: 2x + y <= 100, x + y <= 80."      -> "2x + y <= 100", "x + y <= 80"
    "Maximize Z = 3x_1 + 2x_2"                       -> objective "maximize 3x_1 + 2x_2"
    "(i.e., $0 \\leq x \\leq 25$)", "x1: [0, 3000]"  -> "0 <= x", "x <= 25" (one bound per sign)

A formula is a run of formula tokens (numbers, symbols, + - * / ( ) and relation signs) that no
word of prose and no other punctuation breaks. A symbol is a name as algebra writes one: a letter
with an optional index (x, y, x1, x_2, x_{ij}), a name joined by '_' (units_A), or a name
multiplied by a number with '*' (3*chairs). A run states a constraint where a relation sign has a
symbol on one side of it; a chain (a <= x <= b) states one constraint per sign. A run without a
relation sign is the objective where the sentence says what to maximise or minimise before it.
A run the parser refuses is left to the prose readers; nothing is evaluated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .parse import Formula, FormulaError, parse_formula

# LaTeX and Unicode spellings of what the parser reads, written in ASCII
_LATEX = [(re.compile(r"\\(?:leq?slant|leq?|le)\b"), " <= "), (re.compile(r"\\(?:geq?slant|geq?|ge)\b"), " >= "),
          (re.compile(r"\\(?:cdot|times|ast)\b"), " * "), (re.compile(r"\\(?:left|right)\s*(?=[()])"), ""),
          (re.compile(r"\\[,;:! ]|~"), " "), (re.compile(r"\\%"), "%"), (re.compile(r"\\\$"), "$")]
_BRACED_INDEX = re.compile(r"(?<=[A-Za-z])_\{(\w+)\}")
_UNICODE = {"\u2264": " <= ", "\u2266": " <= ", "\u2265": " >= ", "\u2267": " >= ", "\u2212": "-",
            "\u00d7": " * ", "\u00b7": " * ", "\u2217": " * "}
# '$...$' around mathematics (a command, a relation sign, or a lone symbol inside), not two prices
_MATH_SPAN = re.compile(r"\$(?=[^$]{1,400}\$)([^$]*?)\$")
_MATH_INSIDE = re.compile(r"\\[A-Za-z]|[<>=]|^\s*[A-Za-z](?:_?\w+)?\s*$")
# 'x1: [0, 3000]', 'x \in [0, 25]': an interval, written as a chain
_NUM = r"-?\d+(?:\.\d+)?"
_INTERVAL = re.compile(r"\b([A-Za-z](?:_?\w+)?)\s*(?::|\\in\b|\u2208|\bin\b)\s*\[\s*(" + _NUM + r")\s*[,;]\s*("
                       + _NUM + r")\s*\]")

_TOKEN = re.compile(r"""
    (?P<ws>[ \t]+)
  | (?P<num>\$?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?%?|\$?\.\d+%?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<rel><=|>=|==|=<|=>|=|<|>)
  | (?P<op>[-+*/()])
  | (?P<other>.)
""", re.X | re.S)
SYMBOL = re.compile(r"[A-Za-z](?:\d+|_\w+)?|[A-Za-z]\w*_\w+")
_SENSE = re.compile(r"\b(?:(maximi[sz]e|maximum|max)|(minimi[sz]e|minimum|min))\b", re.I)
MAX_RUN = 400         # tokens; a longer run is no formula a sentence states


@dataclass(frozen=True)
class Found:
    """One formula: `text` for the parser, the span of the normalised sentence it was read from."""

    text: str
    start: int
    end: int
    objective: bool = False


def plain(text: str) -> str:
    """`text` with LaTeX and Unicode mathematics in ASCII ('$x \\leq 25$' -> 'x <= 25'), intervals as
    chains ('x1: [0, 3000]' -> '0 <= x1 <= 3000'); prose is left as it is."""
    for ch, asc in _UNICODE.items():
        text = text.replace(ch, asc)
    if "\\" in text:
        for pattern, repl in _LATEX:
            text = pattern.sub(repl, text)
    text = _BRACED_INDEX.sub(r"_\1", text)
    text = _MATH_SPAN.sub(lambda m: m.group(1) if _MATH_INSIDE.search(m.group(1)) else m.group(0), text)
    text = _INTERVAL.sub(lambda m: f"{m.group(2)} <= {m.group(1)} <= {m.group(3)}", text)
    return re.sub(r"[ \t]{2,}", " ", text)


def symbols(formula: str) -> list[str]:
    """The symbols of a formula's text, in order of first appearance ('maximize' aside)."""
    out: list[str] = []
    for kind, value, _, _ in _tokens(formula):
        if kind == "name" and _SENSE.fullmatch(value) is None and value not in out:
            out.append(value)
    return out


def _tokens(text: str):
    for m in _TOKEN.finditer(text):
        yield m.lastgroup, m.group(m.lastgroup), m.start(), m.end()


def _is_symbol(tokens: list, i: int) -> bool:
    kind, value = tokens[i][0], tokens[i][1]
    if kind != "name":
        return False
    if SYMBOL.fullmatch(value):
        return True
    before = next((tokens[j][1] for j in range(i - 1, -1, -1) if tokens[j][0] != "ws"), None)
    after = next((tokens[j][1] for j in range(i + 1, len(tokens)) if tokens[j][0] != "ws"), None)
    return "*" in (before, after)


def _runs(text: str) -> list[list[tuple]]:
    """Maximal runs of formula tokens: a word that is no symbol, or other punctuation, ends one."""
    tokens = list(_tokens(text))
    runs, run = [], []
    for i, tok in enumerate(tokens):
        last = next((t for t in reversed(run) if t[0] != "ws"), None)
        if tok[0] == "num" and last is not None and last[0] == "num":
            runs.append(run)            # '3000 0': two numbers side by side are no product; a run ends
            run = [tok]
        elif tok[0] in ("num", "rel", "op", "ws") or _is_symbol(tokens, i):
            run.append(tok)
        else:
            runs.append(run)
            run = []
    runs.append(run)
    return [r for r in (_trimmed(r) for r in runs) if r and len(r) <= MAX_RUN]


def _trimmed(run: list) -> list:
    while run and (run[0][0] == "ws" or run[0][0] == "op" and run[0][1] in "+*/)"):
        run = run[1:]
    while run and (run[-1][0] == "ws" or run[-1][0] in ("op", "rel") and run[-1][1] != ")"):
        run = run[:-1]
    return run


def _text(tokens: list) -> str:
    return "".join(t[1] for t in tokens).strip()


def _sides(run: list) -> tuple[list[list], list[str]]:
    sides, rels, cur = [], [], []
    for tok in run:
        if tok[0] == "rel":
            sides.append(cur)
            rels.append(tok[1])
            cur = []
        else:
            cur.append(tok)
    sides.append(cur)
    return sides, rels


def _has_symbol(tokens: list) -> bool:
    return any(t[0] == "name" for t in tokens)


@lru_cache(maxsize=512)
def parse_alone(text: str) -> Formula:
    """A formula's text parsed over its own symbols (an objective where it opens with 'maximize' or
    'minimize'); a FormulaError where it is no linear formula."""
    return parse_formula(text, symbols(text), objective=text.startswith(("maximize", "minimize")))


def _parses(text: str) -> bool:
    try:
        parse_alone(text)
    except FormulaError:
        return False
    return True


def _shortest_readable(left: list, rel: str, right: list, first: bool, last: bool):
    """`left rel right` as a formula, dropping up to three tokens of prose-glued symbols at the run's
    ends ('a 2x + y <= 4': the article 'a' is no term) until the parser reads it; None if it never does."""
    for drop_left in range(0, min(4, len(left)) if first else 1):
        for drop_right in range(0, min(4, len(right)) if last else 1):
            lhs = _trimmed(left[drop_left:])
            rhs = _trimmed(right[:len(right) - drop_right]) if drop_right else right
            if not lhs or not rhs or not (_has_symbol(lhs) or _has_symbol(rhs)):
                continue
            text = f"{_text(lhs)} {rel} {_text(rhs)}"
            if _parses(text):
                return text, lhs[0][2], rhs[-1][3]
    return None


def find_formulas(text: str) -> list[Found]:
    """The formulas `text` (already `plain`) states, in order. A bound that only says a decision is not
    negative ('x >= 0') is left out: decisions are not negative already."""
    out: list[Found] = []
    for run in _runs(text):
        sides, rels = _sides(run)
        if not rels:
            found = _objective(text, run)
            if found:
                out.append(found)
            continue
        named = [t for t in sides[0] if t[0] != "ws"]
        if len(rels) == 1 and rels[0] == "=" and len(named) == 1 and named[0][0] == "name" \
                and _has_symbol(sides[1]) and _sense_before(text, run[0][2]):
            found = _objective(text, sides[1])           # 'Maximize Z = 3x + 2y': Z names the objective
            if found:
                out.append(found)
                continue
        for k, rel in enumerate(rels):
            read = _shortest_readable(sides[k], rel, sides[k + 1], k == 0, k == len(rels) - 1)
            if read and not nonnegative(read[0]):
                out.append(Found(read[0], read[1], read[2]))
    return out


def _sense_before(text: str, at: int) -> str | None:
    """'maximize' / 'minimize' where the words before position `at` say so."""
    found = list(_SENSE.finditer(text, 0, at))
    if not found:
        return None
    return "maximize" if found[-1].group(1) else "minimize"


def _objective(text: str, run: list) -> Found | None:
    """A run without a relation sign after 'maximize'/'minimize': the objective, if it reads as one: a
    sum of two or more terms with symbols ('3x + 2y'); one term is prose as often as not ('$1000K',
    'option A (500)')."""
    run = _trimmed(run)
    sense = _sense_before(text, run[0][2]) if run else None
    if sense is None or not _has_symbol(run):
        return None
    if _symbol_terms(run) < 2:
        return None
    formula = f"{sense} {_text(run)}"
    return Found(formula, run[0][2], run[-1][3], objective=True) if _parses(formula) else None


def _symbol_terms(run: list) -> int:
    """How many terms of a sum hold a symbol ('3x + 2y - 4' has two; 'A (500)' one)."""
    terms, has = 0, False
    depth = 0
    for kind, value, _, _ in run:
        if kind == "op" and value in "()":
            depth += 1 if value == "(" else -1
        if kind == "op" and value in "+-" and depth == 0:
            terms, has = terms + has, False
        elif kind == "name":
            has = True
    return terms + has


def nonnegative(formula: str) -> bool:
    """A bound that only says a decision is not negative ('x >= 0', '0 <= x')."""
    return bool(re.fullmatch(r"\s*(?:[A-Za-z]\w*\s*>=\s*0(?:\.0+)?|0(?:\.0+)?\s*<=\s*[A-Za-z]\w*)\s*", formula))


def without(text: str, found: Iterable[Found]) -> str:
    """`text` with the formulas' spans cut out: the prose around them."""
    out, at = [], 0
    for f in sorted(found, key=lambda f: f.start):
        out.append(text[at:f.start])
        at = max(at, f.end)
    out.append(text[at:])
    return re.sub(r"\s{2,}", " ", "".join(out)).strip()
