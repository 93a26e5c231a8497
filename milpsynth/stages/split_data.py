"""Free text, once the decisions are known: statements that only give per-unit data become facts.

"A medium container needs to be checked 5 times a week and can store 25 units of compost" and "The
hardware section must work 10 hours on each foldable cell-phone but only 3 hours on each regular
one" have constraint words (needs, must) but bound nothing: every number is a rate of one unit of a
decision; so do "T-shirts require 1 hour of designing time" and "Queens require 20 units of foam
while kings require 30". "A supplier needs to deliver routers when customers sign up" bounds
nothing: no number, no decision. The split stage cannot tell, not knowing the decisions; the
variables stage calls `move_unit_data` when it has found them.
"""
from __future__ import annotations

import re

from ..document import Problem
from ..nlp import cues, lexicon
from ..nlp.analysis import analyse, category_pattern, head_nouns
from ..nlp.attributes import SYNONYMS
from ..nlp.mentions import singular
from .split_statements import asks_after_clause, is_objective, is_supply

# what makes a statement a bound, though its numbers are rates ('at most 3 hours on each chair')
_BOUND = re.compile(r"\b(?:at (?:least|most)|up to|no (?:more|less|fewer|greater) than|not (?:more|less|exceed)|"
                    r"maximum|minimum|exceed|available|budget|capacity|limit|only (?:has|have)|can only|"
                    r"(?:more|less|fewer|greater|larger|smaller) (?:[\w-]+ ){0,4}than|exactly|equal|twice|"
                    r"times as|percent|%|total|in all|altogether)", re.I)
_ONE = r"\b(?:a|an|each|every|one|per)\s+"
_TAKES = r"(?:requires?|needs?|takes?|uses?|consumes?|contains?|yields?)"
_RATE_VERB = re.compile(r"\s+" + _TAKES + r"\s+\$?\d", re.I)                   # 'T-shirts require 1 hour'
# a piece cut from per-unit data, with no subject: '... and require 2 hours', '7 units of mulch'
_CONTINUES = re.compile(r"\s*(?:and\s+)?(?:" + _TAKES + r"\b|\$?\d)", re.I)
_PIECE = re.compile(r"[,;]\s*|\s+(?:and|but|while|whereas)\s+")
# a verb right after the decision ('A type A layout has ...'), not another noun ('A paint manufacturer')
_SUBJECT_VERB = re.compile(r"\s+(?:can\s+|will\s+)?(?:has|have|is|are|" + _TAKES + r"|costs?|produces?|"
                           r"makes?|earns?|gives?|generates?|holds?|carries?)\b", re.I)


def is_unit_data(text: str, variables) -> bool:
    """Every number of `text` is a rate of one unit of a decision: its clause names one unit of a
    decision ('on each foldable cell-phone', 'per trip by truck' does not) or of all of them ('for each
    cell-phone' where both decisions are cell-phones), or the sentence opens with one unit of the only
    decision it names ('A medium container needs ... and can store 25 units'), or each clause gives its
    own decision's rate ('Queens require 20 units of foam while kings require 30'). No bound cue."""
    a = analyse(text, variables)
    if not a.values or _BOUND.search(a.text) or cues.OBJECTIVE.search(a.text):
        return False
    if _rates_compared(a):       # two decisions, each its own rate: never one supply
        return True
    opening = re.match(r"\s*(?:" + _ONE + r"|the\s+)", a.text, re.I)
    first = next((m for m in a.mentions if opening and m.start == opening.end()), None)
    one_unit = first and len(a.vars_in_order) == 1 and (not opening.group(0).strip().lower() == "the"
                                                         or singular(first.text.split()[-1]) == first.text.split()[-1])
    if one_unit and _SUBJECT_VERB.match(a.text, first.end):
        return True           # 'A type A layout has 10 units of rock': one unit's, not a supply
    if is_supply(a.text):
        return False
    if one_unit:
        return True           # 'A medium container needs ...', 'The single-load machine needs ...' (one unit)
    first = a.mentions[0] if a.mentions and not a.text[:a.mentions[0].start].strip() else None
    if first and len(a.vars_in_order) == 1 and _RATE_VERB.match(a.text, first.end):
        return True           # 'T-shirts require 1 hour of designing time': what each one takes
    category = category_pattern(head_nouns(variables))
    for n in a.values:
        s, e = _piece_of(a, n)
        unit = any(s <= m.start < e and re.search(_ONE + r"$", a.text[s:m.start], re.I) for m in a.mentions)
        if not (unit or (category and category.search(a.text, s, e))):
            return False
    return True


def _piece_of(a, n) -> tuple[int, int]:
    """The span of the clause (cut at commas, 'and', 'but', 'while') that holds number `n`."""
    for m in re.finditer(r"(?:(?!" + _PIECE.pattern + r").)+", a.text):
        if m.start() <= n.start < m.end():
            return m.start(), m.end()
    return 0, len(a.text)


def _rates_compared(a) -> bool:
    """'Queen mattresses require 20 units of foam while king mattresses require 30': each number's
    clause names one decision before it, and the clauses name different decisions."""
    subjects = []
    for n in a.values:
        s, e = _piece_of(a, n)
        named = {m.var for m in a.mentions if s <= m.start < n.start}
        if len(named) != 1 or any(s <= m.start < e and m.start > n.start for m in a.mentions):
            return False
        subjects.append(named.pop())
    return len(set(subjects)) >= 2


def bounds_nothing(text: str, variables) -> bool:
    """No number, no decision named: 'An internet supplier needs to deliver routers to their customers
    when they first sign up' has constraint words but nothing to bound."""
    a = analyse(text, variables)
    # 'What is the least cost?' asks one
    return not a.numbers and not a.mentions and not (is_objective(a.text) or asks_after_clause(a.text))


def names_the_decisions(problem: Problem, text: str) -> bool:
    """'... between two services, X and Y' / 'has three projects: X, Y and Z' / 'There are two models
    available': every number is the count of the decisions, said right before a noun, and no
    direction is stated."""
    a = analyse(text, problem.variables)
    n = len(problem.variables.quantities)
    if not a.numbers or any(x.value != n or x.kind not in ("number", "word") for x in a.numbers) \
            or len(a.vars_in_order) == 1:       # 'If C is taken, it needs 5 kg': a quantity of one decision
        return False
    if any(c.strength == 2 for c in lexicon.directions(a.text)) or cues.OBJECTIVE.search(a.text):
        return False
    if a.vars_in_order:       # the decisions listed: 'its three projects: X, Y and Z'
        return all(re.match(r"\s+(?:different\s+|types? of\s+|kinds? of\s+)?[a-z]+", a.text[x.end:]) for x in a.numbers)
    return all(_counts_things(a.text[x.end:]) for x in a.numbers)      # 'There are two models available'


_COUNTED_NOUN = re.compile(r"\s+(?:different\s+|types? of\s+|kinds? of\s+)?([a-z]+)\b(?!\s+of\b)", re.I)


def _counts_things(after: str) -> bool:
    """The number before `after` counts things ('two kilns'), not an amount ('2 hours of printing',
    '2 hours a week', '5 kg of its capacity')."""
    m = _COUNTED_NOUN.match(after)
    return bool(m) and singular(m.group(1).lower()) not in SYNONYMS


def move_unit_data(problem: Problem) -> Problem:
    """Move the statements of split free text that only give per-unit data, or bound nothing, to the
    facts, with a warning. A subjectless continuation ('T-shirts require 1 hour of designing time' +
    'require 2 hours of printing time') rejoins the fact it was cut from, so it keeps its subject."""
    if not problem.split or problem.variables is None:
        return problem
    listing = [p for p in problem.paragraphs if names_the_decisions(problem, p.text)]
    if listing and len(listing) < len(problem.paragraphs):
        to_facts(problem, listing, "it only names and counts the decisions")
    data, texts = [], []
    for p in problem.paragraphs:
        if data and data[-1].index == p.index - 1 and _CONTINUES.match(p.text) and not _BOUND.search(p.text):
            data.append(p)
            texts[-1] = f"{texts[-1].rstrip(' .')}, and {p.text}"
        elif is_unit_data(p.text, problem.variables) or bounds_nothing(p.text, problem.variables):
            data.append(p)
            texts.append(p.text)
    if data and len(data) < len(problem.paragraphs):
        to_facts(problem, data, "no bound: every number is a rate per unit of a decision, or there is no "
                                "number and no decision", texts)
    return problem


def to_facts(problem: Problem, statements: list, why: str, texts: list[str] | None = None) -> None:
    """Make these statements of split free text facts (renumbering the others; `texts`, the facts'
    wording, defaults to theirs), with a warning."""
    problem.paragraphs = [p for p in problem.paragraphs if not any(p is d for d in statements)]
    for i, p in enumerate(problem.paragraphs):
        p.index = i
    problem.facts = list(problem.facts) + (texts if texts is not None else [p.text for p in statements])
    problem.split = [p.text for p in problem.paragraphs]
    problem.warnings.append(f"kept as facts, not statements ({why}): " + "; ".join(repr(p.text) for p in statements))
