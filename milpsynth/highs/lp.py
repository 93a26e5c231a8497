"""CPLEX LP text: milpsynth's own (the variables' names, each row's paragraph as a comment) and
HiGHS's writer (for models that never had paragraphs)."""
from __future__ import annotations

import math
import os
import re
import tempfile

from ..expr import fmt_num

# Words an LP reader takes as section keywords or operators when they stand alone as a name.
LP_KEYWORDS = frozenset("""max maximize maximise maximum min minimize minimise minimum st s.t. subject to such
that bound bounds binary binaries bin gen general generals integer integers int semi semis sos end free inf
infinity""".split())
_LEGAL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def lp_names(names) -> dict[str, str]:
    """A name legal in LP files for each name: LP keywords and names not starting with a letter or
    '_' get a prefix; the result is unique."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        safe = re.sub(r"[^A-Za-z0-9_]", "_", name)
        if not _LEGAL.fullmatch(safe) or safe.lower() in LP_KEYWORDS or safe.lower().startswith(("inf", "nan")):
            safe = "x_" + safe
        base, k = safe, 2
        while safe in taken:
            safe, k = f"{base}_{k}", k + 1
        taken.add(safe)
        out[name] = safe
    return out


def _terms(terms, names) -> str:
    if not terms:
        return "0 __zero"
    out = []
    for v, c in terms:
        out.append(f"{'-' if c < 0 else '+'} {fmt_num(abs(c)) if abs(c) != 1 else ''} {names[v]}".replace("  ", " "))
    return " ".join(out)


def _comment(text: str) -> str:
    return "\\ " + " ".join(text.split())[:200]


def to_lp(problem) -> str:
    """LP text of a problem's model, each constraint under a comment naming its paragraph."""
    from ..build import check_buildable, origin
    check_buildable(problem)
    return model_lp(list(problem.variables.values()), problem.constraints, problem.objective,
                    [origin(problem, c) for c in problem.constraints])


def model_lp(variables, constraints, objective, origins) -> str:
    """LP text of a model; `origins[i]` is the comment line for constraint i."""
    names = lp_names([v.name for v in variables] + [c.name for c in constraints])
    lines = ["\\ milpsynth model", "Maximize" if objective.sense == "maximize" else "Minimize"]
    body = _terms(objective.expr.terms, names)
    if objective.expr.constant:
        body += f" {'-' if objective.expr.constant < 0 else '+'} {fmt_num(abs(objective.expr.constant))}"
    lines.append(f" obj: {body}")
    lines.append("Subject To")
    for con, origin in zip(constraints, origins):
        lines.append(_comment(origin))
        sense = {"<=": "<=", ">=": ">=", "==": "="}[con.sense]
        lines.append(f" {names[con.name]}: {_terms(con.lhs.terms, names)} {sense} {fmt_num(con.rhs)}")
    bounds, generals, binaries = [], [], []
    for v in variables:
        if v.kind == "binary":
            binaries.append(names[v.name])
            continue
        ub = "+inf" if v.ub is None or math.isinf(v.ub) else fmt_num(v.ub)
        lb = "-inf" if v.lb is None else fmt_num(v.lb)
        bounds.append(f" {lb} <= {names[v.name]} <= {ub}")
        if v.kind == "integer":
            generals.append(names[v.name])
    lines.append("Bounds")
    lines += bounds
    if generals:
        lines += ["General", " " + " ".join(generals)]
    if binaries:
        lines += ["Binary", " " + " ".join(binaries)]
    lines.append("End")
    return "\n".join(lines) + "\n"


def highs_lp(h) -> str:
    """LP text written by HiGHS itself from a Highs holding a model (HiGHS reads it back unchanged)."""
    fd, path = tempfile.mkstemp(suffix=".lp")
    os.close(fd)
    try:
        h.writeModel(path)
        with open(path) as f:
            return f.read()
    finally:
        os.unlink(path)
