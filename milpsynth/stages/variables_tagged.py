"""'variables' from an entity tagger: the VAR mentions it finds, grouped into decisions.

"truck", "trucks" and "each truck" are one decision; "dining tables" and "tables" too when no other
decision ends in "table". The decision is named after its first mention, as NL4Opt's annotators
did. Pure-binary problems, caller overrides and texts where the tagger finds no VAR fall back to
the rule-based stage.
"""
from __future__ import annotations

import re

from ..document import Problem
from ..nlp.mentions import find_mentions, fold, singular, surface_forms
from ..nlp.numbers import find_numbers
from .variables_rules import RuleVariables


# head nouns that stand for 'the kind of thing just named' ('the regular one', 'the single-load model')
GENERIC_HEADS = {"one", "ones", "model", "models", "type", "types", "kind", "kinds", "version", "versions",
                 "variety", "varieties", "option", "options", "system", "systems", "machine", "machines"}
_DROP = {"a", "an", "the", "each", "every", "per", "of", ""}
# tagged by mistake ('by delivery truck and by van' -> 'by'): never a decision
_FUNCTION_WORDS = _DROP | {"by", "and", "or", "in", "on", "at", "to", "for", "with", "from", "using", "either", "both"}


_LABELS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}


def _keys(mention: str, numbered: bool = False) -> set[tuple[str, ...]]:
    """Normalised word tuples of a mention: lower case, no articles, no generic head ('regular one' ->
    ('regular',)), last word singular (both readings of '-ies': 'hoodies' -> hoodie / hoody)."""
    words = [w.strip("'’\".,;:()") for w in fold(mention).lower().split()]
    while words and words[0] in _DROP:          # articles lead; 'mixture A' keeps its label
        words = words[1:]
    words = [w for w in words if w]
    if len(words) > 1 and words[-1] in GENERIC_HEADS and not (numbered and words[-1] == "one"):
        words = words[:-1]       # 'regular one', not 'all-in-one', nor 'area one' beside 'area two'
    words = [x for w in words for x in w.split("-") if x]
    if not words:
        return set()
    head = words[-1]
    heads = {singular(head)} | ({head[:-1]} if head.endswith("ies") else set())
    return {tuple(words[:-1] + [h]) for h in heads}


def _relation(k: tuple[str, ...], x: tuple[str, ...]) -> int:
    """How closely two keys name one decision: 0 the same, 1 one starts the other ('2-piece' / '2-piece
    suit'), drops middle words ('electric jacks' / 'electric pallet jacks') or spells one word longer
    ('electric-based' / 'electrical-based'), 2 one ends the other
    ('tables' / 'dining tables'), 3 unrelated."""
    if k == x:
        return 0
    if (k[0] == "non") != (x[0] == "non"):       # 'non-AC seats' is the other kind of 'AC seats'
        return 3
    short, long = sorted((k, x), key=len)
    if len(short) == len(long):
        differ = [(a, b) for a, b in zip(k, x) if a != b]    # 'electric-based' / 'electrical-based'
        return 1 if len(differ) == 1 and min(map(len, differ[0])) >= 6 and _extends(*differ[0]) else 3
    if long[:len(short)] == short:
        return 1
    if short[0] == long[0] and short[-1] == long[-1] and _subsequence(short, long):
        return 1
    return 2 if long[-len(short):] == short else 3


def _extends(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _subsequence(short, long) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def group_mentions(mentions: list[str]) -> list[list[str]]:
    """Mentions of the same decision, in order of first appearance.

    A mention joins the group it relates to most closely (`_relation`) when exactly one group is that
    close; a longer mention never joins a shorter one through its ending alone ('regular cell-phones'
    after 'cell-phone' starts a group). Then a group naming only what others end in is dropped: into
    the one group it ends, or as the category when it ends two or more ('cell-phones' beside 'regular'
    and 'foldable cell-phones', 'tables' beside two kinds of table)."""
    groups: list[list[str]] = []
    keys: list[set[tuple[str, ...]]] = []
    numbered = any(m.split()[-1].lower() in _LABELS for m in mentions if m.split())
    for m in mentions:
        ks = _keys(m, numbered)
        if not ks:
            continue
        closeness = [min(_relation(k, x) for k in ks for x in g) for g in keys]
        for i, g in enumerate(keys):
            if closeness[i] == 2 and max(map(len, ks)) > max(map(len, g)):
                closeness[i] = 3
        best = min(closeness, default=3)
        near = [i for i, c in enumerate(closeness) if c == best]
        if best < 3 and len(near) == 1:
            groups[near[0]].append(m)
            keys[near[0]] |= ks
        else:
            groups.append([m])
            keys.append(set(ks))
    first = {i: i for i in range(len(groups))}          # where each group first appeared
    for i in range(len(groups)):
        ends = [j for j in range(len(groups)) if j != i and groups[j] and _ends(keys[i], keys[j], True)]
        if len(ends) == 1:
            ends = [j for j in ends if _ends(keys[i], keys[j], False)]  # one other: only by its very words
        if len(ends) == 1:
            j = ends[0]
            groups[j] = groups[i] + groups[j] if first[i] < first[j] else groups[j] + groups[i]
            first[j] = min(first[i], first[j])
            keys[j] |= keys[i]
        if ends:
            groups[i], keys[i] = [], set()
    return [g for _, g in sorted((first[i], g) for i, g in enumerate(groups) if g)]


def _ends(short_keys: set[tuple[str, ...]], long_keys: set[tuple[str, ...]], head: bool) -> bool:
    """Every key of the first group ends or starts a longer key of the second ('refrigerator' /
    'refrigerator XYZ'), or (with `head`) is its head noun ('vending machines' / 'single-load machine')."""
    return bool(short_keys) and all(
        any(len(x) > len(k) and x[0] != "non" and (x[-len(k):] == k or x[:len(k)] == k or (head and x[-1] == k[-1]))
            for x in long_keys)
        for k in short_keys)


def _measured(text: str, group: list[str], others: list[list[str]]) -> bool:
    """A noun counted per unit of another decision ('The rickshaws can take 50 coconuts each'; '35 au
    of the acidic liquid per minute'): a number right before it (or before its measure), another decision earlier in the same sentence, and 'each'/'per'/'every'
    after it. Such a noun is a total of the decisions (an objective or a constraint), not one."""
    forms = "|".join(re.escape(m.strip()) for m in sorted(set(group), key=len, reverse=True))
    other = "|".join(re.escape(m.strip()) for g in others for m in g)
    if not forms or not other:
        return False
    rate = re.compile(r"(?:^|[.!?]\s)[^.!?]*?\b(?:" + other + r")\b[^.!?]*?\b\d[\d,.]*\s+(?:\w+\s+of\s+(?:the\s+)?)?(?:" + forms
                      + r")\b[^.!?]{0,30}?\b(?:each|per|every|a (?:trip|day|hour|week|month))\b", re.I)
    return bool(rate.search(text))


def _contained(text: str, group: list[str], others: list[list[str]]) -> bool:
    """What the decisions hold ('tubs of ice cream', 'a cone of ice cream', '3 oz of ice cream'): most
    of its uses follow another decision or a measure, and 'of'."""
    forms = "|".join(re.escape(f) for m in sorted(set(group), key=len, reverse=True) for f in surface_forms(m.strip()))
    other = "|".join(re.escape(f) for g in others for m in g for f in surface_forms(m.strip()))
    if not forms or not other:
        return False
    uses = list(re.finditer(r"\b(?:" + forms + r")\b", text, re.I))
    held = [u for u in uses if re.search(r"(?:\b(?:" + other + r")|\d[\d,.]*\s+[\w-]+)\s+of\s+(?:the\s+)?$",
                                         text[max(0, u.start() - 60):u.start()], re.I)]
    return len(held) >= 2 and 2 * len(held) > len(uses)


_CLAUSE = re.compile(r"[.;:,?!]\s|\s(?:and|while|whereas|but)\s")


_CARRY = re.compile(r"\b(?:transport|carry|carries|take|takes|deliver|delivers|hold|holds|move|moves|ship|ships|"
                    r"serve|serves)\s+(?:[\w-]+\s+(?:and|or)\s+|[\w-]+,\s+)*$", re.I)


def _cargo(text: str, group: list[str]) -> bool:
    """Every use is the object of a carrying verb ('a gondola can transport skiers and snowboarders'):
    what the decisions carry, not a decision."""
    forms = "|".join(re.escape(f) for m in sorted(set(group), key=len, reverse=True) for f in surface_forms(m.strip()))
    uses = list(re.finditer(r"\b(?:" + forms + r")\b", text, re.I)) if forms else []
    return bool(uses) and all(_CARRY.search(text[max(0, u.start() - 60):u.start()]) for u in uses)


def _is_verb(text: str, group: list[str]) -> bool:
    """A one-word 'decision' always followed by an article ('entertains a kid') is a verb."""
    words = {m.strip().lower() for m in group}
    if any(len(w.split()) > 1 for w in words):
        return False
    uses = [m for w in words for m in re.finditer(r"\b" + re.escape(w) + r"\b", text, re.I)]
    return bool(uses) and all(re.match(r"\s+(?:a|an|the|their|its|his|her)\b", text[m.end():], re.I) for m in uses)


def _acts(text: str, group: list[str], others: list[list[str]] = ()) -> bool:
    """A decision is the subject of some number ('Each truck carries 20 boxes': a number after it in
    its clause, none before, and no other decision between: not 'the children clothing maker may build
    a large line which requires 26 workers'; or it opens its clause and the sentence's next number
    comes before another decision: 'a gondola can transport skiers and snowboarders at 20 people per
    minute') and is not only ever a measure word ('3 glasses of milk')."""
    forms = {"x": sorted({f for m in group for f in surface_forms(m.strip())}, key=len, reverse=True),
             "other": sorted({f for g in others for m in g for f in surface_forms(m.strip())}, key=len, reverse=True)}
    subject = measure = total = 0
    for sentence in re.split(r"(?<=[.?!])\s+", fold(text)):
        for clause in _CLAUSE.split(sentence):
            found = find_mentions(clause, forms)
            for i, m in enumerate(found):
                if m.var != "x":
                    continue
                total += 1
                measure += bool(re.match(r"\s+of\b", clause[m.end:]))
                before = [n for n in find_numbers(clause[:m.start]) if n.text.lower() != "one"]   # 'One glass of'
                number = next(iter(find_numbers(clause[m.end:])), None)
                between = number and any(o.var == "other" and o.start < m.end + number.start for o in found[i + 1:])
                subject += bool(number and not before and not between) or _opens(clause, m, sentence, forms)
    return subject >= 1 and measure < total


def whole_words(text: str, start: int, end: int) -> tuple[str, int, int]:
    """A span grown to whole hyphenated words ('all-in-' -> 'all-in-one'), as (text, start, end)."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-" and start > 1 and text[start - 2].isalnum()):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "-" and end + 1 < len(text)
                               and text[end + 1].isalnum()):
        end += 1
    while end > start and text[end - 1] == "-":
        end -= 1
    return text[start:end], start, end


def adjacent_joined(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Spans with only spaces between them are one name ('all-in-one' + 'manufacturing line')."""
    out: list[tuple[str, int, int]] = []
    for m, s, e in spans:
        if out and out[-1][2] <= s and not text[out[-1][2]:s].strip():
            s = out.pop()[1]
            m = text[s:e]
        out.append((m, s, e))
    return out


def _rate_unit(text: str, mention: str) -> bool:
    """A one-word mention that numbers are given per, twice or more ('costs 500 dollars for each shift
    ... 300 dollars for each shift'): the unit of the rates, not a decision."""
    word = mention.strip()
    if len(word.split()) != 1 or not word:
        return False
    forms = "|".join(re.escape(f) for f in {word, singular(word), singular(word) + "s"})
    per = re.compile(r"\d[^.,;]{0,40}?\b(?:per|for each|for every|each|every)\s+(?:" + forms + r")\b", re.I)
    return len(per.findall(text)) >= 2


def with_model_numbers(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """'Analyzer 3000' tagged as 'Analyzer': a capitalised name whose number follows it each time the
    name is used (twice or more) is one name; its number is not a quantity."""
    out = []
    for m, s, e in spans:
        num = re.match(r"\s\d+\b(?![.,]\d)", text[e:])
        if num and m[:1].isupper():
            name = m + num.group(0)
            uses = len(re.findall(r"\b" + re.escape(m) + r"\b", text))
            if uses >= 2 and len(re.findall(r"\b" + re.escape(name) + r"\b", text)) == uses:
                m, e = name, e + num.end()
        out.append((m, s, e))
    return out


_COORDINATION = re.compile(r"\s*(?:,\s*)?(?:and|or|,)\s*$|\s*,\s*$", re.I)


def distribute_heads(text: str, spans: list[tuple[str, int, int]]) -> list[str]:
    """Mentions with a head noun shared over coordinated modifiers: in 'foldable and regular
    cell-phones' (tagged 'foldable', 'regular cell-phones') the first is 'foldable cell-phones' when
    the text says 'foldable cell-phone' somewhere; 'small or large production lines' likewise.
    `spans`: (mention, start, end) in text order."""
    out = [m for m, _, _ in spans]
    for i in range(len(spans) - 1):
        (m1, _, e1), (m2, s2, e2) = spans[i], spans[i + 1]
        first, second = m1.split(), m2.split()
        if len(first) != 1 or len(second) < 2 or not _COORDINATION.fullmatch(text[e1:s2]):
            continue
        rest = second[1:]
        said = r"\b" + re.escape(first[0]) + r"\s+" + r"\s+".join(map(re.escape, rest[:-1] + [singular(rest[-1])]))
        if re.search(said, text[e2:], re.I):
            out[i] = " ".join(first + rest)
    return out


def _ones(name: str, others: list[str]) -> list[str]:
    """'premium one(s)' for 'premium mobile phones' beside 'economical mobile phones': the words that
    tell it from another decision with the same head noun, and 'one'."""
    words = name.split()
    for other in others:
        theirs = other.split()
        k = 0
        while k < min(len(words), len(theirs)) - 1 and singular(words[-1 - k].lower()) == singular(theirs[-1 - k].lower()):
            k += 1
        if k and singular(words[-1].lower()) == singular(theirs[-1].lower()):
            prefix = " ".join(words[:-k])
            return [prefix + " one", prefix + " ones"]
    return []


def _without(problem: Problem, groups: list[list[str]], why: str, test) -> list[list[str]]:
    """The groups but those `test(group, other_groups)` finds are no decisions, when two or more remain;
    a warning names them."""
    out = [g for g in groups if test(g, [o for o in groups if o is not g])]
    if not out or len(groups) - len(out) < 2:
        return groups
    problem.warnings.append(f"not decisions ({why}): " + ", ".join(g[0].strip() for g in out))
    return [g for g in groups if not any(g is x for x in out)]


def _opens(clause: str, m, sentence: str, forms: dict) -> bool:
    """The mention opens its clause ('a gondola can ...') and the sentence's next number comes before
    any other decision's mention."""
    if not re.fullmatch(r"\s*(?:(?:a|an|the|each|every)\s+)?", clause[:m.start], re.I):
        return False
    rest = sentence[sentence.find(clause) + m.end:]
    number = next(iter(find_numbers(rest)), None)
    other = next((o for o in find_mentions(rest, forms) if o.var == "other"), None)
    return number is not None and (other is None or number.start < other.start)


class TaggedVariables(RuleVariables):
    name = "tagger"

    def __init__(self, tagger=None):
        self._tagger = tagger

    @property
    def tagger(self):
        if self._tagger is None:
            from ..tagger import load_tagger
            self._tagger = load_tagger()
        return self._tagger

    def _candidates(self, problem: Problem, objective_text: str) -> list[tuple[str, list[str]]]:
        entities = self.tagger.tag([problem.text])[0]
        spans = [whole_words(problem.text, e.start, e.end) for e in entities if e.label == "VAR"]
        spans = [x for x in spans if x[0].lower() not in _FUNCTION_WORDS]    # 'by' in 'by delivery truck'
        found = with_model_numbers(problem.text, adjacent_joined(problem.text, spans))
        found = [f for f in found if not _rate_unit(problem.text, f[0])] or found
        groups = group_mentions(distribute_heads(problem.text, found))
        if len(groups) < 2:        # the tagger missed a decision ('pencils' beside 'pens'): the rules' list
            ruled = super()._candidates(problem, objective_text)
            if len(ruled) >= 2 or not groups:
                if groups:
                    problem.warnings.append("the tagger found one decision; the decisions are read by the rules")
                return ruled
        text = problem.text
        for why, test in [
                ("what they carry or make (counted per unit of a decision)", lambda g, o: _measured(text, g, o)),
                ("verbs", lambda g, o: _is_verb(text, g)),
                ("what they carry ('can transport skiers and snowboarders')", lambda g, o: _cargo(text, g)),
                ("never the subject of a number, or only a measure ('glasses of ...')", lambda g, o: not _acts(text, g, o)),
                ("what they hold ('tubs of ice cream')", lambda g, o: _contained(text, g, o))]:
            groups = _without(problem, groups, why, test)
        return [(g[0].strip(), [m.strip() for m in g[1:]] + _ones(g[0], [o[0] for o in groups if o is not g]))
                for g in groups]


class AutoVariables:
    """Free text (split into statements) -> the tagger, where it is installed; paragraph input -> rules.

    The tagger learnt NL4Opt's free-text documents; a description written one statement per
    paragraph names its decisions in the objective paragraph's enumeration, which the rules read."""

    name = "auto"

    def __init__(self):
        self.rules = RuleVariables()
        self._tagged = None

    def __call__(self, problem: Problem) -> Problem:
        if problem.split and self._tagger_ready():
            return self._tagged(problem)
        return self.rules(problem)

    def _tagger_ready(self) -> bool:
        if self._tagged is None:
            from ..tagger import shipped_available
            if not shipped_available():
                return False
            self._tagged = TaggedVariables()
        return True
