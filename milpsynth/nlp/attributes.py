"""Attributes of the variables stated anywhere in a description: 'A magazine ad costs $1000 and
attracts 10000 viewers' -> cost {magazine_ads: 1000}, viewers {magazine_ads: 10000}.

A statement that bounds a weighted sum without listing its coefficients ("The seller has at most
$200 to spend") or an objective that names only what it optimises ("maximise the number of
coconuts") takes the coefficients of the attribute whose words it shares.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import Analysis
from .mentions import singular

# words that mean the same attribute in these problems, mapped to one key
SYNONYMS = {
    "cost": "cost", "costs": "cost", "spend": "cost", "spent": "cost", "budget": "cost", "price": "cost",
    "pay": "cost", "expense": "cost", "expenses": "cost", "invest": "cost", "investment": "cost", "fund": "cost",
    "hour": "time", "minute": "time", "time": "time", "labor": "time", "labour": "time", "day": "time",
    "profit": "profit", "earn": "profit", "earns": "profit", "net": "profit", "gain": "profit", "yield": "profit",
    "space": "space", "sq": "space", "ft": "space", "area": "space", "floor": "space", "feet": "space",
}
GENERIC = {"unit", "each", "per", "require", "need", "take", "make", "use", "contain", "produce", "amount",
           "number", "total", "item", "type", "kind", "product", "this", "that", "these", "there", "their", "they",
           "have", "with", "from", "into", "most", "least", "more", "less", "than", "available", "must", "should",
           "will", "would", "could", "can", "cannot", "only", "also", "formulate", "maximize", "minimize",
           "maximise", "minimise", "many", "much", "what", "which", "how", "company", "store", "want", "wants",
           "able", "given", "used", "using", "well", "while", "the", "and", "for", "are", "its", "all",
           # verbs in -ing that name no resource ('making', 'producing'); other -ing words often do ('stitching')
           "making", "producing", "having", "being", "selling", "buying", "getting", "doing", "including",
           "following", "according", "remaining", "staying", "ensuring", "planning", "deciding", "trying"}
_WORD = re.compile(r"[A-Za-z]{3,}")


def attribute_words(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text.lower()):
        w = singular(w)
        w = SYNONYMS.get(w, w)
        if w not in GENERIC:
            out.add(w)
    return out


@dataclass
class Attribute:
    words: set[str]
    money: bool
    coefs: dict[str, float] = field(default_factory=dict)

    def score(self, words: set[str], money: bool | None) -> float:
        overlap = len(self.words & words)
        if money is not None and overlap:
            overlap += 0.5 if money == self.money else -0.5
        return overlap


def _masked(a: Analysis, start: int, end: int) -> str:
    """The clause text without its mentions and numbers (they are not attribute words)."""
    chars = list(a.text[start:end])
    for span in [(m.start, m.end) for m in a.mentions] + [(n.start, n.end) for n in a.numbers]:
        for i in range(max(span[0], start), min(span[1], end)):
            chars[i - start] = " "
    return "".join(chars)


def triples(a: Analysis, clauses: list[tuple[int, int]]) -> list[tuple[str, float, set[str], bool]]:
    """(var, value, words, money) for each clause with one number and one variable (or the sentence's
    single variable, for a clause like '... and cost $10 per trip')."""
    out = []
    last_var = None
    sentence_end = 0
    for s, e in clauses:
        if s >= sentence_end:       # a new sentence: forget the previous subject
            nxt = re.search(r"[.?!](?:\s|$)", a.text[s:])
            sentence_end = s + (nxt.end() if nxt else len(a.text) - s)
            last_var = None
        vars_here = list(dict.fromkeys(m.var for m in a.mentions if s <= m.start < e))
        nums = [n for n in a.values if s <= n.start < e
                and not (n.value == 1 and re.match(r"\s+\w+\s+of\b", a.text[n.end:]))]   # 'one unit of X'
        if len(vars_here) == 1:
            last_var = vars_here[0]
        if len(nums) != 1:
            continue
        var = vars_here[0] if len(vars_here) == 1 else (last_var if not vars_here else None)
        if var is None:
            continue
        words = attribute_words(_masked(a, s, e))
        if words:
            out.append((var, nums[0].value, words, nums[0].kind == "money"))
    return out


def build_table(found: list[tuple[str, float, set[str], bool]]) -> list[Attribute]:
    table: list[Attribute] = []
    for var, value, words, money in found:
        best = max(table, key=lambda at: at.score(words, money), default=None)
        if best is not None and best.score(words, money) >= 1 and var not in best.coefs:
            best.coefs[var] = value
            best.words |= words
        else:
            table.append(Attribute(set(words), money, {var: value}))
    return table


def lookup(table: list[Attribute], text: str, money: bool | None, exclude: set[str] = frozenset()):
    """The attribute a statement refers to (best word overlap), or None."""
    words = attribute_words(text) - exclude
    scored = [(at.score(words, money), -i, at) for i, at in enumerate(table) if len(at.coefs) >= 2]
    scored = [x for x in scored if x[0] >= 1]
    if not scored:
        return None
    return max(scored, key=lambda x: (x[0], x[1]))[2]


def table_for(problem) -> list[Attribute]:
    """The attribute table of a problem (facts and statements), built once and kept on the problem."""
    if not problem.attributes:
        from ..stages.generate_rules import _clauses
        from .analysis import analyse
        found = []
        for text in list(problem.facts) + [p.text for p in problem.paragraphs]:
            a = analyse(text, problem.variables)
            found += triples(a, _clauses(a))
        problem.attributes = build_table(found)
    return problem.attributes


def refer(problem, a: Analysis, money: bool | None) -> Attribute | None:
    """The attribute a statement refers to by its words, or None."""
    return lookup(table_for(problem), _masked(a, 0, len(a.text)), money)
