"""A parsed formula fitted to the template of a paragraph's type: the template's slots, or a refusal.

The formula is moved to `terms SENSE rhs` and read in the shape the type states (see
`milpsynth.templates`); where it has another shape the `TemplateError` says which, in words the
model can act on ("type 1 bounds exactly one decision; the answer has 2: x, y"). The template then
checks the slots again (known names, indicators only in logic, shares in (0, 1]).
"""
from __future__ import annotations

from ..errors import TemplateError
from ..labels import LOGIC_TYPES
from .parse import Formula

UPPER_TYPES, LOWER_TYPES = (1, 2, 3, 4), (5, 6, 7, 8)
TOL = 1e-9


def _oriented(terms: dict, sense: str, rhs: float, want: str) -> tuple[dict, float]:
    """`terms sense rhs` written with the sense `want` (both sides negated where they differ)."""
    if sense == want:
        return terms, rhs
    if sense == "==" or want == "==":
        raise TemplateError(f"the answer states '{sense}' where this type states '{want}'")
    return {n: -a for n, a in terms.items()}, -rhs


def _direction(t: int) -> str:
    return "<=" if t in UPPER_TYPES else ">="


def equal_values(values) -> bool:
    """All equal, within the tolerance."""
    values = list(values)
    return all(abs(v - values[0]) <= TOL * max(1.0, abs(values[0])) for v in values)


def fit(formula: Formula, t: int, variables) -> dict:
    """The slots of type `t` that `formula` fills, or a TemplateError saying why it does not fit."""
    if t == 0:
        if formula.objective is None:
            raise TemplateError("the objective must start with 'maximize' or 'minimize'")
        terms = {n: a for n, a in formula.left.coefs.items() if abs(a) > 1e-12}
        slots = {"sense": formula.objective, "coefs": terms}
        if formula.left.constant:
            slots["constant"] = formula.left.constant
        return slots
    if formula.sense is None:
        raise TemplateError("a constraint needs one of <=, >=, =")
    terms, rhs = formula.difference()
    if not terms:
        raise TemplateError("the answer names no decision")
    if t in LOGIC_TYPES:
        return _logic(terms, formula.sense, rhs, t, variables)
    if t == 9:
        return _comparison(terms, formula.sense, rhs)
    if t in (4, 8):
        return _proportion(terms, formula.sense, rhs, t)
    terms, rhs = _oriented(terms, formula.sense, rhs, _direction(t))
    word = "upper" if t in UPPER_TYPES else "lower"
    if t in (1, 5):
        if len(terms) != 1:
            raise TemplateError(f"type {t} ({word} bound on one decision) bounds exactly one decision; "
                                f"the answer has {len(terms)}: {', '.join(terms)}")
        (name, a), = terms.items()
        if a < 0:
            raise TemplateError(f"type {t} states an {word} bound ('{_direction(t)}'); the answer reads as the "
                                f"opposite bound on {name}")
        return {"var": name, "bound": rhs / a}
    if t in (2, 6):
        if not equal_values(terms.values()) or min(terms.values()) <= 0:
            raise TemplateError(f"type {t} is a plain sum ('x1 + x2 + ... {_direction(t)} b'); the answer "
                                "weights its decisions differently (that is type " + ("3" if t == 2 else "7") + ")")
        a = next(iter(terms.values()))
        return {"vars": list(terms), "bound": rhs / a}
    if all(a < 0 for a in terms.values()):
        raise TemplateError(f"type {t} states an {word} bound ('{_direction(t)}') on a weighted sum; the answer "
                            "reads as the opposite bound")
    return {"coefs": dict(terms), "bound": rhs}


def _logic(terms: dict, sense: str, rhs: float, t: int, variables) -> dict:
    """Types 10-13 over indicators; a quantity's name stands for its indicator here."""
    mapped: dict[str, float] = {}
    for n, a in terms.items():
        key = variables.indicator(n) if n in variables else n
        mapped[key] = mapped.get(key, 0.0) + a
    terms = {n: a for n, a in mapped.items() if abs(a) > 1e-12}
    if t == 10:
        terms, rhs = _oriented(terms, sense, rhs, "<=")
        pos = [n for n, a in terms.items() if a > 0]
        neg = [n for n, a in terms.items() if a < 0]
        if len(pos) != 1 or len(neg) != 1 or abs(rhs) > TOL or not equal_values([terms[pos[0]], -terms[neg[0]]]):
            raise TemplateError("type 10 (if A then B) is 'y_A <= y_B' over two indicators")
        return {"if": pos[0], "then": neg[0]}
    want = {11: "==", 12: ">=", 13: "<="}[t]
    terms, rhs = _oriented(terms, sense, rhs, want)
    a = next(iter(terms.values()))
    if len(terms) < 2 or not equal_values(terms.values()) or a <= 0 or not equal_values([rhs / a, 1.0]):
        raise TemplateError(f"type {t} is 'y_A + y_B + ... {want} 1' over two or more indicators")
    return {"vars": list(terms)}


def _comparison(terms: dict, sense: str, rhs: float) -> dict:
    if len(terms) != 2 or abs(rhs) > TOL:
        raise TemplateError("type 9 compares two decisions with no constant: 'x <= d * y' (d > 0)")
    (x, a), (y, b) = sorted(terms.items(), key=lambda kv: -kv[1])     # a > 0 > b
    if not a > 0 > b:
        raise TemplateError("type 9 compares two decisions: one on each side ('x <= d * y', d > 0)")
    # a x + b y SENSE 0  ->  x SENSE (-b / a) y
    return {"left": x, "right": y, "factor": -b / a, "sense": sense}


def _proportion(terms: dict, sense: str, rhs: float, t: int) -> dict:
    terms, rhs = _oriented(terms, sense, rhs, _direction(t))
    if abs(rhs) > TOL:
        raise TemplateError(f"type {t} is a share with no constant: 'x <= c * (x + y + ...)'")
    pos = {n: a for n, a in terms.items() if a > 0}
    neg = {n: a for n, a in terms.items() if a < 0}
    if not pos or not neg or not equal_values(pos.values()) or not equal_values(neg.values()):
        raise TemplateError(f"type {t} is a share of a total: 'subset {_direction(t)} c * (subset + others)'")
    p, q = next(iter(pos.values())), -next(iter(neg.values()))
    # k (1 - c) = p and k c = q  ->  c = q / (p + q)
    return {"subset": list(pos), "total": list(pos) + list(neg), "share": q / (p + q)}
