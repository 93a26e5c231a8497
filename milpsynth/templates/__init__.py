"""Templates for the objective and the 13 constraint types: filled slots in, one linear element out.

`TEMPLATES[t].build(slots, variables, paragraph)` returns a `Constraint` (an `Objective` for t = 0)
or raises `TemplateError` naming the slot that does not fit. Slots per type:

| type | slots |
|---|---|
| 0 | sense ('maximize'/'minimize'), coefs {var: a}, constant? |
| 1, 5 | var, bound, equal? (true: `x = b`) |
| 2, 6 | vars [..], bound, equal?   (over indicators: k-of-n set packing / covering) |
| 3, 7 | coefs {var: a}, bound, equal? |
| 4, 8 | subset [..], total [..], share (0 < c <= 1) |
| 9 | left, right, factor? (> 0, default 1), sense? ('<=' default, '>=', '==') -> left SENSE factor*right |
| 10 | if, then (indicators) -> y_if <= y_then |
| 11, 12, 13 | vars [..] (two or more indicators) -> sum = 1 / >= 1 / <= 1 |
"""
from __future__ import annotations

from .base import Template
from .bounds import TYPE1, TYPE2, TYPE3, TYPE5, TYPE6, TYPE7
from .comparison import TYPE9
from .logic import TYPE10, TYPE11, TYPE12, TYPE13
from .objective import OBJECTIVE
from .proportion import TYPE4, TYPE8

TEMPLATES = {0: OBJECTIVE, 1: TYPE1, 2: TYPE2, 3: TYPE3, 4: TYPE4, 5: TYPE5, 6: TYPE6, 7: TYPE7, 8: TYPE8,
             9: TYPE9, 10: TYPE10, 11: TYPE11, 12: TYPE12, 13: TYPE13}

__all__ = ["TEMPLATES", "Template"]
