"""Types 1-3 and 5-7: bounds on one variable, on a sum, on a weighted sum."""
from __future__ import annotations

from ..errors import TemplateError
from ..expr import Constraint, LinearExpr
from .base import Template, known, number, same_family, var_list


def _sense(template: Template, slots, paragraph) -> str:
    """The template's sense, or '==' where the optional slot `equal` is true (a bound stated as
    exactly its number: 'exactly 20', 'must equal 500' holds both ways)."""
    equal = slots.get("equal", False)
    if not isinstance(equal, bool):
        raise TemplateError(f"slot 'equal' must be true or false, got {equal!r}", paragraph=paragraph)
    return "==" if equal else template.sense


class SingleBound(Template):
    """Type 1 `x <= b` / type 5 `x >= b`: exactly one variable."""

    def _build(self, slots, variables, paragraph):
        var = slots["var"]
        if isinstance(var, (list, tuple)):
            raise TemplateError(f"type {self.type} bounds exactly one variable, got {list(var)}", paragraph=paragraph)
        x = known(var, variables, "var", paragraph)
        b = number(slots["bound"], "bound", paragraph)
        return Constraint(LinearExpr.var(x), _sense(self, slots, paragraph), b)


class SumBound(Template):
    """Type 2 `x1 + x2 + ... <= b` / type 6 `>= b`; over indicators it is a k-of-n set constraint."""

    def _build(self, slots, variables, paragraph):
        names = var_list(slots["vars"], variables, "vars", paragraph)
        same_family(names, variables, "vars", paragraph)
        b = number(slots["bound"], "bound", paragraph)
        return Constraint(LinearExpr.of({n: 1.0 for n in names}), _sense(self, slots, paragraph), b)


class WeightedSumBound(Template):
    """Type 3 `a1*x1 + ... <= b` / type 7 `>= b`: one coefficient per variable."""

    def _build(self, slots, variables, paragraph):
        coefs = slots["coefs"]
        if not isinstance(coefs, dict) or not coefs:
            raise TemplateError(f"slot 'coefs' must map variables to numbers, got {coefs!r}", paragraph=paragraph)
        terms = {known(v, variables, "coefs", paragraph): number(a, f"coefs[{v}]", paragraph)
                 for v, a in coefs.items()}
        b = number(slots["bound"], "bound", paragraph)
        expr = LinearExpr.of(terms)
        if not expr.terms:
            raise TemplateError("every coefficient in 'coefs' is zero", paragraph=paragraph)
        return Constraint(expr, _sense(self, slots, paragraph), b)


TYPE1 = SingleBound(1, "upper bound on one variable", ("var", "bound"), "<=", ("equal",))
TYPE5 = SingleBound(5, "lower bound on one variable", ("var", "bound"), ">=", ("equal",))
TYPE2 = SumBound(2, "upper bound on a sum", ("vars", "bound"), "<=", ("equal",))
TYPE6 = SumBound(6, "lower bound on a sum", ("vars", "bound"), ">=", ("equal",))
TYPE3 = WeightedSumBound(3, "upper bound on a weighted sum", ("coefs", "bound"), "<=", ("equal",))
TYPE7 = WeightedSumBound(7, "lower bound on a weighted sum", ("coefs", "bound"), ">=", ("equal",))
