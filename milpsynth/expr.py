"""Linear expressions and constraints as plain data: the common currency of every stage.

A `Constraint` is kept in canonical form `sum(coef * var) SENSE rhs` (all variables on the left,
the constant on the right) plus a `display` string in the shape of the template that made it,
and always remembers where it came from (`paragraph`, `template`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Mapping

SENSES = ("<=", ">=", "==")
_FLIP = {"<=": ">=", ">=": "<=", "==": "=="}


def fmt_num(x: float, digits: int = 6) -> str:
    """Short, exact-looking number, the one formatter for numbers shown to people.

    2 -> '2', 0.4 -> '0.4', 1/3 -> '0.333333', 3.9000000000000004 -> '3.9' (`digits` significant
    digits, 6 by default; digits=12 keeps 359.999994 but still drops float noise), 1234567.25 ->
    '1234567' (never an exponent for a whole part under 1e15), 1e-05 -> '1e-05', inf -> 'inf'.
    """
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    text = f"{x:.{digits}g}"
    if "e+" in text and abs(x) < 1e15:
        return str(int(round(x)))
    return text


@dataclass(frozen=True)
class LinearExpr:
    """sum(coef * var) + constant, terms in insertion order, zero coefficients dropped."""

    terms: tuple[tuple[str, float], ...] = ()
    constant: float = 0.0

    @classmethod
    def of(cls, coefs: Mapping[str, float] | Iterable[tuple[str, float]] = (), constant: float = 0.0) -> "LinearExpr":
        merged: dict[str, float] = {}
        items = coefs.items() if isinstance(coefs, Mapping) else coefs
        for var, c in items:
            merged[var] = merged.get(var, 0.0) + float(c)
        return cls(tuple((v, c) for v, c in merged.items() if c != 0.0), float(constant))

    @classmethod
    def var(cls, name: str, coef: float = 1.0) -> "LinearExpr":
        return cls.of({name: coef})

    def __add__(self, other: "LinearExpr") -> "LinearExpr":
        return LinearExpr.of(list(self.terms) + list(other.terms), self.constant + other.constant)

    def __sub__(self, other: "LinearExpr") -> "LinearExpr":
        return self + other.scale(-1.0)

    def scale(self, k: float) -> "LinearExpr":
        return LinearExpr.of([(v, c * k) for v, c in self.terms], self.constant * k)

    @property
    def coefs(self) -> dict[str, float]:
        return dict(self.terms)

    @property
    def variables(self) -> list[str]:
        return [v for v, _ in self.terms]

    def value(self, values: Mapping[str, float]) -> float:
        return sum(c * values.get(v, 0.0) for v, c in self.terms) + self.constant

    def __str__(self) -> str:
        parts: list[str] = []
        for var, c in self.terms:
            sign = "-" if c < 0 else "+"
            mag = abs(c)
            body = var if mag == 1 else f"{fmt_num(mag)}*{var}"
            parts.append(f"{sign} {body}")
        if self.constant or not parts:
            sign = "-" if self.constant < 0 else "+"
            parts.append(f"{sign} {fmt_num(abs(self.constant))}")
        text = " ".join(parts)
        return text[2:] if text.startswith("+ ") else "-" + text[2:]


@dataclass
class Constraint:
    """One linear constraint `lhs SENSE rhs` with its origin."""

    lhs: LinearExpr
    sense: str
    rhs: float
    name: str = ""
    paragraph: int | None = None        # 0-based index of the source paragraph; None for links
    template: str = ""                  # e.g. "type3", "link_upper", "link_lower"
    display: str = ""                   # the template-shaped text, e.g. "x <= 0.4 * (x + y)"
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.sense not in SENSES:
            raise ValueError(f"sense must be one of {SENSES}, got {self.sense!r}")
        if self.lhs.constant:
            self.rhs = float(self.rhs) - self.lhs.constant
            self.lhs = LinearExpr(self.lhs.terms, 0.0)
        self.rhs = float(self.rhs)
        if not self.display:
            self.display = f"{self.lhs} {self.sense} {fmt_num(self.rhs)}"

    @classmethod
    def between(cls, left: LinearExpr, sense: str, right: LinearExpr, **kw) -> "Constraint":
        """`left SENSE right`, moved into canonical form; display keeps the two sides."""
        kw.setdefault("display", f"{left} {sense} {right}")
        diff = left - right
        return cls(LinearExpr(diff.terms), sense, -diff.constant, **kw)

    @property
    def variables(self) -> list[str]:
        return self.lhs.variables

    def violation(self, values: Mapping[str, float]) -> float:
        """How far `values` are from satisfying this constraint (0 when satisfied)."""
        act = self.lhs.value(values)
        if self.sense == "<=":
            return max(0.0, act - self.rhs)
        if self.sense == ">=":
            return max(0.0, self.rhs - act)
        return abs(act - self.rhs)

    def canonical(self) -> str:
        return f"{self.lhs} {self.sense} {fmt_num(self.rhs)}"

    def to_dict(self) -> dict:
        return {
            "name": self.name, "terms": dict(self.lhs.terms), "sense": self.sense, "rhs": self.rhs,
            "paragraph": self.paragraph, "template": self.template, "display": self.display,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, d: Mapping) -> "Constraint":
        return cls(LinearExpr.of(d["terms"]), d["sense"], d["rhs"], name=d.get("name", ""),
                   paragraph=d.get("paragraph"), template=d.get("template", ""),
                   display=d.get("display", ""), notes=list(d.get("notes", [])))

    def __str__(self) -> str:
        return self.display


@dataclass
class Objective:
    sense: str                          # "maximize" | "minimize"
    expr: LinearExpr
    paragraph: int | None = 0
    template: str = "type0"

    def __post_init__(self) -> None:
        if self.sense not in ("maximize", "minimize"):
            raise ValueError(f"objective sense must be 'maximize' or 'minimize', got {self.sense!r}")

    @property
    def variables(self) -> list[str]:
        return self.expr.variables

    def to_dict(self) -> dict:
        return {"sense": self.sense, "terms": dict(self.expr.terms), "constant": self.expr.constant,
                "paragraph": self.paragraph, "template": self.template}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Objective":
        return cls(d["sense"], LinearExpr.of(d["terms"], d.get("constant", 0.0)),
                   paragraph=d.get("paragraph", 0), template=d.get("template", "type0"))

    def __str__(self) -> str:
        return f"{self.sense} {self.expr}"
