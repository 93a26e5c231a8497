"""What every class reader shares: the reading state, scalars in prose, logic between two entities,
objective constants, and the final sweep that reports what was not placed."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..generators.base import Augment
from . import readers as R
from .problem import ClassProblem, Family, Unplaced
from .text import Doc, Num, Sentence, Value, clauses, numbers, units_compatible

# sentences that state an objective (no data of their own)
OBJECTIVE_RE = re.compile(
    r"\b(?:minimi[sz]\w*|maximi[sz]\w*|minimum|maximum|minimal|maximal|fewest|least|lowest|highest|largest|"
    r"smallest|cheapest|shortest|optimal|optimum|best|most (?:efficient|profitable|economical)|as (?:few|small|low|"
    r"large|high|much|cheap|early|soon|little)|objective|goal|aim)\b", re.I)
# words that mark a requirement beyond the class's standard statement
EXTRA_CUE_RE = re.compile(
    r"\b(?:if|unless|whenever|should|exactly one|precisely one|at most one|at least one|not both|neither|either|"
    r"mutually|forbid\w*|prohibit\w*|not allowed|not permitted|no direct|unavailable|impossible|closed|closure|"
    r"restricted|fixed|bonus|overhead|incentive|subsidy|surcharge|one-time|reduc\w*|diminish\w*|lower\w*|"
    r"must (?:include|incorporate|use|contain)|no later than|before time|ahead of|together|combined|jointly|"
    r"ratio|times (?:the|as)|share of)\b", re.I)
NEG_RE = re.compile(r"\b(?:not|n't|never|no|cannot|can ?not|neither|nor|excluded|omitted|left out|left behind|"
                    r"rejected|without|absent|skipped|dropped)\b", re.I)


class Reading:
    """The state of one class reading: the document, where each data field came from, the model families."""

    def __init__(self, text: str, cls: str):
        self.doc = Doc(text)
        self.text = text
        self.cls = cls
        self.sources: dict[str, list[int]] = {}
        self.families: list[Family] = []
        self.extras: list[Family] = []
        self.augments: list[Augment] = []
        self.shift = 0.0
        self.notes: list[str] = []
        self.labels: dict = {}
        self.unused_structures: list[tuple[int, str]] = []   # (line, what) data read but not used
        self.sizes: set[int] = set()       # entity counts the text may state ('12 offices')
        self.names: list[R.Names] = []     # entity names, to spot statements that mention them
        self.cuts: list = []               # (Augment, words) valid rows that only help the solver
        self.sets: dict = {}               # index set -> member names not carried by `labels`

    # ---- sources and families ------------------------------------------------------------------
    def source(self, name: str, where) -> None:
        lines = []
        for w in (where if isinstance(where, (list, tuple)) else [where]):
            if isinstance(w, Value):
                lines.append(w.line)
                self.doc.consume_value(w)
            elif isinstance(w, int):
                lines.append(w)
            elif hasattr(w, "line"):
                lines.append(w.line)
        self.sources.setdefault(name, [])
        self.sources[name] = sorted(set(self.sources[name]) | set(lines))

    def value(self, name: str, v: Value) -> float:
        self.source(name, [v])
        return float(v.value)

    def family(self, name: str, math: str, sent: Sentence | None = None, data_lines: int = 0,
               extra: bool = False, type_: int | None = None) -> Family:
        """A family of the model (`type_` its type among the 13 where it has one; the objective 0)."""
        f = Family(name, math, sent.text if sent else "", sent.line if sent else None, data_lines,
                   type=0 if name == "objective" else type_)
        (self.extras if extra else self.families).append(f)
        if sent is not None:
            self.doc.claim(sent, "extra" if extra else "family")
        return f

    def augment(self, aug: Augment, name: str, math: str, sent: Sentence) -> Family:
        self.augments.append(aug)
        f = self.family(name, math, sent, extra=True, type_=aug.type)
        f.augment = aug
        return f

    # ---- sentences ----------------------------------------------------------------------------
    def sentences(self) -> list[Sentence]:
        return self.doc.sentences()

    def find(self, pattern, *, unclaimed: bool = True) -> list[Sentence]:
        rx = re.compile(pattern, re.I) if isinstance(pattern, str) else pattern
        return [s for s in self.sentences() if rx.search(s.text) and not (unclaimed and self.doc.role(s))]

    def claim(self, sent: Sentence, role: str = "base") -> None:
        self.doc.claim(sent, role)

    def claim_matching(self, patterns, role: str = "base") -> None:
        """Claim sentences that restate the class's standard requirements (no numbers left in them)."""
        for s in self.sentences():
            if self.doc.role(s):
                continue
            left = [n for n in self.doc.unconsumed_numbers(s) if not (n.value in self.sizes and
                                                                       float(n.value).is_integer())]
            # a logic statement about named entities is never a standard statement of the class
            named = any(nm.mentions(s.text) for nm in self.names) and bool(EXTRA_CUE_RE.search(s.text)
                                                                         or NEG_RE.search(s.text))
            if any(re.search(p, s.text, re.I) for p in patterns) and not left and not named:
                self.doc.claim(s, role)

    def numbers_in(self, sent: Sentence, *, after: int = 0, unconsumed: bool = True) -> list[Num]:
        out = []
        for n in numbers(sent.text):
            if n.index or n.start < after:
                continue
            ln, off = sent.locate(n.start)
            if unconsumed and self.doc.is_consumed(ln, off, off + (n.end - n.start)):
                continue
            out.append(n)
        return out

    def take(self, sent: Sentence, num: Num, name: str | None = None) -> Value:
        v = self.doc.sentence_value(sent, num)
        self.doc.consume_value(v)
        if name:
            self.source(name, [v])
        return v

    def scalar(self, name: str, cue, *, unit: str | None = None, exclude=None, required: bool = True,
               pick: str = "first", claim: bool = True, clause: bool = False, near: int | None = None) -> Value | None:
        """The number in the sentence matching `cue` (regex), nearest after the cue; InputError if required
        and none (or several conflicting ones) are found."""
        if isinstance(cue, (list, tuple)):
            for k, c in enumerate(cue):
                last = k == len(cue) - 1
                v = self.scalar(name, c, unit=unit, exclude=exclude, required=required and last, pick=pick,
                                claim=claim, clause=clause, near=near)
                if v is not None:
                    return v
            return None
        rx = re.compile(cue, re.I) if isinstance(cue, str) else cue
        found: list[tuple[Sentence, Num]] = []
        for s in self.sentences():
            if self.doc.role(s) in ("extra",):
                continue
            if exclude is not None and re.search(exclude, s.text, re.I):
                continue
            for m in rx.finditer(s.text):
                if clause:
                    a, b = next(((a, b) for a, b in clauses(s.text) if a <= m.start() < b), (0, len(s.text)))
                    nums = [n for n in self.numbers_in(s) if a <= n.start < b]
                else:
                    nums = self.numbers_in(s, after=0 if near is not None else m.start())
                if unit is not None:
                    nums = [n for n in nums if units_compatible(unit, n.unit)]
                if near is not None:
                    nums = [n for n in nums if -near <= n.start - m.end() <= near]
                if nums:
                    n = min(nums, key=lambda n: abs(n.start - m.end())) if pick == "nearest" else nums[0]
                    found.append((s, n))
                    break
        if not found:
            if required:
                raise InputError(f"no {name} found in the text", field=name)
            return None
        vals = {n.value for _, n in found}
        s, n = found[0]
        if len(vals) > 1 and required:
            lines = ", ".join(str(self.doc.sentence_value(x, y).line) for x, y in found)
            raise InputError(f"{len(vals)} different values for the {name} (lines {lines}); cannot tell which "
                             f"one holds", field=name)
        v = self.take(s, n, name)
        for s2, n2 in found[1:]:
            self.take(s2, n2)
        if claim:
            for s2, _ in found:
                if not self.doc.unconsumed_numbers(s2):
                    self.doc.claim(s2, "data")
        return v

    # ---- objective constants ------------------------------------------------------------------
    def objective_constant(self, maximize: bool, skip: str | None = None) -> None:
        """'A fixed overhead of 50 is added', 'a one-time bonus of 50 points' -> objective shift."""
        rx = re.compile(r"\b(?:fixed|one-time|one time|constant|flat|lump[- ]sum|overhead|bonus|incentive|subsidy|"
                        r"surcharge|set-up|setup|administrative|additional fixed|extra fixed)\b", re.I)
        for s in self.sentences():
            if self.doc.role(s) or not rx.search(s.text):
                continue
            if skip is not None and re.search(skip, s.text, re.I):
                continue
            if not re.search(r"\b(?:add\w*|incur\w*|plus|credited|counts? toward|regardless|irrespective|whatever|"
                             r"no matter|independent\w*|included|award\w*|receives?|applied|charged|levied|"
                             r"augment\w*|account for|incorporate|in total|on top)\b", s.text, re.I):
                continue
            nums = self.numbers_in(s)
            if not nums:
                continue
            n = nums[0]
            sign = -1.0 if re.search(r"\b(?:subtract\w*|deduct\w*|minus|discount\w*|rebate\w*)"
                                     r"\b", s.text, re.I) else 1.0
            v = self.take(s, n, "objective constant")
            self.shift += sign * v.value
            kind = "bonus" if re.search(r"bonus|incentive|subsidy|award|credit", s.text, re.I) else "fixed amount"
            self.family("objective constant", f"objective {'+' if sign > 0 else '-'} {v.value:g}  ({kind})", s,
                        extra=True)
            if re.search(r"\bat least one\b|\bany\b.*\bat all\b|\bnon-empty\b|\bif any\b", s.text, re.I):
                self.notes.append(f"line {v.line}: the {kind} applies when anything is chosen; it is added as a "
                                  "constant because an optimal choice is never empty when a single item fits")

    # ---- the final sweep ----------------------------------------------------------------------
    def finish(self, data: dict, evidence: dict, base_patterns=()) -> ClassProblem:
        self.claim_matching(base_patterns)
        unplaced = []
        for line, what in self.unused_structures:
            unplaced.append(Unplaced(line, self.doc.line(line).strip(), what))
        for s in self.sentences():
            if self.doc.role(s):
                continue
            scale = [(m.start(), m.end()) for m in re.finditer(r"\(?\b\d+ to \d+\b(?: scale)?\)?|\bon a \d+[- ]to[- "
                                                               r"]\d+ "
                                                                r"scale\b|\(\s*%[^)]*\)", s.text)]
            nums = [n for n in self.doc.unconsumed_numbers(s) if not (n.value in self.sizes and
                                                                      float(n.value).is_integer())
                    and not any(a <= n.start < b for a, b in scale)]
            if s.text.rstrip().endswith(":") and not nums:
                continue
            mentions = any(nm.mentions(s.text) for nm in self.names)
            if nums:
                unplaced.append(Unplaced(s.line, s.text, "number(s) " + ", ".join(n.text for n in nums[:4])
                                         + " not used by the model"))
            elif EXTRA_CUE_RE.search(s.text) and (mentions or not OBJECTIVE_RE.search(s.text)):
                unplaced.append(Unplaced(s.line, s.text, "reads like a requirement the model does not state"))
            elif mentions and re.search(r"\b(?:must|cannot|can ?not|has to|have to|needs? to|may not|is required|"
                                        r"are required|should|only)\b", s.text, re.I):
                unplaced.append(Unplaced(s.line, s.text, "a requirement on named entities the model does not state"))
        return ClassProblem(self.cls, evidence, data, self.sources, self.augments, self.shift, self.families,
                            self.extras, unplaced, self.notes, self.labels, self.text, self.cuts, sets=self.sets)

    # ---- helpers --------------------------------------------------------------------------------
    def count_sizes(self, *ks: int) -> None:
        self.sizes.update(int(k) for k in ks)


# ---------------------------------------------------------------------------------------------
# logic between two entities


@dataclass
class Logic:
    kind: str           # exactly_one | at_most_one | at_least_one | implies
    a: int              # entity indices (a: the condition of an implication)
    b: int
    pos_a: bool = True
    pos_b: bool = True

    @property
    def type(self) -> int:
        """The statement's type among the 13 (background.md section 1): an implication 10, exactly
        one 11, at least one 12, at most one 13."""
        return {"implies": 10, "exactly_one": 11, "at_least_one": 12, "at_most_one": 13}[self.kind]

    def coefs(self) -> tuple[float, float, str, float]:
        """(coef_a, coef_b, sense, rhs) over the 0/1 indicators of a and b."""
        if self.kind == "exactly_one":
            return 1.0, 1.0, "==", 1.0
        if self.kind == "at_most_one":
            return 1.0, 1.0, "<=", 1.0
        if self.kind == "at_least_one":
            return 1.0, 1.0, ">=", 1.0
        # lit(b) - lit(a) >= 0 with lit(v) = x_v (positive) or 1 - x_v (negative)
        ca = -1.0 if self.pos_a else 1.0
        cb = 1.0 if self.pos_b else -1.0
        rhs = (0.0 if self.pos_a else 1.0) - (0.0 if self.pos_b else 1.0)
        return ca, cb, ">=", rhs

    def words(self, names: list[str]) -> str:
        a, b = names[self.a], names[self.b]
        if self.kind == "exactly_one":
            return f"exactly one of {a}, {b}"
        if self.kind == "at_most_one":
            return f"at most one of {a}, {b}"
        if self.kind == "at_least_one":
            return f"at least one of {a}, {b}"
        return f"{'' if self.pos_a else 'not '}{a} => {'' if self.pos_b else 'not '}{b}"


_EXACT = re.compile(r"\b(?:exactly|precisely|strictly) (?:one|1)\b|\bone and only one\b|\bbut not both\b|"
                    r"\bnever the two together and never neither\b|\band not both\b|\bnot both,? (?:and|but) not "
                    r"neither\b|"
                    r"\bone,? but not (?:both|the two)\b", re.I)
_ATMOST = re.compile(r"\bat most one\b|\bnot both\b|\bnever both\b|\bno more than one\b|\bmutually exclusive\b|"
                     r"\bcannot both\b|\bcan ?not be (?:\w+ )?together\b|\bor neither\b|\bunder no circumstances "
                     r"both\b|"
                     r"\bonly one of\b|\bincompatible\b|\bnot (?:be )?(?:\w+ )?(?:together|simultaneously|jointly)\b|"
                     r"\bexcludes?\b|\bprecludes?\b|\bnot both of them\b", re.I)
_ATLEAST = re.compile(r"\bat least one\b|\bor both\b|\bnot acceptable that neither\b|\bone or both\b|"
                      r"\bneither\b.{0,40}\b(?:not acceptable|not allowed|ruled out)\b", re.I)
_IF = re.compile(r"\b(?:if|whenever|when|should|provided that|in case|once)\b", re.I)
_ONLY_IF = re.compile(r"\bonly if\b|\bonly when\b", re.I)
_REQUIRES = re.compile(r"\b(?:requires?|necessitates?|implies|depends on|demands?|needs?)\b", re.I)


def parse_logic(text: str, names: R.Names, *, bare_single: bool = False) -> Logic | None:
    """A logical statement between two named entities ('exactly one of A and B', 'if A then B must ...')."""
    ms = names.mentions(text, bare_single=bare_single)
    seen = []
    for i, s, e in ms:
        if not seen or seen[-1][0] != i:
            seen.append((i, s, e))
    ids = []
    for i, s, e in seen:
        if i not in [x[0] for x in ids]:
            ids.append((i, s, e))
    if len(ids) != 2:
        return None
    (a, sa, ea), (b, sb, eb) = ids
    if _EXACT.search(text):
        return Logic("exactly_one", a, b)
    if _ATLEAST.search(text):
        return Logic("at_least_one", a, b)
    if _ATMOST.search(text):
        return Logic("at_most_one", a, b)
    only = _ONLY_IF.search(text)
    if only and sa < only.start() <= sb:
        # "A ... only if B ...": A => B
        return Logic("implies", a, b, not NEG_RE.search(text[:only.start()]), not NEG_RE.search(text[only.end():]))
    m = _IF.search(text)
    if m:
        # the condition clause runs from the cue to the first ',' / 'then' / ':' after it (or the end)
        cond_start = m.end()
        rest = text[cond_start:]
        stop = re.search(r",|\bthen\b|;|:|\s-\s|–", rest)
        cond_end = cond_start + (stop.start() if stop else len(rest))
        if m.start() > min(sa, sb) and not re.match(r"\s*(?:if|should|whenever|when)\b", text, re.I):
            # "B must be packed if A is packed": the condition is after the cue, to the end
            cond_end = len(text)
        in_cond = [(i, s) for i, s, e in ids if cond_start <= s < cond_end]
        if len(in_cond) == 1:
            ci = in_cond[0][0]
            qi = b if ci == a else a
            cond_text = text[cond_start:cond_end]
            if cond_end == len(text):
                cons_text = text[:m.start()]
            else:
                cons_text = text[cond_end:]
            pos_c = not NEG_RE.search(cond_text)
            pos_q = not NEG_RE.search(cons_text)
            return Logic("implies", ci, qi, pos_c, pos_q)
    req = _REQUIRES.search(text)
    if req and sa < req.start() < sb:
        return Logic("implies", a, b, True, not NEG_RE.search(text[req.end():]))
    return None


# ---------------------------------------------------------------------------------------------
# records: entities with numeric attributes, from a table or an item list


@dataclass
class Records:
    names: list[str]
    lines: list[int]
    columns: list[str]                 # attribute descriptions (header text, or field labels + units)
    cells: list[list[list[Value]]]     # [entity][column] -> one value, or two for an interval
    kind: str                          # table | items
    header: str = ""                   # the prose line before the list / the table header
    source: object = None

    def __len__(self) -> int:
        return len(self.names)

    def col(self, pattern: str, exclude: str | None = None, taken=()) -> int | None:
        for j, c in enumerate(self.columns):
            if j in taken:
                continue
            if re.search(pattern, c, re.I) and not (exclude and re.search(exclude, c, re.I)):
                return j
        return None

    def column(self, j: int, what: str = "value") -> list[Value]:
        out = []
        for i, row in enumerate(self.cells):
            if j >= len(row) or not row[j]:
                raise InputError(f"no {what} for {self.names[i]}", field=f"line {self.lines[i]}")
            out.append(row[j][0])
        return out

    def interval(self, j: int, what: str = "range") -> list[tuple[Value, Value]]:
        out = []
        for i, row in enumerate(self.cells):
            if j >= len(row) or len(row[j]) != 2:
                raise InputError(f"no {what} (two numbers) for {self.names[i]}",
                                 field=f"line {self.lines[i]}")
            out.append((row[j][0], row[j][1]))
        return out


def records_from_table(t: R.Table) -> Records:
    width = len(t.header) if t.header else max(len(r.cells) for r in t.rows)
    cells = []
    for r in t.rows:
        if t.header and len(r.cells) != width:
            raise InputError(f"table row has {len(r.cells)} cells, the header has {width}",
                             field=f"line {r.line}")
        row = []
        for c in r.cells[1:]:
            row.append([c.value()])
        cells.append(row)
    cols = [h for h in t.header[1:]] if t.header else [f"column {j}" for j in range(1, width)]
    return Records([r.label for r in t.rows], [r.line for r in t.rows], cols, cells, "table",
                   " | ".join(t.header), t)


def records_from_items(lst: R.ItemList) -> Records:
    k = max(len(it.fields) for it in lst.items)
    cols = []
    for j in range(k):
        labels = []
        for it in lst.items:
            if j < len(it.fields):
                f = it.fields[j]
                d = (f.label + " " + f.unit + (" %" if f.value.percent else "")).strip()
                if d and d not in labels:
                    labels.append(d)
        cols.append(" / ".join(labels[:3]))
    cells = [[list(f.values) for f in it.fields] for it in lst.items]
    return Records(lst.names, lst.lines, cols, cells, "items", lst.header, lst)


def record_sets(doc: Doc, tables, lists, *, min_rows: int = 2, min_cols: int = 1) -> list[Records]:
    out = []
    for t in tables:
        try:
            rec = records_from_table(t)
        except InputError:
            continue
        if len(rec) >= min_rows and len(rec.columns) >= min_cols:
            out.append(rec)
    for lst in lists:
        if len(lst) >= min_rows:
            rec = records_from_items(lst)
            if len(rec.columns) >= min_cols:
                out.append(rec)
    return out


def check_shape(rec: Records, k: int, what: str) -> None:
    """Every entity has (at least) k values; InputError naming the first line that has fewer."""
    for i, row in enumerate(rec.cells):
        if len(row) < k:
            raise InputError(f"{rec.names[i]} has {len(row)} value(s), {what} needs {k}",
                             field=f"line {rec.lines[i]}")


def lin(terms, sense: str, rhs: float) -> str:
    """'x[1] + x[2] = 1' from [(coef, name)], a sense and a right-hand side."""
    out = ""
    for k, (c, name) in enumerate(terms):
        c = float(c)
        if c == 0:
            continue
        sign = "-" if c < 0 else "+"
        mag = "" if abs(c) == 1 else f"{abs(c):g} "
        out += (f"{'-' if c < 0 else ''}{mag}{name}" if not out else f" {sign} {mag}{name}")
    return f"{out or '0'} {'=' if sense == '==' else sense} {float(rhs):g}"
