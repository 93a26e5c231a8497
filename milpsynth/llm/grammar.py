"""GBNF grammars (llama.cpp's grammar format) for the answers, built from the decision names.

A constraint is a formula over exactly the given names, numbers and one of <=, >=, = (a logic type's
answer has its one shape over the indicators: 'y_A <= y_B', 'y_A + y_B ... <= 1'); the objective
'maximize'/'minimize' and a sum of weighted names; the decisions one 'name kind' line each. The
grammar only bounds what the model can write: every answer is parsed and validated all the same.
"""
from __future__ import annotations

from typing import Iterable

from ..errors import ComponentError

_COMMON = r'''
expr ::= term (sp sign sp term){0,11}
side ::= term (sp sign sp term){0,3}
term ::= num (sp "*" sp (name | "(" sp sum sp ")"))? | name
sum ::= name (sp sign sp name){0,11}
sign ::= "+" | "-"
num ::= "-"? [0-9]{1,9} ("." [0-9]{1,6})?
sp ::= " "?
'''


def _names(names: Iterable[str]) -> str:
    alts = sorted(set(names), key=lambda n: (-len(n), n))     # longest first: 'bi_x' before 'x'
    if not alts:
        raise ComponentError("a grammar needs at least one decision name", field="names")
    return "name ::= " + " | ".join(f'"{n}"' for n in alts) + "\n"


def constraint_grammar(names: Iterable[str]) -> str:
    return ('root ::= sp expr sp rel sp side\nrel ::= "<=" | ">=" | "="\n' + _COMMON + _names(names))


def logic_grammar(t: int, names: Iterable[str]) -> str:
    """Types 10-13 have one shape each: 'y_A <= y_B', or a sum of two or more indicators = / >= / <= 1."""
    if t == 10:
        return 'root ::= name sp "<=" sp name\nsp ::= " "?\n' + _names(names)
    rel = {11: "=", 12: ">=", 13: "<="}[t]
    return (f'root ::= name (sp "+" sp name){{1,15}} sp "{rel}" sp "1"\nsp ::= " "?\n' + _names(names))


def objective_grammar(names: Iterable[str]) -> str:
    return 'root ::= ("maximize" | "minimize") " " expr\n' + _COMMON + _names(names)


def variables_grammar(max_lines: int = 12) -> str:
    return (f'root ::= line{{1,{max_lines}}}\n'
            'line ::= [a-zA-Z_] [a-zA-Z0-9_]{0,40} " " kind "\\n"\n'
            'kind ::= "integer" | "continuous" | "binary"\n')
