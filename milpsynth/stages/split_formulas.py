"""Statements written in algebra: each formula of a sentence is a statement of its own.

'Maximize 3x + 2y subject to: 2x + y <= 100, x <= 40.' holds three statements; 'X must be at
least half of Y (i.e., $x - 0.5y \\geq 3000$).' holds one, which its formula states exactly. The
statement keeps the formula (`Paragraph.formula`) for the later stages; the prose around several
formulas is a fact, unless it states the objective that no formula writes.
"""
from __future__ import annotations

import re

from ..document import Problem
from ..formulas.find import find_formulas, plain, without
from ..nlp.numbers import find_numbers

_RELATION = re.compile(r"<=|>=|=|<|>|\u2264|\u2265|\\[lg]eq?\b")


def end_formula_lines(text: str) -> str:
    """A line that states a relation (or an interval, 'x1: [0, 3000]') ends a statement: ';' closes it
    where no punctuation does, so that lines joined into one sentence ('2x + y <= 100' / 'x + y <= 80')
    stay two formulas."""
    lines = text.split("\n")
    return "\n".join(line + ";" if _RELATION.search(plain(line)) and not re.search(r"[.;:,!?]\s*$", line)
                     else line for line in lines)


def formula_pieces(sentence: str, is_objective) -> list[tuple[str, bool, str | None]] | None:
    """(text, is a statement, formula) per piece of a sentence that writes formulas; None where it writes none."""
    text = plain(sentence)
    found = find_formulas(text)
    if not found:
        return None
    rest = without(text, found)
    prose_objective = not any(f.objective for f in found) and is_objective(rest)
    if len(found) == 1 and not prose_objective:
        return [(text, True, found[0].text)]
    out = [(f.text if f.objective else text[f.start:f.end], True, f.text) for f in found]
    if prose_objective:
        out.append((rest, True, None))
    elif find_numbers(rest):
        out.append((rest, False, None))
    return out


def writes_formulas(text: str) -> bool:
    return bool(find_formulas(plain(text)))


def annotate_kept(problem: Problem, is_objective) -> None:
    """Paragraphs kept as given: one that writes exactly one formula is read by it (unless the formula
    is a constraint and the paragraph's words state the objective)."""
    for p in problem.paragraphs:
        if p.formula is not None or p.skipped:
            continue
        text = plain(p.text)
        found = find_formulas(text)
        if len(found) == 1 and (found[0].objective or not is_objective(without(text, found))):
            p.formula = found[0].text
