"""NL4Opt annotated documents (generation task) as milpsynth evaluation records.

A line of `generation_dev.jsonl` is `{doc_id: {document, vars, obj_declaration, const_declarations,
var_mention_to_first_var, ...}}`. Declarations of types linear, sum, upperbound, lowerbound, ratio,
xby and xy become lines of the reference-model text that `milpsynth.reference.parse_reference`
reads, so one judge serves both data sets. What cannot be read is reported, never guessed.
"""
from __future__ import annotations

from typing import Mapping

from .errors import ReferenceParseError
from .nlp.numbers import find_numbers
from .variables import snake_case


def fmt_num(x: float) -> str:
    """Exact enough for the judge: a third stays 0.333333333333, not 0.333333."""
    return str(int(x)) if x == int(x) else format(x, ".12g")

_OPS = {"LESS_OR_EQUAL": "<=", "GREATER_OR_EQUAL": ">=", "EQUAL": "=", "LESS": "<=", "GREATER": ">="}
_BARE_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fourth": 0.25, "fifth": 0.2, "tenth": 0.1}


def is_nl4opt_line(obj: Mapping) -> bool:
    if len(obj) != 1:
        return False
    value = next(iter(obj.values()))
    return isinstance(value, Mapping) and "document" in value and "obj_declaration" in value


def _words_number(t: str) -> float | None:
    """'one hundred thousand' -> 100000 (compound number words, as annotators sometimes kept them)."""
    from .nlp.numbers import WORDS
    total, current = 0.0, 0.0
    for w in t.replace("-", " ").split():
        if w in ("thousand", "million"):
            total += max(current, 1) * (1e3 if w == "thousand" else 1e6)
            current = 0
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in WORDS:
            current += WORDS[w]
        elif w != "and":
            return None
    return total + current


def _number(text: str, where: str) -> float:
    t = str(text).strip().lower()
    if t in _BARE_FRACTIONS:
        return _BARE_FRACTIONS[t]
    if len(t.split()) > 1 and _words_number(t) is not None:
        return _words_number(t)
    found = find_numbers(t)
    if len(found) != 1:
        raise ReferenceParseError(f"cannot read the number {text!r}", field=where)
    return found[0].value


class _Names:
    def __init__(self, doc: Mapping):
        self.first = dict(doc.get("var_mention_to_first_var", {}))
        self.vars = list(doc.get("vars", []))

    def __call__(self, mention: str, where: str) -> str:
        first = self.first.get(mention)
        if first is None:
            low = {m.lower(): v for m, v in self.first.items()}
            first = low.get(mention.lower())
        if first is None and mention in self.vars:
            first = mention
        if first is None:
            raise ReferenceParseError(f"variable mention {mention!r} is not among the declared variables", field=where)
        return snake_case(first)

    def all(self) -> list[str]:
        return [snake_case(v) for v in self.vars]


def _terms(terms: Mapping, names: _Names, where: str) -> str:
    parts = [f"{fmt_num(_number(c, where))}*{names(m, where)}" for m, c in terms.items()]
    return " + ".join(parts).replace("+ -", "- ")


def _constraint(c: Mapping, names: _Names, where: str) -> str:
    op = _OPS.get(c.get("operator", ""))
    if op is None:
        raise ReferenceParseError(f"unknown operator {c.get('operator')!r}", field=where)
    kind = c.get("type")
    if kind == "linear":
        return f"{_terms(c['terms'], names, where)} {op} {fmt_num(_number(c['limit'], where))}"
    if kind == "sum":
        return f"{' + '.join(names.all())} {op} {fmt_num(_number(c['limit'], where))}"
    if kind in ("upperbound", "lowerbound"):
        return f"{names(c['var'], where)} {op} {fmt_num(_number(c['limit'], where))}"
    if kind == "ratio":
        share = _number(c["limit"], where)
        return f"{names(c['var'], where)} {op} {fmt_num(share)} * ({' + '.join(names.all())})"
    if kind == "xby":
        return f"{names(c['x_var'], where)} {op} {fmt_num(_number(c['param'], where))}*{names(c['y_var'], where)}"
    if kind == "xy":
        return f"{names(c['x_var'], where)} {op} {names(c['y_var'], where)}"
    raise ReferenceParseError(f"unknown declaration type {kind!r}", field=where)


def to_record(line: Mapping) -> dict:
    """One NL4Opt line -> {"id", "description", "paragraphs": [document], "true_model", "unread",
    "variables": the annotated decisions [{"name", "mentions"}] (for `milpsynth eval --gold-variables`)}."""
    (doc_id, doc), = line.items()
    names = _Names(doc)
    obj = doc["obj_declaration"]
    minimise = obj.get("direction", "").lower().startswith(("min", "decrease", "reduce", "lower", "least"))
    sense = "Minimize" if minimise else "Maximize"
    lines, unread = [], []
    try:
        if obj.get("type") == "objvar":    # 'minimise the total number of X and Y': every variable, weight 1
            lines.append(f"{sense} {' + '.join(names.all())}")
        elif not obj.get("terms"):
            raise ReferenceParseError("the objective has no terms", field="objective")
        else:
            lines.append(f"{sense} {_terms(obj['terms'], names, 'objective')}")
    except (ReferenceParseError, KeyError) as exc:
        unread.append(f"objective: {exc}")
    for i, c in enumerate(doc.get("const_declarations", []), start=1):
        try:
            lines.append(_constraint(c, names, f"constraint {i}"))
        except (ReferenceParseError, KeyError) as exc:
            unread.append(f"constraint {i}: {exc}")
    mentions = doc.get("first_var_to_mentions", {})
    variables = [{"name": snake_case(v), "mentions": sorted({v, *mentions.get(v, [])}, key=len, reverse=True)}
                 for v in doc.get("vars", [])]
    return {"id": str(doc_id), "description": doc["document"], "paragraphs": [doc["document"]],
            "true_model": "\n".join(lines), "unread": unread, "source": "nl4opt", "variables": variables}
