"""An item x attribute table read from every sentence of a problem: which rate each decision has.

    'a batch of X costs $40 and a batch of Y costs $25'               cost   {x: 40, y: 25}
    'the fee is $4 an item for brand X, and for brand Y it is $6'     cost   {x: 4, y: 6}   (the key of the sentence)
    'returns of $8 and $2 go to X and Y respectively'                 return {x: 8, y: 2}
    'every crate of X brings a profit of $8 while every crate of Y ..' profit {x: 8, y: 2}
    'X: $5 per unit' (a 'name: value' line)                          its sentence's key

A row is keyed by the attribute words of its sentence (cost, profit, hours ...: `KEY_WORDS`, and the
unit word after its numbers). Pairing: 'respectively' lists; otherwise decisions and numbers that
alternate (number-decision or decision-number, one each). The objective takes the row its words
name ('minimise the total cost'), or the only money row; a limit stated in a unit ('at most 400
hours') takes the row of that unit; profit = price - cost when only those two are given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon
from .analysis import Analysis, analyse, respectively_numbers
from .mentions import singular
from .numbers import Num

# attribute words -> the key they mean
KEY_WORDS = {
    "cost": "cost", "costs": "cost", "costing": "cost", "expense": "cost", "expenses": "cost", "spend": "cost",
    "spending": "cost", "pay": "cost", "salary": "cost", "salaries": "cost", "wage": "cost", "wages": "cost",
    "price": "price", "prices": "price", "sells": "price", "sold": "price",
    "profit": "profit", "profits": "profit", "return": "return", "returns": "return", "revenue": "revenue",
    "revenues": "revenue", "earn": "profit", "earns": "profit", "gain": "profit", "gains": "profit",
    "income": "revenue", "earning": "profit", "earnings": "profit", "yield": "return", "yields": "return",
    "benefit": "return", "benefits": "return",
    "score": "score", "scores": "score", "points": "score", "effectiveness": "score", "impact": "score",
    "value": "score",
}
GAINS = {"profit", "return", "revenue", "score"}
_UNIT_AFTER = re.compile(r"\s*(?:units? of\s+)?([a-z]{3,})", re.I)


@dataclass
class Row:
    keys: set[str]
    values: dict[str, float]
    money: bool
    units: set[str] = field(default_factory=set)
    sentence: str = ""


# the decisions are sums of money: 'allocate its budget across X and Y', 'the funds invested in X'
_MONEY_DECISIONS = re.compile(
    r"\b(?:allocat|invest|distribut|divid|split|spread|shar|assign|apportion)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:budget|funds?|money|capital|dollars|investments?|savings)\b(?!\s+(?:of|for)\s+(?:\w+\s+){0,2}(?:hours?|units?))"
    r"|\b(?:budget|funds?|money|capital|amount)s?\s+(?:allocated|invested|assigned|spent|put)\s+(?:to|in|on|into|for)\b",
    re.I)


@dataclass
class DataTable:
    rows: list[Row]
    money_decisions: bool = False       # the decisions are amounts of money (a money limit is their sum)

    def for_objective(self, text: str) -> tuple[dict[str, float], str] | None:
        """({decision: coefficient}, why) for an objective of these words, or None."""
        words = _keys_of(text)
        named = [r for r in self.rows if r.keys & words]
        if named:
            return _merged(named), "the data row the objective names (" + ", ".join(sorted(words)) + ")"
        gains, costs = ([r for r in self.rows if r.keys & {k}] for k in ("price", "cost"))
        if "profit" in words and gains and costs:
            price, cost = _merged(gains), _merged(costs)
            return {v: price.get(v, 0.0) - cost.get(v, 0.0) for v in price}, "profit = price - cost"
        measured = _measured_in(self.rows, text)
        if measured:
            return _merged(measured[1]), f"the data row of what the objective totals ({measured[0]})"
        money = [r for r in self.rows if r.money]
        if len(money) == 1:
            return dict(money[0].values), "the only money rates the text gives"
        return None

    def weights(self, limit: Num, left: str) -> dict[str, float] | None:
        """The row a limit is stated in: money -> the money row the left side names (or the only one);
        otherwise the rows whose attribute the left side names ('has a rating of 5' for 'the combined
        ratings'), or None; None too where the decisions are amounts of money themselves (`own_unit`)."""
        words = _keys_of(left)
        if self.own_unit(limit):
            return None
        if limit.kind == "money":
            money = [r for r in self.rows if r.money]
            named = [r for r in money if r.keys & words]
            if named:
                return _merged(named)
            return dict(money[0].values) if len(money) == 1 else None
        # a count ('1000 units') is of the decisions themselves, unless the left side names what the
        # rows measure ('the combined ratings must be at least 100', 'package X has a rating of 5')
        words = {singular(w) for w in re.findall(r"[a-z]{4,}", left.lower())}
        named = [r for r in self.rows if words & _named_before(r.sentence)]
        return _merged(named) if named else None


    def own_unit(self, limit: Num) -> bool:
        """Whether a limit is stated in the decisions' own unit: money, where the decisions are amounts
        of money ('allocate the budget between X and Y ... the total cannot exceed $5000': X + Y)."""
        return limit.kind == "money" and self.money_decisions


# words of a question that name no quantity of their own
_PLAIN = {"what", "which", "the", "total", "minimum", "maximum", "least", "most", "lowest", "highest", "possible",
          "optimal", "amount", "number", "value", "overall", "combined", "would", "will", "this", "that", "their",
          "with", "your", "answer", "round", "rounded", "nearest", "dollar", "dollars", "whole", "find", "give",
          "calculate", "determine", "minimize", "minimise", "maximize", "maximise", "while", "meeting", "given",
          "these", "those", "constraints", "conditions", "units", "unit"}


# a sentence whose subject is what the sentence before named: 'Specifically, they are 0.2 for X, ...'
_POINTS_BACK = re.compile(r"^\W*(?:(?:specifically|namely|here|in particular|respectively),?\s+)?"
                          r"(?:they|these|those|this|it|the former)\b", re.I)


def _sentence_before(text: str, sentence: str) -> str:
    at = text.find(sentence[:40])
    if at <= 0:
        return ""
    before = text[:at].rstrip()
    starts = [m.end() for m in re.finditer(r"[.!?]\s+", before[:-1])]
    return before[starts[-1] if starts else 0:]


def _measured_in(rows: list[Row], text: str) -> tuple[str, list[Row]] | None:
    """(word, rows) where the objective totals a quantity no attribute word names ('the minimum total
    overhead') and exactly the rows whose numbers are measured in that word ('costs 2 points of
    overhead', '3 hours each') do."""
    words = {singular(w) for w in re.findall(r"[a-z]{4,}", text.lower())} - _PLAIN
    for w in sorted(words):
        hits = [r for r in rows if w in _measures(r.sentence)]
        if hits and (len(hits) < len(rows) or len(rows) == 1):
            return w, hits
    return None


_MEASURE = re.compile(r"\d(?:[\d,.]*\d)?\s+([a-z]{3,})(?:\s+of\s+(?:the\s+)?([a-z]{3,}))?", re.I)
# an attribute named before its number: 'has a rating of 5', 'a noise level of 3'
_NAMED_BEFORE = re.compile(r"\b(?:an?|the|its)\s+(?:[a-z]+\s+)?([a-z]{4,})\s+of\s+\$?\d", re.I)


def _measures(sentence: str) -> set[str]:
    """The words a sentence's numbers are measured in: '2 points of overhead' -> point, overhead; and
    the noun before an attribute word: 'yields fatigue scores' -> fatigue."""
    words = {singular(w.lower()) for m in _MEASURE.finditer(sentence) for w in m.groups() if w}
    # the noun that names an attribute: 'fatigue scores', 'planting costs'
    words |= {singular(m.group(1).lower()) for m in _BEFORE_KEY.finditer(sentence)}
    return words | _named_before(sentence)


def _named_before(sentence: str) -> set[str]:
    return {singular(m.group(1).lower()) for m in _NAMED_BEFORE.finditer(sentence)}


_BEFORE_KEY = re.compile(r"\b([a-z]{4,})\s+(?:" + "|".join(sorted(KEY_WORDS, key=len, reverse=True)) + r")\b", re.I)


def _merged(rows: list[Row]) -> dict[str, float]:
    out: dict[str, float] = {}
    for r in rows:
        for v, x in r.values.items():
            out.setdefault(v, x)
    return out


def _keys_of(text: str) -> set[str]:
    return {KEY_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in KEY_WORDS}


def _unit_after(text: str, at: int) -> str | None:
    m = _UNIT_AFTER.match(text, at)
    return singular(m.group(1).lower()) if m else None


def rows_of(a: Analysis) -> list[Row]:
    """The rows one sentence gives (see the module docstring)."""
    pairs = paired_numbers(a)
    if not pairs:
        return []
    nums = list(pairs.values())
    keys = _keys_of(a.text)
    units = {u for n in nums if (u := _unit_after(a.text, n.end))}
    money = any(n.kind == "money" for n in nums)
    if money and not keys:
        keys = {"cost"} if re.search(r"\b(?:pay|spend|charge|fee)", a.text, re.I) else set()
    return [Row(keys, {v: n.value for v, n in pairs.items()}, money, units, a.text)]


def paired_numbers(a: Analysis) -> dict[str, Num]:
    """{decision: its number} of a sentence: a 'respectively' list, else decisions and numbers that alternate."""
    return respectively_numbers(a) or _alternating(a)


def _alternating(a: Analysis) -> dict[str, Num]:
    """Decisions and numbers that alternate one by one: 'N for X and M for Y' or 'X ... N, Y ... M'."""
    seq: list[tuple[str, object]] = []
    # 'one unit', 'a unit' name the unit a rate is of, not a rate
    values = [n for n in a.values if not (n.kind == "word" and n.value == 1)]
    events = sorted([(m.start, "m", m.var) for m in a.mentions] +
                    [(n.start, "n", n) for n in values], key=lambda e: e[0])
    for _, kind, x in events:
        if seq and seq[-1][0] == kind == "m" and seq[-1][1] == x:
            continue          # 'project X ... X' written twice in a row
        seq.append((kind, x))
    kinds = [k for k, _ in seq]
    if len(seq) < 2 or len(seq) % 2 or any(kinds[i] == kinds[i + 1] for i in range(len(kinds) - 1)):
        return {}
    out: dict[str, Num] = {}
    for i in range(0, len(seq), 2):
        first, second = seq[i], seq[i + 1]
        var, num = (first[1], second[1]) if first[0] == "m" else (second[1], first[1])
        if var in out:
            return {}
        out[var] = num
    if len(out) == 1 and not re.search(r"\b(?:each|per|every|a unit|one unit)\b", a.text, re.I):
        return {}           # one decision, one number, no rate word: a bound, not a rate
    return out


def of(problem) -> DataTable:
    """The data table of a problem's facts and statements (built once per problem and variables)."""
    key = (id(problem.variables), len(problem.facts), len(problem.paragraphs))
    cached = getattr(problem, "_data_table", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    rows: list[Row] = []
    statements = [p.text for p in problem.paragraphs
                  if not any(c.strength == 2 for c in lexicon.directions(p.text))]   # bounds are no rates
    for text in list(problem.facts) + statements:
        rows += rows_of(analyse(text, problem.variables))
    for r in rows:
        if not r.keys and _POINTS_BACK.match(r.sentence):
            r.keys = _keys_of(_sentence_before(problem.text, r.sentence))
    table = DataTable(rows, bool(_MONEY_DECISIONS.search(problem.text)))
    problem._data_table = (key, table)
    return table
