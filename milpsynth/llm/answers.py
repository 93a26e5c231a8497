"""Numbers of a language model's formula checked against the text it was asked about."""
from __future__ import annotations

import math
import re

from ..formulas.parse import Formula
from ..nlp.numbers import find_numbers


def _text_numbers(text: str) -> set[float]:
    values = {n.value for n in find_numbers(text)}
    values |= {float(m.replace(",", "")) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
    return values


def unknown_numbers(formula: Formula, text: str) -> list[str]:
    """Numbers of the answer that appear nowhere in the text (nor as a percentage of one), 0 and 1
    aside: a coefficient the model made up or worked out (profit = price - cost) is worth a look."""
    known = _text_numbers(text)
    derived = known | {v / 100 for v in known} | {v * 100 for v in known} | {0.0, 1.0}
    out = []
    for raw in formula.numbers:
        value = float(raw.replace("$", "").replace(",", "").rstrip("%"))
        if not any(math.isclose(value, v, rel_tol=1e-9, abs_tol=1e-12) for v in derived):
            out.append(raw)
    return out
