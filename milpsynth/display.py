"""The printed model: one line per element, each with the paragraph (or link) it came from."""
from __future__ import annotations

from .expr import fmt_num
from .labels import TYPE_NAMES


def _type_tag(p) -> str:
    if p.prediction is None:
        return "?"
    tag = f"type {p.prediction.type}"
    if p.prediction.low_confidence:
        tag += f", p={p.prediction.prob:.2f} LOW CONFIDENCE"
    return tag


def render(problem) -> str:
    lines = []
    if problem.split:
        lines.append(f"free text split into {len(problem.split)} statements (p1..p{len(problem.split)}); "
                     f"{len(problem.facts)} sentence(s) kept as facts")
    vs = problem.variables
    if vs is not None:
        kinds: dict[str, list[str]] = {}
        for v in vs.values():
            kinds.setdefault(v.kind, []).append(v.name)
        lines.append("variables" + (" (pure binary)" if vs.pure_binary else "") + ":")
        for kind, names in kinds.items():
            lines.append(f"  {kind}: {', '.join(names)}")
    width = min(60, max([len(c.display) for c in problem.constraints] + [20]))
    for p in problem.paragraphs:
        tag = f"[p{p.index + 1} {_type_tag(p)}]"
        if p.skipped:
            lines.append(f"{'(skipped)':<{width}}  {tag} {p.skipped}")
        elif p.element is not None:
            lines.append(f"{getattr(p.element, 'display', str(p.element)):<{width}}  {tag}")
        elif p.prediction is not None:
            lines.append(f"{'(not generated)':<{width}}  {tag} {TYPE_NAMES.get(p.type, '')}")
        lines += [f"    note (p{p.index + 1}): {n}" for n in p.notes]
    for c in problem.links:
        lines.append(f"{c.display:<{width}}  [{c.template}: {'; '.join(c.notes)}]")
    for w in problem.warnings:
        lines.append(f"warning: {w}")
    return "\n".join(lines)


def value_text(v: float) -> str:
    return fmt_num(round(v, 6))


# ---- class problems (milpsynth.classes): the indexed model -----------------------------------------

MEMBERS_SHOWN = 3


def family_line(view, fam) -> str:
    """'supply[i]: sum_j x[i,j] <= supply[i]   (implied by the class; data: supplies, lines 6-7; 2 rows)'."""
    from .classes.problem import lines_text
    from .wording import short
    parts = [f'statement: {f"line {fam.line}: " if fam.line else ""}"{short(fam.statement, 72)}"' if fam.statement
             else "implied by the class"]
    keys = view.spec.data.get(fam.name, [])
    lines = view.data_lines(fam)
    if keys and lines:
        parts.append(f"data: {', '.join(keys)}, {lines_text(lines)}")
    elif fam.data_lines:
        parts.append(f"data: {fam.data_lines} line{'s' if fam.data_lines != 1 else ''}")
    n = len(view.family_members(fam))
    if n:
        parts.append(f"{n} row{'s' if n != 1 else ''}")
    return f"{fam.name}: {fam.math}   ({'; '.join(parts)})"


def member_lines(view, fam, shown: int = MEMBERS_SHOWN, indent: str = "      ") -> list[str]:
    """The first `shown` rows of a family by name, with their data lines."""
    from .classes.problem import lines_text
    ms = view.family_members(fam)
    out = [f"{indent}{m.name}: {view.row_text(m.row, 6)}" + (f"   ({lines_text(m.lines)})" if m.lines else "")
           for m in ms[:shown]]
    if len(ms) > shown:
        out.append(f"{indent}... {len(ms) - shown} more")
    return out


def render_class(problem, view=None) -> str:
    """The class problem's printed model: recognition, index sets, parameters with their lines, the
    indexed variables, each family with its statement, data lines and first rows, the extra statements,
    the notes and what was not placed. `view`: the problem's IndexedModel (built when not given)."""
    if view is None:
        view = problem.model()
    ev = problem.evidence or {}
    head = f"{problem.c3_name} ({problem.problem_class}), {problem.sense}"
    if "probability" in ev:
        head += f"; recognised with p={ev['probability']:.2f}"
    if ev.get("cues"):
        head += f" (cues: {', '.join(ev['cues'][:4])})"
    lines = [head, "index sets:"]
    lines += [f"  {s}" for s in view.sets.values()]
    lines.append("parameters (read from the text):")
    lines += [f"  {p}" for p in view.parameters]
    lines.append("variables:")
    lines += [f"  {v}" for v in view.variables]
    lines.append("model:")
    for f in sorted(problem.families, key=lambda f: f.name != "objective"):
        lines.append(f"  {family_line(view, f)}")
        lines += member_lines(view, f)
    if problem.extras:
        lines.append("extra statements:")
        for f in problem.extras:
            lines.append(f"  {family_line(view, f)}")
            lines += member_lines(view, f, 2)
    if problem.shift:
        lines.append(f"  objective constant: {problem.shift:+g}")
    if problem.cuts:
        lines.append("solver rows (valid for every optimum, not statements of the text):")
        lines += [f"  {w}" for _, w in problem.cuts]
    if problem.notes:
        lines.append("formulation notes:")
        lines += [f"  - {n}" for n in problem.notes]
    if problem.unplaced:
        lines.append("NOT PLACED (reported, not in the model):")
        lines += [f"  {u}" for u in problem.unplaced]
    return "\n".join(lines)
