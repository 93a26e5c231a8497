"""A statement read literally as a linear relation over the decisions: terms, direction, right-hand side.

    'four times X minus Y has to come to 9,000 or more'             ->  4 X - Y >= 9000
    'the difference between X and Y may be at most 25 units'        ->  X - Y <= 25
    'X has to reach no less than half of what Y gets'               ->  X - 0.5 Y >= 0
    'line X needs an excess of at least 40 units over line Y'       ->  X - Y >= 40
    'together the two lines may use no more than 800 hours'         ->  X + Y <= 800
    '$x - 0.5y \\geq 3000$'                                          ->  X - 0.5 Y >= 3000

The direction comes from the cue lexicon (`nlp.lexicon`); a term's coefficient from the factor,
fraction or share right before its decision ('three times', 'half of', '20% of') and its sign from
'minus' / 'the difference between'. A reading is given only when it explains every number of the
statement (coefficients and one right-hand side) and finds one direction; otherwise `read` says None
and the other readings of the generator apply. 'Total' over a category word with no decision named
is the sum of all decisions, weighted by a data row when the limit is in that row's unit
(`weights`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from . import lexicon
from .analysis import Analysis
from .numbers import Num, find_numbers

# what may stand between a coefficient and its decision: 'three times the units of product X'
_FILLER = re.compile(r"^(?:\s|\*|\$|\\cdot|\\times|of|the|that|those|for|in|on|to|allocated|invested|units?|amount|"
                     r"number|resources?|investments?|allocations?|effort|quantity|spending|budget|funds?|money|"
                     r"hours?|production|produced|output|vehicles?|sessions?|staff|items?|shares?|[a-z]+ed)*$",
                     re.I)
# a tail that gives a reason, not a term: 'due to budget constraints', 'to ensure ...', ', keeping ...'
_TAIL = re.compile(r"\b(?:due to|because|since|so as|so that|in order|to ensure|to meet|to maintain|to achieve|"
                   r"to keep|to guarantee|to fulfil|to fulfill|to avoid|to comply|for (?:the|a|its)|as (?:a|the)|"
                   r"while|which|(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bwas )given)\b|,\s+[a-z]+ing\b", re.I)
# a reason that opens the statement: 'Since the premium package sells better, ...'
_REASON = re.compile(r"^\s*(?:(?:however|moreover|additionally|further(?:more)?|also|but),?\s+)?"
                     r"(?:since|because|as|given that|due to|considering|(?:in order )?to \w+)\b[^,]{3,160},\s*", re.I)
# what may stand between a factor ('twice', 'half', '20%') and its decision, or a constant and the
# decision it counts ('1,200 runs made by trucks of kind X'): a few words, no clause break nor strong cue
# ('twice the budget for X': 'budget' only suggests a direction)
# a weight written after its decision, in brackets: 'portfolio X (with a factor of 3)', 'Y (weighted by 2)'
_WEIGHT_BEFORE = re.compile(r"^[\s$]*\(\s*(?:(?:with|at|using|by)\s+)?(?:an?\s+)?(?:(?:factor|weight|coefficient|multiplier)"
                            r"(?:\s+of)?|times|multiplied\s+by|weighted\s+by)\s*$", re.I)


def _weight_after(a: Analysis, m, numbers: list[Num]) -> Num | None:
    """The number of a bracketed weight right after mention m ('X (with a factor of 3)'), if any."""
    n = next((n for n in numbers if n.start >= m.end), None)
    if n is None or n.kind not in ("number", "word", "factor") or not _WEIGHT_BEFORE.match(a.text[m.end:n.start]):
        return None
    return n if re.match(r"\s*\)", a.text[n.end:]) else None


def _near(between: str) -> bool:
    return (len(between.split()) <= 8 and not re.search(r"[,;:.]", between)
            and not re.search(r"\b(?:must|should|can|cannot|could|will|would|may|is|are|be|has|have)\b", between, re.I)
            and not any(c.strength == 2 for c in lexicon.cues(between, ("plus", "minus", "upper", "lower", "equal"))))


_MATH = re.compile(r"\$([^$]{3,200})\$")


@dataclass
class Relation:
    coefs: dict[str, float]
    sense: str                     # '<=', '>=', '=='
    rhs: float
    notes: list[str] = field(default_factory=list)
    implied: bool = False          # terms the statement does not write (every decision, a data row's rates)

    @property
    def single(self) -> str | None:
        return next(iter(self.coefs)) if len(self.coefs) == 1 and next(iter(self.coefs.values())) == 1 else None

    @property
    def explicit(self) -> bool:
        """Whether the statement itself writes the weights: a factor, a sign or a difference, not only
        a bound on one decision or a plain sum (whose rates may stand in the facts), nor 'X cannot
        exceed Y' (X - Y <= 0: a comparison, which its template reads)."""
        plain_comparison = self.rhs == 0 and all(abs(c) == 1 for c in self.coefs.values())
        return any(c != 1 for c in self.coefs.values()) and not self.implied and not plain_comparison

    @property
    def plain_sum(self) -> bool:
        return len(self.coefs) >= 2 and all(c == 1 for c in self.coefs.values())


def read(a: Analysis, all_vars: list[str], weights: Callable[[Num, str], dict[str, float] | None] | None = None,
         forms: dict[str, set[str]] | None = None, plain_ok: bool = False,
         own_unit: Callable[[Num], bool] | None = None) -> Relation | None:
    """The literal linear reading of a statement, or None (see the module docstring).

    all_vars: the decision quantities (for 'the total of both'); weights(limit number, left text): a
    data row {decision: rate} the limit is stated in the unit of, or None; forms: {variable: the ways
    the text writes it} for inline mathematics; plain_ok: a bound on one decision or a plain sum, with
    no factor, sign or comparison, is read too (decisions named by labels: the text says no rate of
    theirs); otherwise such a bound is left to the type's rules, which know the facts' rates.
    own_unit(limit): whether the limit is in the decisions' own unit (dollars, where the decisions are
    sums of money): a plain sum then, never weighted by a row."""
    math = _math(a.text, forms or {})
    if math is not None:
        return math
    found = lexicon.directions(a.text)
    strong = [c for c in found if c.strength == 2]
    if lexicon.cues(a.text, ("compare",)):
        return None                   # 'three times as many A as B': a comparison, read by its template
    excess = lexicon.cues(a.text, ("excess",))
    if excess:
        return _excess(a, excess[0], found)
    margin = _margin(a, found)
    if margin is not None:
        return margin
    reason = _REASON.match(a.text)
    if reason and any(c.start >= reason.end() for c in strong):
        # a cue inside a leading reason ('To ensure a minimum level of service, ...') bounds nothing
        strong = [c for c in strong if c.start >= reason.end()]
    if not strong:
        return None
    if len({c.role for c in strong}) > 1 or len(strong) > 2:
        return None                  # two directions: two statements in one ('at most 8 X and at least 5 Y')
    cue = strong[0]
    start = reason.end() if reason and reason.end() <= cue.start else 0
    if any(n.start < start for n in a.numbers):
        return None
    right_start = cue.end
    if cue.phrase.startswith("or "):  # '... has to reach 50 or more': the limit stands before its cue
        before = [n for n in a.numbers if n.end <= cue.start]
        if not before or a.text[before[-1].end:cue.start].strip():
            return None
        cue = lexicon.Cue(cue.phrase, cue.role, cue.strength, before[-1].start, cue.end, cue.text)
        right_start = cue.start
    left = _terms(a, start, cue.start)
    right_end = _tail_start(a.text, cue.end)
    spelt = _CALCULATED.search(a.text, cue.end)
    if spelt and left is not None and not left[0] and not left[1]:
        # 'The total weight is at least 2000 tons, calculated as twice A plus thrice B': the subject spelt out
        left, right_end = _terms(a, spelt.end(), _tail_start(a.text, spelt.end())), min(right_end, spelt.start())
    right = _terms(a, right_start, right_end, constants=True)
    if left is None or right is None:
        return None
    lterms, lconst, _ = left
    rterms, rconst, units = right
    lconst = [n for n in lconst if not _counts_decisions(a.text, n, len(all_vars))
              and not (n.value == 0 and cue.role == "upper")]    # 'from zero up to 60': x >= 0 holds already
    named = list(dict.fromkeys(units + list(rterms)))
    if not lterms and len(named) >= 2 and len(rconst) == 1 and all(c == 1 for c in rterms.values()):
        # the limit before the decisions it bounds: 'a total of 100 vehicles (X and Y combined)',
        # 'no less than 150 units should go to X and Y', 'at most 90 runs go to A and B'
        lterms, rterms, units = {v: 1.0 for v in named}, {}, []
    elif not lterms and len(units) == 1 and not rterms:
        lterms = {units[0]: 1.0}          # 'there must be at least 10 single-load models'
    elif units and (set(units) - set(lterms)):
        return None
    if lconst:                        # a number on the left that is no coefficient: not a literal relation
        return None
    if len(rconst) > 1:
        return None
    if any(n.is_share for n in rconst):
        return None                   # 'at least 20% of the total': a proportion, read by its template
    rhs = rconst[0].value if rconst else 0.0
    if not rconst and not rterms:
        return None
    notes = []
    if not lterms and rterms and lexicon.cues(a.text[cue.end:right_end], ("total",)) \
            and all(c > 0 for c in rterms.values()):
        lterms, rterms = rterms, {}       # 'a total of 60 machines (kinds X and Y together)': the sum restated
    if not lterms:
        if not (lexicon.cues(a.text[:cue.start], ("total",)) or lexicon.cues(a.text[cue.end:right_end], ("total",))) \
                or not rconst:
            return None
        w = weights(rconst[0], a.text[:cue.start]) if weights else None
        if w:
            lterms = dict(w)
            notes.append("the total of every decision, weighted by the data row the limit is stated in")
        else:
            lterms = {v: 1.0 for v in all_vars}
            notes.append("the total of every decision: the statement names their category, not one of them")
    explicit = bool(rterms) or any(c != 1 for c in lterms.values()) or bool(notes)
    if not explicit:
        w = weights(rconst[0], a.text[:cue.start]) if weights and rconst else None
        if w and set(lterms) <= set(w):
            lterms = {v: w[v] for v in lterms}
            notes.append("weighted by the data row the limit is stated in")
        elif not plain_ok or (rconst and rconst[0].kind == "money" and not (own_unit and own_unit(rconst[0]))):
            return None
    coefs = dict(lterms)
    for v, c in rterms.items():
        coefs[v] = coefs.get(v, 0.0) - c
    coefs = {v: c for v, c in coefs.items() if c != 0}
    if not coefs:
        return None
    return Relation(coefs, lexicon.SENSE[cue.role], rhs, notes, implied=bool(notes))


def _counts_decisions(text: str, n: Num, how_many: int) -> bool:
    """'across all three projects', 'for the two products': a count of the decisions before their noun."""
    return n.value == how_many and bool(re.search(r"\b(?:all|the|these|those|both)\s*$", text[:n.start], re.I)) \
        and bool(re.match(r"\s+[a-z]+", text[n.end:]))


def _tail_start(text: str, start: int) -> int:
    m = _TAIL.search(text, start)
    return m.start() if m else len(text)


def _terms(a: Analysis, start: int, end: int,
           constants: bool = False) -> tuple[dict[str, float], list[Num], list[str]] | None:
    """{decision: coefficient}, the numbers left over in text[start:end] and the units, or None where a
    number cannot be placed. constants (the right-hand side): a plain number is a constant, and the
    decision named right after it its unit ('at least 10 single-load models')."""
    mentions = [m for m in a.mentions if start <= m.start and m.end <= end]
    numbers = [n for n in a.numbers if start <= n.start and n.end <= end]
    signs = lexicon.cues(a.text[start:end], ("plus", "minus", "difference", "subtract_from"))
    signs = [(start + c.start, c.role) for c in signs]
    terms: dict[str, float] = {}
    used: set[int] = set()
    prev = start
    difference_at = next((at for at, role in signs if role == "difference"), None)
    units: list[str] = []
    for k, m in enumerate(mentions):
        coef = 1.0
        gap_numbers = [n for n in numbers if prev <= n.start and n.end <= m.start]
        if gap_numbers:
            n = gap_numbers[-1]
            between = a.text[n.end:m.start]
            if n.kind in ("number", "money", "word") and constants and _near(between):
                units.append(m.var)
                prev = m.end
                continue
            if (_FILLER.match(between) and n.kind in ("number", "word")) \
                    or (n.kind in ("factor", "fraction", "percent") and _near(between)):
                coef = n.value
                used.add(id(n))
        weight = _weight_after(a, m, numbers)
        if weight is not None and coef == 1.0:
            coef = weight.value
            used.add(id(weight))
        sign = 1.0
        for at, role in signs:
            if prev <= at < m.start and role == "minus":
                sign = -1.0
            if prev <= at < m.start and role == "subtract_from":     # 'A, when subtracted from B': B - A
                terms = {v: -c for v, c in terms.items()}
        if difference_at is not None and difference_at < m.start and k > 0 \
                and mentions[k - 1].start > difference_at and re.search(r"\band\b|,", a.text[prev:m.start]):
            sign = -1.0
        terms[m.var] = terms.get(m.var, 0.0) + sign * coef
        prev = m.end
    rest = [n for n in numbers if id(n) not in used]
    # a factor or share left over with no decision right after it is unexplained
    if any(n.kind in ("factor", "fraction", "percent") for n in rest):
        return None
    return terms, rest, units


def _excess(a: Analysis, cue: lexicon.Cue, found: list[lexicon.Cue]) -> Relation | None:
    """'X needs an excess of at least 40 units over Y' -> X - Y >= 40 ('maximum' -> <=)."""
    before = [m for m in a.mentions if m.end <= cue.start]
    after = [m for m in a.mentions if m.start >= cue.end]
    nums = [n for n in a.values if n.start >= cue.end and (not after or n.end <= after[0].start)]
    if len({m.var for m in before}) != 1 or len({m.var for m in after}) != 1 or len(nums) != 1:
        return None
    senses = [c for c in found if c.role in ("upper", "lower") and c.end <= cue.end + 1]
    sense = lexicon.SENSE[senses[-1].role] if senses else ">="
    x, y = before[0].var, after[0].var
    if x == y:
        return None
    return Relation({x: 1.0, y: -1.0}, sense, nums[0].value, ["an excess of one decision over another"])


# what passes the other decision in a margin: 'X must not exceed / be more than / surpass Y by N'
_PASSING = lexicon.PASSING + ("larger than",)
_BY = re.compile(r"\s+by\s+(?:(at least|at most|no more than|more than|up to)\s+)?$", re.I)
_CALCULATED = re.compile(r",\s*(?:calculated|computed|given|defined|determined|measured)\s+(?:as|by)\s+", re.I)
# after the margin's number: its unit or noun on either side of 'more' ('1000 units more than', '50 more
# units of allocation than', '200 more vehicles than'), then the other decision
_MORE_THAN = re.compile(r"^\s*(?:[a-z-]+\s+){0,2}?(more|less|fewer)\s+(?:[a-z-]+\s+){0,3}?than\s+"
                        r"(?:that\s+(?:of|for|in)\s+)?", re.I)


def _margin(a: Analysis, found: list[lexicon.Cue]) -> Relation | None:
    """A margin between two decisions: 'X must not exceed Y by more than 50' -> X - Y <= 50; 'Z exceeds
    Y by at least 150' -> Z - Y >= 150; 'X must be at least 200 more than twice Y' -> X - 2 Y >= 200.
    None unless one decision stands on each side and one number gives the margin."""
    vars_ = list(dict.fromkeys(m.var for m in a.mentions))
    nums = [n for n in a.values if n.kind in ("number", "money", "word")]
    if len(vars_) != 2 or len(nums) != 1:
        return None
    n = nums[0]
    before = {m.var for m in a.mentions if m.end <= n.start}
    after = [m for m in a.mentions if m.start >= n.end]
    by = _BY.search(a.text[:n.start])
    exceed = [c for c in found if by and c.end <= by.start() and any(w in c.phrase for w in _PASSING)]
    if by and exceed and len(before) == 2:           # 'X ... (not) exceed ... Y by (more than) N'
        xm = next((m for m in a.mentions if m.end <= exceed[-1].start), None)
        ym = next((m for m in a.mentions if exceed[-1].end <= m.start < n.start), None)
        if xm is None or ym is None or xm.var == ym.var:
            return None
        x, y = xm.var, ym.var
        factor = [f for f in a.numbers if f.kind in ("factor", "fraction")]
        kx = next((f.value for f in factor if f.end <= xm.start), 1.0)    # 'twice X ... exceed half of Y by'
        ky = next((f.value for f in factor if exceed[-1].end <= f.start and f.end <= ym.start), 1.0)
        upper = exceed[-1].role == "upper" or (by.group(1) or "").lower() in ("at most", "no more than", "up to")
        return Relation({x: kx, y: -ky}, "<=" if upper else ">=", n.value, ["a margin of one decision over another"])
    more = _MORE_THAN.match(a.text[n.end:]) if len(before) == 1 and after else None
    if more and more.group(1).lower() == "more":     # 'X ... at least N more than (twice) Y'
        x, y = next(iter(before)), after[0].var
        factors = [f for f in a.numbers if n.end <= f.start < after[0].start and f.kind in ("factor", "fraction")]
        cue = [c for c in found if c.end <= n.start]
        sense = lexicon.SENSE[cue[-1].role] if cue and cue[-1].role != "equal" else ">="
        if x == y:
            return None
        k = factors[0].value if factors else 1.0
        return Relation({x: 1.0, y: -k}, sense, n.value, ["a margin of one decision over another"])
    return _margin_named_after(a, found, n, before, after)


_MORE_OF = re.compile(r"^\s*(more|fewer|less)\s+(?:[a-z-]+\s+){0,3}$", re.I)
_THAN = re.compile(r"^\W*(?:[\w-]+\s+){0,3}?than\s+(?:[a-z-]+\s+){0,3}$", re.I)


def _margin_named_after(a: Analysis, found: list[lexicon.Cue], n: Num, before: set, after: list) -> Relation | None:
    """'no more than 10 more X trees than Y trees' -> X - Y <= 10 ('at least 5 fewer X than Y' ->
    Y - X >= 5): the number first, then both decisions."""
    if before or len(after) < 2 or after[0].var == after[1].var:
        return None
    more = _MORE_OF.match(a.text[n.end:after[0].start].replace("$", " "))
    if not more or not _THAN.match(a.text[after[0].end:after[1].start].replace("$", " ")):
        return None
    cue = [c for c in found if c.end <= n.start and c.role in ("upper", "lower")]
    sense = lexicon.SENSE[cue[-1].role] if cue else ">="
    x, y = after[0].var, after[1].var
    if more.group(1).lower() != "more":
        x, y = y, x
    return Relation({x: 1.0, y: -1.0}, sense, n.value, ["a margin of one decision over another"])


_MATH_REL = re.compile(r"\\geq?|\\leq?|>=|<=|≥|≤|=|<|>")
_MATH_TERM = re.compile(r"\s*([+-])?\s*(\d+(?:\.\d+)?)?\s*(?:\\cdot|\*|\\times)?\s*([A-Za-z](?:_?\{?\d+\}?)?)?")


def _math(text: str, forms: dict[str, set[str]]) -> Relation | None:
    """An inline formula '$3x + 2y \\leq 100$' over the decisions' written forms, or None."""
    if not forms:
        return None
    for m in _MATH.finditer(text):
        body = m.group(1)
        rels = list(_MATH_REL.finditer(body))
        if len(rels) != 1:
            continue
        rel = rels[0].group(0)
        sense = ">=" if rel in ("\\geq", "\\ge", ">=", "≥", ">") else "<=" if rel in ("\\leq", "\\le", "<=", "≤", "<") \
            else "=="
        lhs = _linear(body[:rels[0].start()], forms)
        rhs = find_numbers(body[rels[0].end():])
        if lhs is None or len(rhs) != 1 or _linear(body[rels[0].end():], forms) not in ({}, None):
            continue
        return Relation(lhs, sense, rhs[0].value, ["read from the formula the statement writes"])
    return None


def _linear(expr: str, forms: dict[str, set[str]]) -> dict[str, float] | None:
    """'3x - 0.5y' -> {x: 3, y: -0.5}; None when something in it is no term."""
    by_form = {f.replace("{", "").replace("}", ""): v for v, fs in forms.items() for f in fs if len(f) <= 4}
    out: dict[str, float] = {}
    pos, expr = 0, expr.strip()
    while pos < len(expr):
        m = _MATH_TERM.match(expr, pos)
        if not m or m.end() == pos:
            return None
        sign, coef, name = m.groups()
        pos = m.end()
        if name is None:
            if coef is not None:
                return None            # a constant on the side of the terms
            continue
        name = name.replace("{", "").replace("}", "")
        var = by_form.get(name) or by_form.get(name.replace("_", "")) or by_form.get(name.upper())
        if var is None:
            return None
        out[var] = out.get(var, 0.0) + (-1.0 if sign == "-" else 1.0) * (float(coef) if coef else 1.0)
    return out
