"""A formula's type among the 13, read from its shape, and the slots of that type's template.

    maximize 3x + 2y     -> 0      x <= 40        -> 1    x + y <= 80 -> 2    2x + y <= 100 -> 3
    x >= 5               -> 5      x + y >= 10    -> 6    3x + y >= 9 -> 7    x <= 2y       -> 9

An equality takes the bound type of its shape with `equal` set ('x + y = 10': type 2, x + y == 10).
Shares ('x <= 0.3 (x + y)') move to 'a x - b y <= 0', which is a comparison of two decisions (type
9) or, over more, a weighted sum (types 3 and 7, with coefficients of both signs): the same
constraint, read from the algebra alone. Logic types (10-13) are never read from a formula's shape:
over yes/no decisions 'y_A <= y_B' is a comparison too.
"""
from __future__ import annotations

from ..errors import TemplateError
from ..expr import LinearExpr
from .fit import TOL, equal_values, fit
from .find import SYMBOL
from .parse import Formula, parse_formula

def _flipped(terms: dict, rhs: float) -> tuple[dict, float]:
    return {n: -a for n, a in terms.items()}, -rhs


def formula_type(formula: Formula) -> int:
    """The type among the 13 of the formula's shape (see the module docstring)."""
    if formula.objective is not None:
        return 0
    terms, rhs = formula.difference()
    if not terms:
        raise TemplateError("the formula names no decision")
    sense = formula.sense
    if all(a < 0 for a in terms.values()):         # '-x - y >= -10' is 'x + y <= 10'
        terms, rhs = _flipped(terms, rhs)
        sense = {"<=": ">=", ">=": "<=", "==": "=="}[sense]
    upper = sense in ("<=", "==")
    values = list(terms.values())
    if len(terms) == 2 and abs(rhs) <= TOL and min(values) < 0 < max(values):
        return 9
    if len(terms) == 1:
        return 1 if upper else 5
    if equal_values(values) and values[0] > 0:
        return 2 if upper else 6
    return 3 if upper else 7


def formula_slots(formula: Formula, t: int, variables) -> dict:
    """The slots of type `t` that the formula fills; an equality fills a bound type's `equal` slot."""
    if formula.sense != "==" or t in (0, 9) or t > 9:
        return fit(formula, t, variables)
    terms, rhs = formula.difference()
    if all(a < 0 for a in terms.values()):
        terms, rhs = _flipped(terms, rhs)
    as_bound = Formula(_linear(terms), "<=" if t <= 4 else ">=", _linear({}, rhs), None, formula.numbers)
    return {**fit(as_bound, t, variables), "equal": True}


def _linear(terms: dict, constant: float = 0.0) -> LinearExpr:
    out = LinearExpr((), constant)
    for name, a in terms.items():
        out = out + LinearExpr.var(name).scale(a)
    return out


def aliases(variables) -> dict[str, str]:
    """Each way a formula may write a decision -> its name: the name, and the symbols among its
    mentions ('x' for the decision labelled 'X')."""
    out: dict[str, str] = {}
    for v in variables.quantities:
        out.setdefault(v.name, v.name)
        for m in v.mentions:
            if SYMBOL.fullmatch(m):
                out.setdefault(m, v.name)
    return out


def read(formula: str, variables) -> Formula:
    """A statement's formula (`Paragraph.formula`) parsed over the problem's decisions."""
    return parse_formula(formula, aliases(variables), objective=formula.startswith(("maximize", "minimize")))
