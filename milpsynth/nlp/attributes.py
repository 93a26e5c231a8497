"""Attributes of the variables stated anywhere in a description: 'A magazine ad costs $1000 and
attracts 10000 viewers' -> cost {magazine_ads: 1000}, viewers {magazine_ads: 10000}.

A statement that bounds a weighted sum without listing its coefficients ("The seller has at most
$200 to spend") or an objective that names only what it optimises ("maximise the number of
coconuts") takes the coefficients of the attribute whose words it shares.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cues
from .analysis import Analysis, analyse, categories, category_pattern, clauses, respectively
from .mentions import singular

# words that mean the same attribute in these problems, mapped to one key
SYNONYMS = {
    "cost": "cost", "costs": "cost", "spend": "cost", "spent": "cost", "budget": "cost", "price": "cost",
    "pay": "cost", "paid": "cost", "pays": "cost", "wage": "cost", "salary": "cost", "expense": "cost",
    "expenses": "cost", "invest": "cost", "investment": "cost", "fund": "cost",
    "hour": "time", "minute": "time", "time": "time", "labor": "time", "labour": "time", "day": "time",
    "profit": "profit", "earn": "profit", "earns": "profit", "net": "profit", "gain": "profit", "yield": "profit",
    "space": "space", "sq": "space", "ft": "space", "area": "space", "floor": "space", "feet": "space",
}
GENERIC = {"unit", "each", "per", "require", "need", "take", "make", "use", "contain", "produce", "amount",
           "number", "total", "item", "type", "kind", "this", "that", "these", "there", "their", "they",
           "have", "with", "from", "into", "most", "least", "more", "less", "than", "available", "must", "should",
           "will", "would", "could", "can", "cannot", "only", "also", "formulate", "maximize", "minimize",
           "maximise", "minimise", "many", "much", "what", "which", "how", "company", "store", "want", "wants",
           "able", "given", "used", "using", "well", "while", "the", "and", "for", "are", "its", "all",
           "every", "average", "has", "had", "was", "were", "been", "get", "gets",
           # verbs in -ing that name no resource ('making', 'producing'); other -ing words often do ('stitching')
           "she", "her", "his", "him", "hers", "our", "you", "your", "them", "it", "we",
           "making", "producing", "having", "being", "selling", "buying", "getting", "doing", "including",
           "following", "according", "remaining", "staying", "ensuring", "planning", "deciding", "trying"}
_WORD = re.compile(r"[A-Za-z]{3,}")


KEYS = set(SYNONYMS.values())     # broad kinds (cost, time, ...): shared by many attributes
_LOSS_WORDS = {"lose", "loss", "los", "lost", "losing", "deficit"}   # and their stems: a loss is a profit


def stem(word: str) -> str:
    """A light stem, so that 'mixing' meets 'mix' and 'measuring' 'measure' ('cutting' -> 'cut')."""
    w = word
    if w.endswith(("ing", "ed")) and len(w) > 5:
        w = w[:-3] if w.endswith("ing") else w[:-2]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousl":
            w = w[:-1]
        elif w.endswith("e") and len(w) > 4:     # 'stored' and 'store' both -> 'stor'
            w = w[:-1]
    elif w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def attribute_words(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text.lower()):
        w = singular(w)
        w = SYNONYMS.get(w, w)
        if w not in GENERIC:
            out.add(w if w in KEYS else stem(w))
    return out


_COUNTED = re.compile(r"\s*(?:(?:units?|pieces?)\s+of\s+)?([A-Za-z][A-Za-z-]*)(?:\s+of\s+([A-Za-z][A-Za-z-]*))?")
_NOT_COUNTED = {"of", "and", "or", "to", "per", "each", "every", "a", "an", "the", "more", "less", "fewer", "than",
                "times", "in", "on", "for", "at", "by", "from", "with", "but", "while", "is", "are", "was", "were",
                "percent", "units", "unit", "total", "as", "that", "which", "it", "this", "day", "days", "week",
                "weeks", "month", "months", "year", "years", "dollars"}


def counted(text: str, end: int) -> set[str]:
    """What the number ending at `end` counts, as an attribute word even if it is generic elsewhere
    ('can store 120 items' / 'must store at least 1500 items'; '30 minutes': time); 'units' and
    periods ('3 days') say nothing."""
    m = _COUNTED.match(text, end)
    if m is None or m.group(1).lower() in _NOT_COUNTED:
        return set()
    out = set()
    for w in filter(None, m.groups()):         # '800 samples of dirt': both
        w = SYNONYMS.get(singular(w.lower()), singular(w.lower()))
        if w not in _NOT_COUNTED:
            out.add(w if w in KEYS else stem(w))
    return out


def counts_the_decisions(problem, a: Analysis) -> bool:
    """A number of the statement counts what the question calls the decisions ('at least 100
    transportation methods' beside 'How many of each transportation method ...') or the unit the facts
    give their rates per ('20 trips' beside '$300 per trip'): a plain sum."""
    question = " ".join(q.text for q in problem.paragraphs if q.type == 0) or problem.text
    m = re.search(r"\bhow many (?:of )?(?:each|the) (?:(?:type|kind|sort) of )?([a-z][\w-]*(?: [a-z][\w-]*)?)",
                  question, re.I)
    called = attribute_words(m.group(1)) if m else set()
    for n in a.values:
        what = counted(a.text, n.end)
        if what & called or any(per_unit(problem, w) for w in what):
            return True
    return False


def per_unit(problem, word: str) -> bool:
    """The facts give rates per `word` ('costs $300 per trip', 'takes 12 hours per trip'): it is the
    unit the decisions count."""
    per = re.compile(r"\b(?:per|every|each)\s+" + re.escape(word) + r"s?\b", re.I)
    return sum(len(per.findall(f)) for f in problem.facts) >= 2


@dataclass
class Attribute:
    words: set[str]
    money: bool
    coefs: dict[str, float] = field(default_factory=dict)

    def score(self, words: set[str], money: bool | None) -> float:
        """Shared words, a specific one ('stitching') counting twice a broad kind ('time')."""
        shared = self.words & words
        overlap = len(shared) + len(shared - KEYS)
        if money is not None and overlap:
            overlap += 0.5 if money == self.money else -0.5
        return overlap

    def conflicts(self, words: set[str]) -> bool:
        """Both name something specific and they share none of it ('hours of measuring' and 'hours of
        stitching' are two attributes, though both are time)."""
        mine, theirs = self.words - KEYS, words - KEYS
        return bool(mine) and bool(theirs) and not (mine & theirs)


def _masked(a: Analysis, start: int, end: int) -> str:
    """The clause text without its mentions, numbers and the units of mentions ('pitcher of'): they
    are not attribute words."""
    chars = list(a.text[start:end])
    units = [re.search(r"\b[a-z]+\s+of\s+(?:the\s+)?$", a.text[max(0, m.start - 30):m.start], re.I) for m in a.mentions]
    units = [(m.start - len(u.group(0)), m.start) for m, u in zip(a.mentions, units) if u]   # 'per pitcher of'
    for span in [(m.start, m.end) for m in a.mentions] + [(n.start, n.end) for n in a.numbers] + units:
        for i in range(max(span[0], start), min(span[1], end)):
            chars[i - start] = " "
    return "".join(chars)


# 'two selections of protein shakes', 'two transfer methods': how many kinds there are, not a rate
_KINDS_COUNT = re.compile(r"\s+(?:[\w-]+\s+)?(?:types|kinds|selections|methods|options|sorts|varieties|models|"
                          r"products|ways|sizes|flavou?rs|choices|sets)\b", re.I)
_BOUNDED = re.compile(cues.UPPER.pattern + "|" + cues.LOWER.pattern, re.I)    # 'at least 40%' is no rate
_ALL = re.compile(r"\b(?:they both|both of them|each of them|all of them|they all|they each|both (?:products|"
                  r"models|types|kinds|items|options))\b", re.I)


def triples(a: Analysis, spans: list[tuple[int, int]], kinds: dict[str, list[str]] | None = None,
            everyone: list[str] | None = None, facts: bool = False) -> list[tuple[str, float, set[str], bool]]:
    """(var, value, words, money) for each clause with one number and one variable (or the sentence's
    single variable, for a clause like '... and cost $10 per trip'; or each decision of a kind the
    clause names, `kinds` = {head noun: decisions}: '3 hours for each cell-phone'; or `everyone`,
    the decisions, for 'They both require 0.5 hours'). A clause with no words of its own takes the
    words of the clause before ('$20 profit per pitcher of lemonade, and $15 per batch of brownies'),
    in `facts` (not statements) else its sentence's ('rate of return: solar, 6%; wind, 9%')."""
    out = _respectively_triples(a)
    if out:
        return out
    kind = category_pattern(kinds or {})
    sentence_end = 0
    for s, e in spans:
        if s >= sentence_end:       # a new sentence: forget the previous subject
            nxt = re.search(r"[.?!](?:\s|$)", a.text[s:])
            sentence_start, sentence_end = s, s + (nxt.end() if nxt else len(a.text) - s)
            last_var, last_words = None, None
        vars_here = list(dict.fromkeys(m.var for m in a.mentions if s <= m.start < e))
        if len(vars_here) == 1:
            last_var = vars_here[0]
        rates = [x for x in a.shares if x.kind == "percent" and not _BOUNDED.search(a.text, s, e)]   # a 2% return
        nums = [n for n in a.values + rates if s <= n.start < e and not _one_unit_of(a, n)
                and not _KINDS_COUNT.match(a.text, n.end)]
        if len(nums) != 1 or len(vars_here) > 1 and not _coordinated(a, s, e):
            continue
        names, masked = (vars_here if len(vars_here) > 1 else [last_var] if last_var else []), _masked(a, s, e)
        each = kind.search(a.text, s, e) if kind and not vars_here else None
        if each:
            names, masked = kinds[singular(each.group(0).split()[-1].split("-")[-1].lower())], \
                masked.replace(each.group(0), " ")
        elif not vars_here and everyone and _ALL.search(a.text, s, e):
            names = everyone
        money = nums[0].kind == "money"
        words = attribute_words(masked) | counted(a.text, nums[0].end)
        if not words and last_words and last_words[1] == money:
            words = last_words[0]
        if not words and facts:
            words = attribute_words(_masked(a, sentence_start, sentence_end))
        value = nums[0].value
        if nums[0].loss:              # 'each table loses $12': a profit of -12
            value, words = -value, (words - _LOSS_WORDS) | {"profit"}
        if names and words:
            out += [(v, value, words, money) for v in names]
            last_words = (words, money)
    return out


def _coordinated(a: Analysis, s: int, e: int) -> bool:
    """The clause's decisions are one list ('Each kg of maple syrup and maple candy requires 2 hours'):
    only commas and 'and'/'or' between them."""
    ms = [m for m in a.mentions if s <= m.start < e]
    return all(re.fullmatch(r"\s*(?:,\s*)?(?:and|or)?\s*", a.text[x.end:y.start]) for x, y in zip(ms, ms[1:]))


def _respectively_triples(a: Analysis) -> list[tuple[str, float, set[str], bool]]:
    """'$1500, $2500 and $5500 for A, B and C respectively', sentence by sentence."""
    out = []
    for m in re.finditer(r"[^.!?]+", a.text):
        pairs = respectively(a, m.start(), m.end())
        money = any(n.kind == "money" for n in a.values if m.start() <= n.start < m.end())
        words = attribute_words(_masked(a, m.start(), m.end())) if pairs else set()
        out += [(var, value, words, money) for var, value in pairs.items()] if words else []
    return out


def _one_unit_of(a: Analysis, n) -> bool:
    """'One unit of peppers contains 12 units of spice', '$3 for one strawberry topping': the 1
    measures the decision, not an attribute."""
    m = re.match(r"\s+(?:\w+\s+of\s+)?", a.text[n.end:]) if n.value == 1 else None
    return bool(m) and any(x.start == n.end + m.end() for x in a.mentions)


def build_table(found: list[tuple[str, float, set[str], bool]]) -> list[Attribute]:
    table: list[Attribute] = []
    for var, value, words, money in found:
        fits = [at for at in table if var not in at.coefs and not at.conflicts(words)]
        best = max(fits, key=lambda at: at.score(words, money), default=None)
        if best is not None and best.score(words, money) >= 1:
            best.coefs[var] = value
            best.words |= words
        else:
            table.append(Attribute(set(words), money, {var: value}))
    return table


def lookup(table: list[Attribute], text: str, money: bool | None, exclude: set[str] = frozenset(),
           extra: set[str] = frozenset()):
    """The attribute a statement refers to (best word overlap; `extra` words too), or None."""
    words = (attribute_words(text) | extra) - exclude
    # what the numbers count ('800 samples of dirt') weighs more than the rest of the statement
    scored = [(at.score(words, money) + len((at.words & extra) - KEYS), -i, at)
              for i, at in enumerate(table) if len(at.coefs) >= 2]
    scored = [x for x in scored if x[0] >= 1]
    if money is not None and any(x[2].money == money for x in scored):
        scored = [x for x in scored if x[2].money == money]      # a budget is spent, packages are carried
    kinds = extra & KEYS - {"cost"}
    if kinds and any(kinds <= x[2].words for x in scored):
        scored = [x for x in scored if kinds <= x[2].words]      # '8000 minutes available': a time
    if not scored:
        return None
    return max(scored, key=lambda x: (x[0], x[1]))[2]


def table_for(problem) -> list[Attribute]:
    """The attribute table of a problem (its facts, else its statements), built once, kept on the problem."""
    if not problem.attributes:
        found = []
        # facts state the data where there are any; statements' own numbers are right-hand sides then
        texts = list(problem.facts) or [p.text for p in problem.paragraphs]
        kinds = categories(problem.variables)
        everyone = [v.name for v in problem.variables.quantities]
        for text in texts:
            a = analyse(text, problem.variables)
            found += triples(a, clauses(a, facts=bool(problem.facts)), kinds, everyone, facts=bool(problem.facts))
        problem.attributes = build_table(found)
    return problem.attributes


def only_count(problem) -> Attribute | None:
    """The one non-money attribute the facts give every decision ('holds 12 orders', 'moves 20 people
    per minute'), or None when there are none or several."""
    n = len(problem.variables.quantities)
    rates = [at for at in table_for(problem) if not at.money and len(at.coefs) == n]
    return rates[0] if len(rates) == 1 else None


def referred_coefs(problem, a: Analysis, money: bool | None) -> dict[str, float]:
    """The coefficients of the attribute a statement refers to, or {}."""
    at = refer(problem, a, money)
    return dict(at.coefs) if at is not None else {}


def refer(problem, a: Analysis, money: bool | None, start: int = 0) -> Attribute | None:
    """The attribute a statement refers to by its words (from `start` on), or None; a bound in money
    whose words name none ('keep the wage bill below $200000') takes the only money attribute."""
    extra = set().union(*(counted(a.text, n.end) for n in a.values if n.start >= start))
    table = table_for(problem)
    found = lookup(table, _masked(a, start, len(a.text)), money, extra=extra)
    spent = [at for at in table if at.money and len(at.coefs) >= 2]
    return spent[0] if found is None and money and len(spent) == 1 else found
