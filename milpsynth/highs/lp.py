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


def lp_names(names) -> dict[str, str]:
    """A name legal in LP files for each name: LP keywords and names not starting with a letter or
    '_' get a prefix; the result is unique."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        safe = re.sub(r"[^A-Za-z0-9_]", "_", name)
        out[name] = _legal_unique(safe, safe, taken)
    return out


def _legal_unique(safe: str, word: str, taken: set) -> str:
    """`safe` with an 'x_' prefix when it does not start with a letter or '_' or when `word` (its
    name part) is an LP keyword or reads as inf/nan; then a '_2', '_3', ... suffix until not in `taken`."""
    if not re.match(r"[A-Za-z_]", safe) or word.lower() in LP_KEYWORDS or word.lower().startswith(("inf", "nan")):
        safe = "x_" + safe
    cand, k = safe, 2
    while cand in taken:
        cand, k = f"{safe}_{k}", k + 1
    taken.add(cand)
    return cand


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


def _exact(x: float) -> str:
    return fmt_num(x, 12)


def readable_lp_names(names) -> list[str]:
    """LP-legal names that keep a readable index: 'supply[Plant 1]' -> 'supply(Plant_1)',
    'f[Warehouse 1 -> Store 2]' -> 'f(Warehouse_1_Store_2)'. Square brackets are not legal in LP
    names (HiGHS's reader refuses them); parentheses and commas are. Unique, in order."""
    out, taken = [], set()
    for name in names:
        base, _, rest = str(name).partition("[")
        base = re.sub(r"[^A-Za-z0-9_]+", "_", base).strip("_") or "r"
        if rest:
            inner = rest.rsplit("]", 1)
            parts = [re.sub(r"[^A-Za-z0-9_.]+", "_", p.strip()).strip("_") or "_" for p in inner[0].split(",")]
            tail = re.sub(r"[^A-Za-z0-9_]+", "_", inner[1]) if len(inner) > 1 else ""
            safe = f"{base}({','.join(parts)}){tail}"
        else:
            safe = base
        out.append(_legal_unique(safe, base, taken))
    return out


def _wrapped(terms: list[str], per_line: int = 8) -> str:
    chunks = [" ".join(terms[i:i + per_line]) for i in range(0, len(terms), per_line)]
    return "\n   ".join(chunks) if chunks else "0 __zero"


def _array_terms(cols, vals, names) -> list[str]:
    out = []
    for c, v in zip(cols, vals):
        if v == 0:
            continue
        out.append(f"{'-' if v < 0 else '+'} {_exact(abs(v)) + ' ' if abs(v) != 1 else ''}{names[int(c)]}")
    return out


def arrays_lp(sense: str, columns, cost, lower, upper, integer, offset: float, rows, title: str) -> str:
    """LP text of an array model with readable names.

    columns: readable column names; cost/lower/upper/integer: per column; rows: (readable name, comment,
    cols, vals, lo, hi) per row; a row with two finite, different bounds is written as two rows."""
    cnames = readable_lp_names(columns)
    rows = list(rows)
    rnames = readable_lp_names([r[0] for r in rows])
    lines = [_comment(title), "Maximize" if sense == "maximize" else "Minimize"]
    obj = _array_terms(range(len(cnames)), cost, cnames)
    if offset:
        obj.append(f"{'-' if offset < 0 else '+'} {_exact(abs(offset))}")
    lines.append(f" obj: {_wrapped(obj)}")
    lines.append("Subject To")
    for (name, comment, cols, vals, lo, hi), rn in zip(rows, rnames):
        if comment:
            lines.append(_comment(comment))
        body = _wrapped(_array_terms(cols, vals, cnames))
        finite_lo, finite_hi = math.isfinite(lo), math.isfinite(hi)
        if finite_lo and finite_hi and lo == hi:
            lines.append(f" {rn}: {body} = {_exact(hi)}")
        else:
            if finite_lo:
                lines.append(f" {rn + ('_lo' if finite_hi else '')}: {body} >= {_exact(lo)}")
            if finite_hi:
                lines.append(f" {rn + ('_hi' if finite_lo else '')}: {body} <= {_exact(hi)}")
    bounds, generals, binaries = [], [], []
    for n, lo, hi, is_int in zip(cnames, lower, upper, integer):
        if is_int and lo == 0 and hi == 1:
            binaries.append(n)
            continue
        bounds.append(f" {'-inf' if not math.isfinite(lo) else _exact(lo)} <= {n} <= "
                      f"{'+inf' if not math.isfinite(hi) else _exact(hi)}")
        if is_int:
            generals.append(n)
    lines.append("Bounds")
    lines += bounds
    if generals:
        lines += ["General", " " + _wrapped(generals, 10)]
    if binaries:
        lines += ["Binary", " " + _wrapped(binaries, 10)]
    lines.append("End")
    return "\n".join(lines) + "\n"
