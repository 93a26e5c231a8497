"""A tolerant reader for hand-typed reference models (the `true_model` text of li2023).

One expression per line, the first `Maximize ...` / `Minimize ...`, `M` a big constant. The text is
hand-typed, so the reader accepts: implicit products (`3.2okra`, `75chairs`), a variable times a
number (`tv*900`), thousands separators (`20,000`), an extra `)`, a variable once capitalised
(`Shares` where `shares` is used), `bi_x <= x` without M, proportions `x >= 0.4 * (a + b)`, and
unicode names (`éclairs` -> `eclairs`, as milpsynth names variables). Every such repair is recorded
in `ReferenceModel.notes`; a line that cannot be read is listed in `ReferenceModel.unread` with the
reason, never guessed.

`M` stays symbolic: a coefficient is `a + b*M`, so the model can be instantiated with any M
(`ReferenceModel.instantiate(M=..., kind=...)`). Each constraint is classified as a paragraph
constraint, an upper link `x <= M*bi_x`, a lower link `bi_x <= M*x` (or `bi_x <= x`), or a folded
type-1 bound `x <= b*bi_x` (a paragraph bound and an upper link at once).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .cursor import TokenCursor
from .expr import Constraint, LinearExpr, Objective
from .variables import INDICATOR_PREFIX, Variable

# A coefficient `a + b*M` is the pair (a, b).
Sym = tuple[float, float]
ZERO: Sym = (0.0, 0.0)

PARAGRAPH, LINK_UPPER, LINK_LOWER, FOLDED = "paragraph", "link_upper", "link_lower", "folded"


class _Unread(Exception):
    """Internal: the line cannot be read; the message is the reason."""


def fold_name(name: str) -> str:
    """ASCII-fold a name the way milpsynth names variables (`éclairs` -> `eclairs`), keeping case."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9A-Za-z_]", "", folded)


def sym_value(c: Sym, M: float) -> float:
    return c[0] + c[1] * M


def sym_sign(c: Sym) -> int:
    """Sign of `a + b*M` for M large."""
    lead = c[1] if c[1] != 0 else c[0]
    return (lead > 0) - (lead < 0)


def sym_str(c: Sym) -> str:
    from .expr import fmt_num
    if c[1] == 0:
        return fmt_num(c[0])
    m = "M" if c[1] == 1 else f"{fmt_num(c[1])}*M"
    return m if c[0] == 0 else f"({fmt_num(c[0])} + {m})"


# -- expressions with symbolic M ---------------------------------------------------------------
@dataclass
class SymLinear:
    """sum(coef * var) + constant, coefficients `a + b*M`."""

    terms: dict[str, Sym] = field(default_factory=dict)
    constant: Sym = ZERO

    @classmethod
    def const(cls, c: Sym) -> "SymLinear":
        return cls({}, c)

    @property
    def is_constant(self) -> bool:
        return not self.terms

    def add(self, other: "SymLinear", sign: float = 1.0) -> "SymLinear":
        terms = dict(self.terms)
        for v, c in other.terms.items():
            old = terms.get(v, ZERO)
            terms[v] = (old[0] + sign * c[0], old[1] + sign * c[1])
        const = (self.constant[0] + sign * other.constant[0], self.constant[1] + sign * other.constant[1])
        return SymLinear(terms, const)

    def scale(self, k: Sym) -> "SymLinear":
        return SymLinear({v: _mul(c, k) for v, c in self.terms.items()}, _mul(self.constant, k))

    def cleaned(self) -> "SymLinear":
        return SymLinear({v: c for v, c in self.terms.items() if c != ZERO}, self.constant)


def _mul(a: Sym, b: Sym) -> Sym:
    if a[1] and b[1]:
        raise _Unread("M times M (a product of two big constants)")
    return (a[0] * b[0], a[0] * b[1] + a[1] * b[0])


# -- tokenizer -----------------------------------------------------------------------------------
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d*|\.\d+|\d+"
_TOKEN = re.compile(rf"\s*(?:(?P<num>{_NUM})(?P<pct>%)?|(?P<name>[^\W\d]\w*)|(?P<op><=|>=|==|=<|=>|[-+*/()=<>]))")
_TRANSLATE = str.maketrans({"≤": "<", "≥": ">", "−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*"})


def _tokenize(text: str, notes: list[str]) -> list[tuple[str, str]]:
    text = text.replace("≤", "<=").replace("≥", ">=").translate(_TRANSLATE)
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise _Unread(f"unexpected character {text[pos:].strip()[:1]!r} at column {pos + 1}")
        pos = m.end()
        if m.group("num") is not None:
            num = m.group("num")
            if "," in num:
                notes.append(f"thousands separator read: {num} = {num.replace(',', '')}")
            value = float(num.replace(",", ""))
            if m.group("pct"):
                notes.append(f"percentage read: {num}% = {value / 100:g}")
                value /= 100
            out.append(("num", repr(value)))
        elif m.group("name") is not None:
            out.append(("name", m.group("name")))
        else:
            op = {"=<": "<=", "=>": ">=", "=": "=="}.get(m.group("op"), m.group("op"))
            out.append(("op", op))
    return out


class _Parser(TokenCursor):
    """Recursive descent over one side of a line: expr := term (+|- term)*; term := factor (*|/|implicit factor)*."""

    def __init__(self, tokens: list[tuple[str, str]], notes: list[str]):
        super().__init__(tokens)
        self.notes = notes

    def expr(self) -> SymLinear:
        result = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            sign = 1.0 if self.take()[1] == "+" else -1.0
            result = result.add(self.term(), sign)
        return result

    def term(self) -> SymLinear:
        result = self.factor()
        last_was_number = self._last_number
        while True:
            kind, val = self.peek()
            if (kind, val) == ("op", "*"):
                self.take()
                result = self._times(result, self.factor())
            elif (kind, val) == ("op", "/"):
                self.take()
                d = self.factor()
                if not d.is_constant or d.constant[1] or d.constant[0] == 0:
                    raise _Unread("division by something other than a non-zero number")
                result = result.scale((1.0 / d.constant[0], 0.0))
            elif last_was_number and (kind == "name" or (kind, val) == ("op", "(")):
                right = self.factor()
                self.notes.append(f"implicit product read: {_show(result)} * {_show(right)}")
                result = self._times(result, right)
            else:
                return result
            last_was_number = self._last_number

    _last_number = False

    def factor(self) -> SymLinear:
        kind, val = self.take()
        self._last_number = False
        if (kind, val) == ("op", "-"):
            return self.factor().scale((-1.0, 0.0))
        if (kind, val) == ("op", "+"):
            return self.factor()
        if kind == "num":
            self._last_number = True
            return SymLinear.const((float(val), 0.0))
        if kind == "name":
            if val == "M":
                self._last_number = True
                return SymLinear.const((0.0, 1.0))
            return SymLinear({val: (1.0, 0.0)})
        if (kind, val) == ("op", "("):
            inner = self.expr()
            if self.peek() == ("op", ")"):
                self.take()
            elif self.peek() == (None, None):
                self.notes.append("missing ')' at the end of the line assumed")
            else:
                raise _Unread(f"expected ')' but found {self.peek()[1]!r}")
            self._last_number = False
            return inner
        if kind is None:
            raise _Unread("the expression ends too early")
        raise _Unread(f"unexpected {val!r}")

    @staticmethod
    def _times(a: SymLinear, b: SymLinear) -> SymLinear:
        if a.is_constant:
            return b.scale(a.constant)
        if b.is_constant:
            return a.scale(b.constant)
        raise _Unread("a product of two variables (not linear)")


def _show(e: SymLinear) -> str:
    if e.is_constant:
        return sym_str(e.constant)
    return " + ".join(v if c == (1.0, 0.0) else f"{sym_str(c)}*{v}" for v, c in e.terms.items())


def _drop_extra_parens(tokens, notes):
    depth, out = 0, []
    for tok in tokens:
        if tok == ("op", "("):
            depth += 1
        elif tok == ("op", ")"):
            if depth == 0:
                notes.append("an extra ')' was ignored")
                continue
            depth -= 1
        out.append(tok)
    return out


def _parse_side(tokens, notes) -> SymLinear:
    if not tokens:
        raise _Unread("one side of the line is empty")
    p = _Parser(_drop_extra_parens(tokens, notes), notes)
    e = p.expr()
    if p.i < len(p.toks):
        raise _Unread(f"unexpected {p.toks[p.i][1]!r} after a complete expression")
    return e


# -- the model -----------------------------------------------------------------------------------
@dataclass
class ReferenceConstraint:
    """`sum(coef * var) SENSE rhs`, coefficients `a + b*M`, with its source line."""

    terms: dict[str, Sym]
    sense: str
    rhs: Sym
    line: str
    line_no: int                   # 1-based line number in the reference text
    kind: str = PARAGRAPH          # paragraph | link_upper | link_lower | folded
    variable: str | None = None    # for links and folded bounds: the quantity x
    bound: float | None = None     # for folded bounds: b in x <= b*bi_x

    @property
    def is_link(self) -> bool:
        return self.kind in (LINK_UPPER, LINK_LOWER)

    @property
    def has_m(self) -> bool:
        return any(c[1] for c in self.terms.values()) or bool(self.rhs[1])

    def numeric(self, M: float, **kw) -> Constraint:
        lhs = LinearExpr.of([(v, sym_value(c, M)) for v, c in self.terms.items()])
        return Constraint(lhs, self.sense, sym_value(self.rhs, M), display=self.line.strip(), **kw)

    def __str__(self) -> str:
        return self.line.strip()


@dataclass
class ReferenceObjective:
    sense: str                     # maximize | minimize
    terms: dict[str, Sym]
    constant: Sym
    line: str
    line_no: int

    def numeric(self, M: float) -> Objective:
        return Objective(self.sense, LinearExpr.of([(v, sym_value(c, M)) for v, c in self.terms.items()],
                                                   sym_value(self.constant, M)))


@dataclass
class UnreadLine:
    line_no: int
    text: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line_no}: {self.text.strip()!r}: {self.reason}"


@dataclass
class NumericModel:
    """A reference model with M and the kinds fixed: plain milpsynth data, ready for HiGHS."""

    variables: list[Variable]
    constraints: list[Constraint]
    objective: Objective | None


@dataclass
class ReferenceModel:
    objective: ReferenceObjective | None
    constraints: list[ReferenceConstraint]
    variables: list[str]                                   # in order of appearance
    unread: list[UnreadLine] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)   # (line number, what was repaired)

    @property
    def complete(self) -> bool:
        return not self.unread and self.objective is not None

    @property
    def quantities(self) -> list[str]:
        return [v for v in self.variables if not v.startswith(INDICATOR_PREFIX)]

    @property
    def binaries(self) -> list[str]:
        return [v for v in self.variables if v.startswith(INDICATOR_PREFIX)]

    @property
    def pure_binary(self) -> bool:
        return not self.quantities

    def indicator_of(self, name: str) -> str | None:
        """For `bi_x` with x a variable of the model: x; else None."""
        if name.startswith(INDICATOR_PREFIX) and name[len(INDICATOR_PREFIX):] in self.variables:
            return name[len(INDICATOR_PREFIX):]
        return None

    @property
    def paragraph_constraints(self) -> list[ReferenceConstraint]:
        """What paragraphs state: plain constraints and folded bounds."""
        return [c for c in self.constraints if c.kind in (PARAGRAPH, FOLDED)]

    @property
    def links(self) -> list[ReferenceConstraint]:
        return [c for c in self.constraints if c.is_link]

    def instantiate(self, M: float = 1e6, kind: str = "continuous") -> NumericModel:
        """Numeric data: bi_* binary, every other variable of `kind` ('continuous' or 'integer')."""
        if kind not in ("continuous", "integer"):
            raise ValueError(f"kind must be 'continuous' or 'integer', got {kind!r}")
        variables = [Variable(v, "binary" if v.startswith(INDICATOR_PREFIX) else kind,
                              indicator_of=self.indicator_of(v)) for v in self.variables]
        cons = [c.numeric(M, name=f"ref_line{c.line_no}", template=c.kind) for c in self.constraints]
        return NumericModel(variables, cons, self.objective.numeric(M) if self.objective else None)

    def __str__(self) -> str:
        out = [self.objective.line.strip() if self.objective else "(no objective)"]
        out += [f"{c.line.strip():60s} [{c.kind}]" for c in self.constraints]
        out += [f"UNREAD {u}" for u in self.unread]
        return "\n".join(out)


_OBJ = re.compile(r"^\s*(maximi[sz]e|minimi[sz]e|max|min)\b\s*:?\s*", re.IGNORECASE)
_RELS = ("<=", ">=", "==", "<", ">")


def parse_reference(text: str) -> ReferenceModel:
    """Read a reference model; never raises on a bad line (it goes to `.unread`)."""
    objective = None
    raw: list[tuple[int, str, SymLinear, str, SymLinear | None]] = []   # (line_no, line, lhs, sense, rhs)
    unread: list[UnreadLine] = []
    notes: list[tuple[int, str]] = []
    obj_sense = obj_expr = None
    obj_line = (0, "")
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_notes: list[str] = []
        try:
            m = _OBJ.match(line)
            if m:
                if obj_sense is not None:
                    raise _Unread("a second objective line")
                body = line[m.end():]
                tokens = _tokenize(body, line_notes)
                # "Maximize Z = ..." / "max: obj = ...": drop the objective's name
                if len(tokens) > 2 and tokens[0][0] == "name" and tokens[1] == ("op", "=="):
                    line_notes.append(f"objective name {tokens[0][1]!r} ignored")
                    tokens = tokens[2:]
                expr = _parse_side(tokens, line_notes)
                obj_sense = "maximize" if m.group(1).lower().startswith("max") else "minimize"
                obj_expr, obj_line = expr, (no, line)
            else:
                tokens = _tokenize(line, line_notes)
                cuts = [i for i, t in enumerate(tokens) if t[0] == "op" and t[1] in _RELS]
                if not cuts:
                    raise _Unread("no objective keyword and no relation (<=, >=, =)")
                sides = [_parse_side(tokens[a + 1:b], line_notes)
                         for a, b in zip([-1] + cuts, cuts + [len(tokens)])]
                if len(cuts) > 1:
                    line_notes.append("chained comparison read as separate constraints")
                for k, i in enumerate(cuts):
                    sense = tokens[i][1]
                    if sense in ("<", ">"):
                        line_notes.append(f"strict '{sense}' read as '{sense}='")
                        sense += "="
                    raw.append((no, line, sides[k], sense, sides[k + 1]))
        except _Unread as exc:
            unread.append(UnreadLine(no, line, str(exc)))
            line_notes = []
        notes.extend((no, n) for n in line_notes)

    # names: fold to ASCII; a capitalised spelling of a known lowercase name is that name
    exprs = ([obj_expr] if obj_expr is not None else []) + [e for r in raw for e in (r[2], r[4])]
    seen = list(dict.fromkeys(v for e in exprs for v in e.terms))
    folded = {v: fold_name(v) for v in seen}

    def lines_of(v: str) -> list[int]:
        nos = {r[0] for r in raw if v in r[2].terms or v in r[4].terms}
        if obj_expr is not None and v in obj_expr.terms:
            nos.add(obj_line[0])
        return sorted(nos)

    for v, f in folded.items():
        if f != v:
            notes.extend((no, f"name {v!r} folded to ASCII {f!r}") for no in lines_of(v))
    known = set(folded.values())
    rename = {}
    for v, f in folded.items():
        target = f
        if f != f.lower() and f.lower() in known:
            target = f.lower()
        elif f.startswith(INDICATOR_PREFIX):
            base = f[len(INDICATOR_PREFIX):]
            if base != base.lower() and base.lower() in known:
                target = INDICATOR_PREFIX + base.lower()
        if target != f:
            notes.extend((no, f"{f!r} read as the known name {target!r}") for no in lines_of(v))
        rename[v] = target

    def renamed(e: SymLinear) -> SymLinear:
        out = SymLinear({}, e.constant)
        for v, c in e.terms.items():
            out = out.add(SymLinear({rename[v]: c}))
        return out.cleaned()

    variables = list(dict.fromkeys(rename[v] for v in seen))
    if obj_expr is not None:
        e = renamed(obj_expr)
        objective = ReferenceObjective(obj_sense, e.terms, e.constant, obj_line[1], obj_line[0])
    elif raw or unread:
        unread.insert(0, UnreadLine(0, "", "no objective line (Maximize/Minimize) found"))
    model = ReferenceModel(objective, [], variables, unread, sorted(notes))
    for no, line, lhs, sense, rhs in raw:
        diff = renamed(lhs).add(renamed(rhs), -1.0).cleaned()
        con = ReferenceConstraint(diff.terms, sense, (0.0 - diff.constant[0], 0.0 - diff.constant[1]), line, no)
        if not con.terms:
            model.unread.append(UnreadLine(no, line, "no variable in this constraint"))
            continue
        _classify(model, con)
        model.constraints.append(con)
    model.unread.sort(key=lambda u: u.line_no)
    return model


def _classify(model: ReferenceModel, con: ReferenceConstraint) -> None:
    """Set `kind` (and `variable`, `bound`): links are `x <= U*bi_x` and `bi_x <= c*x`, rhs 0."""
    if len(con.terms) != 2 or con.rhs != ZERO or con.sense == "==":
        return
    names = list(con.terms)
    pair = [(x, b) for x in names for b in names if b == INDICATOR_PREFIX + x]
    if not pair:
        return
    x, bi = pair[0]
    sign = 1.0 if con.sense == "<=" else -1.0          # as `... <= 0`
    cx, cb = con.terms[x], con.terms[bi]
    sx, sb = sym_sign(cx) * sign, sym_sign(cb) * sign
    con.variable = x
    if sx > 0 and sb < 0:                                # x <= U * bi_x
        if cx[1] == 0 and cb[1] == 0:
            con.kind, con.bound = FOLDED, -cb[0] / cx[0]
        else:
            con.kind = LINK_UPPER
    elif sx < 0 and sb > 0:                              # bi_x <= c * x
        con.kind = LINK_LOWER
    else:
        con.variable = None
