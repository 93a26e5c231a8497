"""One table of cue phrases -> (role, strength), compiled into one longest-match matcher.

A row is a phrase of words ('no fewer than'), where `*` stands for one word ('must not * below'), and
its role:

    upper   the quantity before it is at most what follows ('at most', 'cannot exceed', '<=')
    lower   at least ('no fewer than', 'a minimum of', '>=')
    equal   exactly ('must equal', '=')
    plus / minus        arithmetic between terms ('plus', 'minus', 'less')
    subtract_from       what stands before it is taken from what follows ('A subtracted from B' = B - A)
    difference          'the difference between A and B' (A - B)
    excess              'an excess of N over B' (the subject minus B is N)
    total               the sum of what the category covers ('combined', 'in total', 'both')
    compare             a ratio of two quantities ('three times as many A as B', 'twice more A than B')
    objective_max / objective_min   what the objective does

Strength: 2 for a comparative that says the direction outright, 1 for a noun that only suggests it
('available', 'budget', 'demand'). Matching takes the longest phrase at the leftmost place, so 'no
fewer than' is one lower cue and never 'fewer than' (upper) with a stray 'no'. Adding a phrasing is
adding one row.
Verbs of passing a level ('surpass', 'go beyond', 'drop under') are rows composed with the negations
(`COMPOSED`), so that every negation reads every verb the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Verbs of passing a level and of staying on one side of it, composed with the negations: 'cannot
# surpass N' and 'must not go beyond N' bound from above as 'cannot exceed N' does, 'must not drop
# under N' from below; 'stay within N' / 'be kept under N' from above, 'remain above N' from below.
NEGATIONS = ("cannot", "can not", "must not", "should not", "may not", "will not", "does not", "do not",
             "shall not", "is not to", "are not to", "not to", "never", "not")
SURPASS = ("exceed", "surpass", "go beyond", "go over", "go above", "rise above", "be more than", "be over",
           "be above", "be greater than", "be higher than", "top")
FALL_UNDER = ("fall below", "drop below", "go below", "dip below", "fall under", "drop under", "go under",
              "fall short of", "be below", "be under", "be lower than", "be less than", "be fewer than")
STAY = ("stay", "remain", "be kept", "be held", "be capped", "be limited")
# the verbs of passing without their 'be' ('exceed', 'more than'): what passes the other side of a margin
PASSING = tuple(v.removeprefix("be ") for v in SURPASS)


def _composed() -> tuple[tuple[str, str, int], ...]:
    rows = [(f"{neg} {verb}", "upper", 2) for neg in NEGATIONS for verb in SURPASS]
    rows += [(f"{neg} {verb}", "lower", 2) for neg in NEGATIONS for verb in FALL_UNDER]
    rows += [(v, "lower", 2) for v in ("surpass", "surpasses", "go beyond", "goes beyond")]
    rows += [(f"{stay} {side}", "upper", 2) for stay in STAY for side in ("within", "under", "below", "at or below")]
    rows += [(f"{stay} {side}", "lower", 2) for stay in STAY for side in ("above", "at or above")]
    rows += [("at minimum", "lower", 2), ("at the very least", "lower", 2), ("at maximum", "upper", 2),
             ("at the very most", "upper", 2)]
    return tuple(rows)


COMPOSED = _composed()

ROWS: tuple[tuple[str, str, int], ...] = COMPOSED + (
    # upper bounds
    ("at most", "upper", 2), ("at the most", "upper", 2), ("no more than", "upper", 2),
    ("not more than", "upper", 2), ("not be more than", "upper", 2), ("cannot be more than", "upper", 2),
    ("no greater than", "upper", 2), ("not greater than", "upper", 2), ("no larger than", "upper", 2),
    ("no higher than", "upper", 2), ("not higher than", "upper", 2), ("no bigger than", "upper", 2),
    ("cannot exceed", "upper", 2), ("can not exceed", "upper", 2), ("can't exceed", "upper", 2),
    ("must not exceed", "upper", 2), ("should not exceed", "upper", 2), ("does not exceed", "upper", 2),
    ("do not exceed", "upper", 2), ("will not exceed", "upper", 2), ("may not exceed", "upper", 2),
    ("not to exceed", "upper", 2), ("not exceed", "upper", 2), ("not exceeding", "upper", 2),
    ("up to", "upper", 2), ("a maximum of", "upper", 2), ("a maximum * of", "upper", 2), ("a limit of", "upper", 2),
    ("maximum of", "upper", 2), ("maximum", "upper", 1),
    ("limited to", "upper", 2), ("capped at", "upper", 2), ("is limited to", "upper", 2),
    ("less than or equal to", "upper", 2), ("fewer than or equal to", "upper", 2),
    ("less than", "upper", 2), ("fewer than", "upper", 2), ("lower than", "upper", 2), ("smaller than", "upper", 2),
    ("below", "upper", 1), ("within", "upper", 1), ("available", "upper", 1), ("budget", "upper", 1),
    ("capacity", "upper", 1), ("limit", "upper", 1), ("can only", "upper", 2), ("only has", "upper", 1),
    ("<=", "upper", 2), ("≤", "upper", 2), ("\\leq", "upper", 2), ("\\le", "upper", 2), ("=<", "upper", 2),
    # lower bounds
    ("at least", "lower", 2), ("no less than", "lower", 2), ("not less than", "lower", 2),
    ("no fewer than", "lower", 2), ("not fewer than", "lower", 2), ("no lower than", "lower", 2),
    ("not lower than", "lower", 2), ("cannot be less than", "lower", 2), ("can not be less than", "lower", 2),
    ("must not be less than", "lower", 2), ("should not be less than", "lower", 2),
    ("cannot be lower than", "lower", 2), ("cannot be fewer than", "lower", 2), ("must not be below", "lower", 2),
    ("cannot fall below", "lower", 2), ("must not fall below", "lower", 2), ("should not fall below", "lower", 2),
    ("not fall below", "lower", 2), ("not go below", "lower", 2), ("cannot go below", "lower", 2),
    ("not drop below", "lower", 2), ("not below", "lower", 2),
    ("a minimum of", "lower", 2), ("minimum of", "lower", 2), ("a minimum * of", "lower", 2), ("minimum", "lower", 1),
    ("greater than or equal to", "lower", 2), ("more than or equal to", "lower", 2),
    ("more than", "lower", 2), ("greater than", "lower", 2), ("larger than", "lower", 2), ("higher than", "lower", 2),
    ("exceed", "lower", 2), ("exceeds", "lower", 2), ("or more", "lower", 2), ("or higher", "lower", 2),
    ("or less", "upper", 2), ("or fewer", "upper", 2), ("or lower", "upper", 2),
    ("demand", "lower", 1), ("required", "lower", 1), ("requires", "lower", 1), ("require", "lower", 1),
    ("requirement", "lower", 1), ("needs", "lower", 1), ("need", "lower", 1),
    (">=", "lower", 2), ("≥", "lower", 2), ("\\geq", "lower", 2), ("\\ge", "lower", 2), ("=>", "lower", 2),
    # equality
    ("exactly", "equal", 2), ("precisely", "equal", 2), ("equal to", "equal", 2), ("must equal", "equal", 2), ("equals", "equal", 2),
    ("must be equal to", "equal", 2), ("=", "equal", 2),
    # arithmetic between terms
    ("plus", "plus", 2), ("+", "plus", 2), ("added to", "plus", 2), ("together with", "plus", 2),
    ("minus", "minus", 2), ("-", "minus", 2), ("−", "minus", 2), ("less", "minus", 1), ("subtracted", "minus", 1),
    ("subtracted from", "subtract_from", 2), ("deducted from", "subtract_from", 2),
    ("taken away from", "subtract_from", 2), ("taken from", "subtract_from", 1),
    ("the difference between", "difference", 2), ("difference between", "difference", 2),
    ("difference in * between", "difference", 2), ("difference in * * between", "difference", 2),
    ("excess of", "excess", 2), ("more than * by", "excess", 2),
    # sums over a category
    ("as many", "compare", 2), ("as much", "compare", 2), ("times more", "compare", 2),
    ("times less", "compare", 2), ("times fewer", "compare", 2),
    ("combined", "total", 2), ("in total", "total", 2), ("total", "total", 2), ("altogether", "total", 2),
    ("the sum of", "total", 2), ("sum of", "total", 2), ("both", "total", 1), ("all", "total", 1),
    ("collectively", "total", 2), ("jointly", "total", 2), ("in aggregate", "total", 2), ("taken together", "total", 2),
    # the objective
    ("maximize", "objective_max", 2), ("maximise", "objective_max", 2), ("maximum", "objective_max", 1),
    ("minimize", "objective_min", 2), ("minimise", "objective_min", 2), ("minimum", "objective_min", 1),
)

SENSE = {"upper": "<=", "lower": ">=", "equal": "=="}
DIRECTIONS = ("upper", "lower", "equal")
_BUT_COMPARE = frozenset(r[1] for r in ROWS) - {"compare"}


@dataclass(frozen=True)
class Cue:
    phrase: str
    role: str
    strength: int
    start: int
    end: int
    text: str


_SIGNS = {"-": r"(?<=\s)-(?=\s)", "−": r"(?<=\s)−(?=\s)", "+": r"\+"}


def _row_pattern(phrase: str) -> str:
    if phrase in _SIGNS:          # a sign between terms, not the hyphen of 'risk-return' nor of '-5'
        return _SIGNS[phrase]
    parts = []
    for w in phrase.split():
        if w == "*":
            parts.append(r"[\w-]+")
        else:
            esc = re.escape(w)
            parts.append(r"\b" + esc + r"\b" if w[0].isalnum() and w[-1].isalnum() else
                         r"\b" + esc if w[0].isalnum() else esc + r"\b" if w[-1].isalnum() else esc)
    return r"\s+".join(parts)


@lru_cache(maxsize=16)
def _compiled(roles: frozenset[str] | None) -> tuple[re.Pattern, tuple[tuple[str, str, int], ...]]:
    rows = [r for r in ROWS if roles is None or r[1] in roles]
    # the longest phrase first at any one place: regex alternation takes the first that matches there
    rows.sort(key=lambda r: (-len(r[0].split()), -len(r[0])))
    pattern = "|".join(f"(?P<r{i}>{_row_pattern(p)})" for i, (p, _, _) in enumerate(rows))
    return re.compile(pattern, re.I), tuple(rows)


def alternation(rows) -> str:
    """One regex alternation of the phrases of `rows` (longest first), for matchers outside the lexicon."""
    return "|".join(_row_pattern(p) for p, _, _ in sorted(rows, key=lambda r: -len(r[0])))


def cues(text: str, roles: set[str] | frozenset[str] | tuple[str, ...] | None = None) -> list[Cue]:
    """The cue phrases of `text`, left to right, never overlapping; the longest phrase wins where two
    start at one place, and the earlier place wins over a phrase inside it ('no fewer than' is one)."""
    pattern, rows = _compiled(frozenset(roles) if roles is not None else None)
    out = []
    for m in pattern.finditer(text):
        i = int(m.lastgroup[1:])
        phrase, role, strength = rows[i]
        out.append(Cue(phrase, role, strength, m.start(), m.end(), m.group(0)))
    return out


def directions(text: str) -> list[Cue]:
    """The direction cues (upper, lower, equal) of `text`, left to right ('times more than' keeps its
    'more than': a comparison cue does not hide a direction)."""
    return [c for c in cues(text, _BUT_COMPARE) if c.role in DIRECTIONS]


def sense_of(text: str) -> str | None:
    """'<=' / '>=' / '==' of the strongest direction cue (the first among equals), or None."""
    found = directions(text)
    if not found:
        return None
    best = max(c.strength for c in found)
    return SENSE[next(c for c in found if c.strength == best).role]
