"""Which groups of tagged mentions are no decisions: what the decisions carry, hold or are measured
in, verbs, and nouns that are never the subject of a number. Each test reads the whole text."""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import Problem
from ..nlp.mentions import find_mentions, fold, surface_forms
from ..nlp.numbers import find_numbers

def is_measured(text: str, group: list[str], others: list[list[str]]) -> bool:
    """A noun counted per unit of another decision ('The rickshaws can take 50 coconuts each'; '35 au
    of the acidic liquid per minute'): a number right before it (or before its measure), another
    decision earlier in the same sentence, and 'each'/'per'/'every' after it. Such a noun is a total
    of the decisions (an objective or a constraint), not one."""
    forms = "|".join(re.escape(m.strip()) for m in sorted(set(group), key=len, reverse=True))
    other = "|".join(re.escape(m.strip()) for g in others for m in g)
    if not forms or not other:
        return False
    rate = re.compile(r"(?:^|[.!?]\s)[^.!?]*?\b(?:" + other + r")\b[^.!?]*?\b\d[\d,.]*\s+"
                      r"(?:\w+\s+of\s+(?:the\s+)?)?(?:" + forms
                      + r")\b[^.!?]{0,30}?\b(?:each|per|every|a (?:trip|day|hour|week|month))\b", re.I)
    return bool(rate.search(text))


def is_contained(text: str, group: list[str], others: list[list[str]]) -> bool:
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


def is_cargo(text: str, group: list[str]) -> bool:
    """Every use is the object of a carrying verb ('a gondola can transport skiers and snowboarders'):
    what the decisions carry, not a decision."""
    forms = "|".join(re.escape(f) for m in sorted(set(group), key=len, reverse=True) for f in surface_forms(m.strip()))
    uses = list(re.finditer(r"\b(?:" + forms + r")\b", text, re.I)) if forms else []
    return bool(uses) and all(_CARRY.search(text[max(0, u.start() - 60):u.start()]) for u in uses)


# a clause that gives a reason or a manner, to the end of its sentence: ', prioritizing digital
# platforms', 'to ensure wide reach', 'due to the interest of young buyers'
_ASIDE = re.compile(r"(?:,\s+(?:\w+ly\s+)?[a-z]+ing\b|\b(?:due to|because|since|so as to|so that|in order to|"
                    r"to ensure|to maintain|to guarantee|to promote|to support|to reflect)\b)[^.;!?]*$", re.I)


def is_aside(text: str, group: list[str]) -> bool:
    """Every use stands in a clause that gives a reason or a manner ('the budget for X must exceed Y's,
    prioritizing digital platforms'): what the decisions serve, not a decision."""
    forms = "|".join(re.escape(f) for m in sorted(set(group), key=len, reverse=True) for f in surface_forms(m.strip()))
    uses = list(re.finditer(r"\b(?:" + forms + r")\b", text, re.I)) if forms else []
    return bool(uses) and all(_ASIDE.search(_sentence_so_far(text, u.start())) for u in uses)


def _sentence_so_far(text: str, at: int) -> str:
    """The words of the sentence that holds position `at`, up to it."""
    start = max(text.rfind(". ", 0, at), text.rfind("? ", 0, at), text.rfind("! ", 0, at))
    return text[start + 1:at]


def is_verb(text: str, group: list[str]) -> bool:
    """A one-word 'decision' always followed by an article ('entertains a kid') is a verb."""
    words = {m.strip().lower() for m in group}
    if any(len(w.split()) > 1 for w in words):
        return False
    uses = [m for w in words for m in re.finditer(r"\b" + re.escape(w) + r"\b", text, re.I)]
    return bool(uses) and all(re.match(r"\s+(?:a|an|the|their|its|his|her)\b", text[m.end():], re.I) for m in uses)


def acts(text: str, group: list[str], others: list[list[str]] = ()) -> bool:
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


def _opens(clause: str, m, sentence: str, forms: dict) -> bool:
    """The mention opens its clause ('a gondola can ...') and the sentence's next number comes before
    any other decision's mention."""
    if not re.fullmatch(r"\s*(?:(?:a|an|the|each|every)\s+)?", clause[:m.start], re.I):
        return False
    rest = sentence[sentence.find(clause) + m.end:]
    number = next(iter(find_numbers(rest)), None)
    other = next((o for o in find_mentions(rest, forms) if o.var == "other"), None)
    return number is not None and (other is None or number.start < other.start)


def without_groups(problem: Problem, groups: list[list[str]], why: str, test) -> list[list[str]]:
    """The groups but those `test(group, other_groups)` finds are no decisions, when two or more remain;
    a warning names them."""
    out = [g for g in groups if test(g, [o for o in groups if o is not g])]
    if not out or len(groups) - len(out) < 2:
        return groups
    problem.warnings.append(f"not decisions ({why}): " + ", ".join(g[0].strip() for g in out))
    return [g for g in groups if not any(g is x for x in out)]


def _where(text: str, group: list[str], sentences: list[str] | None = None,
           by_word: dict[str, set[int]] | None = None) -> str:
    """The sentences of `text` that name the group (any surface form of one of its mentions): each
    test reads a group's uses and their sentences only, so the tests together read the text about
    once per decision it names in a sentence, not once per decision over the whole text. With
    `sentences` and `by_word` (word -> sentences holding it) only sentences holding the first word
    of a form are searched."""
    forms = sorted({f for m in group for f in surface_forms(m.strip()) if f}, key=len, reverse=True)
    if not forms:
        return ""
    named = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b", re.I)
    if sentences is None or by_word is None:
        sentences = _SENTENCES.split(text)
        ids = range(len(sentences))
    else:
        firsts = {w.group(0) for f in forms for w in (_WORDS.search(f.lower()), _WORDS.search(fold(f.lower()))) if w}
        ids = sorted(set().union(*(by_word.get(w, set()) for w in firsts)))
    return " ".join(sentences[k] for k in ids if named.search(sentences[k]) or named.search(fold(sentences[k])))


_SENTENCES = re.compile(r"(?<=[.?!])\s+")


def _named_in(text: str, others: list[list[str]], index: dict[str, list[int]] | None = None,
              groups: list[list[str]] | None = None) -> list[list[str]]:
    """The mentions of other groups that occur in `text` (the others are then a short list). With
    `index` (first word of a form -> positions in `groups`) only groups whose forms start with a word
    of the text are looked at: a form that occurs as words starts with one of the text's words."""
    low = text.lower()
    folded = fold(low)
    if index is not None:
        words = set(_WORDS.findall(low)) | set(_WORDS.findall(folded))
        near = {k for w in words for k in index.get(w, ())}
        allowed = {id(groups[k]) for k in near}
        others = [g for g in others if id(g) in allowed]
    out = []
    for g in others:
        kept = [m for m in g if any(f in low or f in folded for f in _lower_forms(m))]
        if kept:
            out.append(kept)
    return out


_WORDS = re.compile(r"\w+")


def _first_words(groups: list[list[str]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for k, g in enumerate(groups):
        for m in g:
            for f in _lower_forms(m):
                for first in (_WORDS.search(f), _WORDS.search(fold(f))):
                    if first:
                        index.setdefault(first.group(0), []).append(k)
    return index


@lru_cache(maxsize=8192)
def _lower_forms(mention: str) -> tuple[str, ...]:
    return tuple(f.lower() for f in surface_forms(mention.strip()) if f)


def drop_non_decisions(problem: Problem, groups: list[list[str]]) -> list[list[str]]:
    """The groups without those the tests above find are no decisions, each test applied when two or
    more groups would remain, a warning naming what it dropped. Each test of a group reads only the
    sentences that name it (`_where`), and the other groups named there."""
    text = problem.text
    near: dict[int, str] = {}
    everyone = list(groups)
    index = _first_words(everyone)

    sentences = _SENTENCES.split(text)
    by_word: dict[str, set[int]] = {}
    for k, sentence in enumerate(sentences):
        low = sentence.lower()
        for w in set(_WORDS.findall(low)) | set(_WORDS.findall(fold(low))):
            by_word.setdefault(w, set()).add(k)

    def where(g):
        if id(g) not in near:
            near[id(g)] = _where(text, g, sentences, by_word)
        return near[id(g)]

    def named(g, o):
        return _named_in(where(g), o, index, everyone)

    for why, test in [
            ("what they carry or make (counted per unit of a decision)", lambda g, o: is_measured(where(g), g, named(g, o))),
            ("verbs", lambda g, o: is_verb(where(g), g)),
            ("named only where a reason is given ('..., prioritizing digital platforms')",
             lambda g, o: is_aside(where(g), g)),
            ("what they carry ('can transport skiers and snowboarders')", lambda g, o: is_cargo(where(g), g)),
            ("never the subject of a number, or only a measure ('glasses of ...')",
             lambda g, o: not acts(where(g), g, named(g, o))),
            ("what they hold ('tubs of ice cream')", lambda g, o: is_contained(where(g), g, named(g, o)))]:
        groups = without_groups(problem, groups, why, test)
    return groups
