"""A formula read as data (a language model's answer, or algebra in the user's text): a hand-written
tokenizer and recursive-descent parser.

    "2*x + 3 y <= 100"   "maximize 5 x + 4 y"   "wine <= 0.3 * (wine + beer)"   "x >= 20%"

Only the given names, numbers (with thousands commas, a '%' or a '$'), + - * / ( ) and one of
<=, >=, = (==, <, >, and the signs the model may write as Unicode) are read; anything else is a
`FormulaError` saying what and where. Nothing is evaluated by Python: the parser builds linear
forms (`milpsynth.expr.LinearExpr`) by arithmetic on numbers it has read itself; a product of two
names is refused as not linear.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from ..cursor import TokenCursor
from ..errors import GenerationError
from ..expr import LinearExpr

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?%?|\$?\.\d+%?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<rel><=|>=|==|=<|=>|=|<|>|\u2264|\u2265)
  | (?P<op>[-+*/()\u2212\u00d7\u00b7])
""", re.X)
_REL = {"<=": "<=", "=<": "<=", "<": "<=", "\u2264": "<=", ">=": ">=", "=>": ">=", ">": ">=", "\u2265": ">=",
        "=": "==", "==": "=="}
_OP = {"\u2212": "-", "\u00d7": "*", "\u00b7": "*"}
SENSE_WORDS = {"maximize": "maximize", "maximise": "maximize", "max": "maximize",
               "minimize": "minimize", "minimise": "minimize", "min": "minimize"}
MAX_LENGTH = 2000
_SENSE_AT_START = re.compile(r"^(maximi[sz]e|minimi[sz]e|max|min)\b\s*:?\s*", re.I)


class FormulaError(GenerationError):
    """The answer is not a linear formula over the given names."""


@dataclass(frozen=True)
class Formula:
    """left SENSE right (a constraint) or, with `objective` set, 'maximize'/'minimize' left."""

    left: LinearExpr
    sense: str | None = None         # '<=', '>=', '==' for a constraint
    right: LinearExpr | None = None
    objective: str | None = None     # 'maximize' / 'minimize'
    numbers: tuple = ()              # every number as written, for the check against the text

    def difference(self) -> tuple[dict, float]:
        """(terms, rhs) of `left - right SENSE 0` moved to `terms SENSE rhs`, zero terms dropped."""
        d = self.left - self.right if self.right is not None else self.left
        return {n: a for n, a in d.coefs.items() if abs(a) > 1e-12}, -d.constant


def _tokens(text: str):
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise FormulaError(f"cannot read {text[pos:pos + 12]!r} at character {pos + 1} (a formula has "
                               "only names, numbers, + - * / ( ) and one of <=, >=, =)")
        pos = m.end()
        kind = m.lastgroup
        if kind != "ws":
            yield kind, m.group(kind)


def number_value(raw: str) -> float:
    """A number as a formula writes it ('$1,000', '20%' -> 0.2)."""
    text = raw.replace("$", "").replace(",", "")
    pct = text.endswith("%")
    value = float(text.rstrip("%"))
    return value / 100.0 if pct else value


class _Parser(TokenCursor):
    def __init__(self, text: str, names: Iterable[str] | Mapping[str, str]):
        self.names = dict(names) if isinstance(names, Mapping) else {n: n for n in names}
        self.folded: dict[str, set[str]] = {}
        for alias, n in self.names.items():
            self.folded.setdefault(alias.lower(), set()).add(n)
        super().__init__(list(_tokens(text)))
        self.numbers: list[str] = []

    def name(self, word: str) -> str:
        if word in self.names:
            return self.names[word]
        same = self.folded.get(word.lower(), set())
        if len(same) == 1:
            return next(iter(same))
        known = ", ".join(list(dict.fromkeys(self.names.values()))[:40]) or "none"
        raise FormulaError(f"{word!r} is not one of the decision names ({known})")

    def expr(self) -> LinearExpr:
        kind, val = self.peek()
        sign = 1.0
        if kind == "op" and _OP.get(val, val) in "+-":
            self.take()
            sign = -1.0 if _OP.get(val, val) == "-" else 1.0
        out = self.term().scale(sign)
        while True:
            kind, val = self.peek()
            if kind != "op" or _OP.get(val, val) not in "+-":
                return out
            self.take()
            out = out - self.term() if _OP.get(val, val) == "-" else out + self.term()

    def term(self) -> LinearExpr:
        out = self.factor()
        while True:
            kind, val = self.peek()
            op = _OP.get(val, val) if kind == "op" else None
            if op in ("*", "/"):
                self.take()
                right = self.factor()
            elif kind in ("num", "name") or (kind == "op" and val == "("):   # '3 x', '0.2 (a + b)'
                op, right = "*", self.factor()
            else:
                return out
            if op == "/":
                if right.terms or right.constant == 0:
                    raise FormulaError("division only by a non-zero number")
                out = out.scale(1.0 / right.constant)
            elif not out.terms:
                out = right.scale(out.constant)
            elif not right.terms:
                out = out.scale(right.constant)
            else:
                raise FormulaError("a product of two decisions is not linear")

    def factor(self) -> LinearExpr:
        kind, val = self.take()
        if kind == "num":
            self.numbers.append(val)
            return LinearExpr((), number_value(val))
        if kind == "name":
            if val.lower() in SENSE_WORDS:
                raise FormulaError(f"{val!r} may only open the objective")
            return LinearExpr.var(self.name(val))
        if kind == "op" and val == "(":
            inner = self.expr()
            if self.take() != ("op", ")"):
                raise FormulaError("a '(' is not closed")
            return inner
        if kind == "op" and _OP.get(val, val) == "-":
            return self.factor().scale(-1.0)
        raise FormulaError(f"expected a name, a number or '(' but found {val or 'the end'!r}")


def parse_formula(text: str, names: Iterable[str] | Mapping[str, str], *, objective: bool = False) -> Formula:
    """Parse one formula over `names` (see the module docstring), or over a mapping of the ways a
    formula may write each decision to its name. `objective`: 'maximize ...'."""
    if not isinstance(text, str):
        raise FormulaError(f"expected text, got {type(text).__name__}")
    names = dict(names) if isinstance(names, Mapping) else list(names)
    text = text.strip().strip("`").strip()
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"the answer is too long ({len(text)} characters)")
    if not text:
        raise FormulaError("the answer is empty")
    sense_word = None
    m = _SENSE_AT_START.match(text)
    if m:
        sense_word = SENSE_WORDS[m.group(1).lower()]
        text = text[m.end():]
        if objective:          # 'maximize Z = 3x + 2y': the objective's name is no decision
            text = re.sub(r"^[A-Za-z_]\w*\s*=(?!=)\s*", lambda n: "" if n.group(0).split("=")[0].strip()
                          not in set(names) else n.group(0), text)
    if objective and sense_word is None:
        raise FormulaError("the objective must start with 'maximize' or 'minimize'")
    if not objective and sense_word is not None:
        raise FormulaError("a constraint has no 'maximize'/'minimize'")
    p = _Parser(text, names)
    left = p.expr()
    sense = right = None
    if p.peek()[0] == "rel":
        if objective:
            raise FormulaError("the objective has no <=, >= or =")
        sense = _REL[p.take()[1]]
        right = p.expr()
        if p.peek()[0] == "rel":
            raise FormulaError("one relation only (write a range as two constraints)")
    elif not objective:
        raise FormulaError("a constraint needs one of <=, >=, =")
    if p.peek()[0] is not None:
        raise FormulaError(f"unexpected {p.peek()[1]!r} after the formula")
    return Formula(left, sense, right, sense_word, tuple(p.numbers))
