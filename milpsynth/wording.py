"""Small helpers that put numbers back into the user's words: the unit a paragraph states a limit in."""
from __future__ import annotations

import re

_STOP = frozenset("""a an the and or but to of for in on at by with from per each every than as is are be can
must should will may that this these those it its their they there available total all any no not more less
most least only up down over under""".split())
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z-]*)")


def short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def unit_of(text: str, value: float) -> str:
    """The unit a paragraph gives `value` in: '$' for '$1,000', 'hours' for '40 hours', 'units of
    timber' for '890 units of timber', '%' for '40%'; '' when the paragraph does not say."""
    from .nlp.numbers import find_numbers
    for num in find_numbers(text):
        if num.kind == "percent" and abs(num.value * 100 - value) < 1e-9 * max(1.0, abs(value)):
            return "%"
        if abs(num.value - value) > 1e-9 * max(1.0, abs(value)):
            continue
        if num.kind == "money":
            return "$"
        words = []
        pos = num.end
        while len(words) < 3:
            m = _WORD.match(text, pos)
            if not m:
                break
            w = m.group(1)
            if w.lower() in _STOP and not (w.lower() == "of" and words):
                break
            words.append(w)
            pos = m.end()
        while words and words[-1].lower() == "of":
            words.pop()
        return " ".join(words)
    return ""


def amount(value: float, unit: str) -> str:
    """'$30', '30 hours', '30' (no unit), '5%'."""
    from .display import value_text
    v = value_text(value)
    if unit == "$":
        return f"${v}" if not v.startswith("-") else f"-${v[1:]}"
    if unit == "%":
        return f"{v}%"
    return f"{v} {unit}" if unit else v
