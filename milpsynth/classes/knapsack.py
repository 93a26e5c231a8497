"""Knapsack: items with a weight and a value (a table or an item list), a capacity stated in prose.

Model (generators.knapsack): binary x_i, sum_i w_i x_i <= C, maximise sum_i v_i x_i. The capacity is the
one the text states (the generator's default, half the total weight, is never assumed). Extra statements:
logic between two items (exactly / at most / at least one, if-then), a capacity reduction when an item
is taken (its weight counts r more), an item that must / must not be taken, a fixed bonus (shift).
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..generators.base import Augment
from . import readers as R
from .common import Reading, check_shape, lin, parse_logic, record_sets
from .text import sentence_of

WEIGHT_RE = (r"weigh|size|volume|mass|space|length|area|footprint|\bkg\b|kilo|tonne|\btons?\b|\blbs?\b|pound|cubic|"
             r"lit(?:er|re)|\bm3\b|\bft\b|feet|\bgb\b|\bmb\b|\bhours?\b|\bcost|price|budget|spend|expense|investment|"
             r"capital|slot|occup|room|load")
VALUE_RE = (r"value|revenue|profit|utilit|benefit|score|priority|return|importance|worth|point|credit|reward|gain|"
            r"payoff|rating|yield|impact|satisfaction|effective|preference|usefulness|\$|dollar|euro|income|earn")
CAP_RE = (r"\b(?:capacity|capacities|limit|limited|maximum|max|at most|up to|no more than|cannot exceed|can ?not "
          r"exceed|not exceed|carry|hold|holds|ceiling|allows?|allowance|payload|budget|available|restriction|"
          r"exceed\w*|beyond|surpass\w*|go past|restricted|accommodate)\b")
BASE = [r"\b(?:entire|entirety|whole|fully|indivisible|all or nothing|not at all|left behind|omitted|split|fraction|"
        r"once|in full|left out|rejected|accepted)"
        r"\b", r"\bmaximi[sz]e|\bhighest|\bas (?:large|high)|\bbest\b|\boptimal\b|"
        r"\bdetermine\b|\bdecide\b|\bselect\w*\b|\bchoose\b"]


def _roles(rec) -> tuple[int, int]:
    scores = []
    for j, c in enumerate(rec.columns):
        label = c.split(" / ")[0]
        w = len(re.findall(WEIGHT_RE, label, re.I)) + 0.5 * len(re.findall(WEIGHT_RE, c, re.I))
        v = len(re.findall(VALUE_RE, label, re.I)) + 0.5 * len(re.findall(VALUE_RE, c, re.I))
        if re.search(r"\b(?:cost|price|budget|expense|investment)\b", label, re.I):
            w += 2
        scores.append((w, v))
    best = None
    for i, (wi, _) in enumerate(scores):
        for j, (_, vj) in enumerate(scores):
            if i != j:
                s = wi + vj
                if best is None or s > best[0]:
                    best = (s, i, j)
    if best is None or best[0] == 0:
        raise InputError("cannot tell which item attribute is the weight and which the value", field="items")
    return best[1], best[2]


def read(text: str, evidence: dict):
    rd = Reading(text, "knapsack")
    doc = rd.doc
    tables = R.read_tables(doc)
    lists = R.read_items(doc)
    recs = [r for r in record_sets(doc, tables, lists, min_rows=2, min_cols=2)]
    if not recs:
        raise InputError("no list or table of items with a weight and a value was found", field="items")
    rec = max(recs, key=len)
    for other in recs:
        if other is not rec:
            rd.unused_structures.append((other.lines[0], "a second item list the model does not use"))
    wj, vj = _roles(rec)
    check_shape(rec, max(wj, vj) + 1, "a weight and a value")
    w = rec.column(wj, "weight")
    v = rec.column(vj, "value")
    rd.source("weights", w)
    rd.source("values", v)
    names = R.Names(rec.names)
    rd.names.append(names)
    rd.labels["x"] = [rec.names]
    n = len(rec)
    rd.count_sizes(n)
    wunit = (w[0].unit or "").lower()

    # extra statements first (their numbers are not the capacity)
    cap_mentions, drops = [], []
    for s in rd.sentences():
        ms = names.mentions(s.text)
        ids = sorted({i for i, _, _ in ms})
        if len(ids) == 2:
            lg = parse_logic(s.text, names)
            if lg is not None:
                ca, cb, sense, rhs = lg.coefs()
                rd.augment(Augment.one("logic_" + lg.kind, lg.type, {"statement": lg.words(rec.names)},
                                       [("x", (lg.a,), ca), ("x", (lg.b,), cb)], sense, rhs),
                           f"logic[{rec.names[lg.a]}, {rec.names[lg.b]}]",
                           f"{lin([(ca, f'x[{lg.a + 1}]'), (cb, f'x[{lg.b + 1}]')], sense, rhs)}   "
                           f"({lg.words(rec.names)})",
                           s)
                continue
        if len(ids) == 1:
            k = ids[0]
            nums = rd.numbers_in(s)
            if nums and (re.search(r"\b(?:reduc\w*|diminish\w*|lower\w*|decreas\w*|extra|further|additional|uses? up|"
                                   r"lost|consum\w*|occup\w*|takes? up|plus|less|subtract\w*|deduct\w*|cuts?)"
                                   r"\b", s.text,
                                   re.I) or (re.search(r"\b(?:capacity|payload|limit|allowance|room)\b", s.text, re.I)
                                             and re.search(r"\b(?:if|when|whenever|should|taking|once)"
                                                           r"\b", s.text, re.I))):
                m = re.search(r"\bby\s+|\bextra\s+|\bfurther\s+|\badditional\s+|\bplus\s+", s.text, re.I)
                pick = [x for x in nums if m and x.start >= m.end()] or nums
                r = rd.take(s, pick[0], "capacity reduction")
                for x in nums:
                    if x is not pick[0]:
                        v2 = rd.take(s, x)
                        if abs(v2.value - r.value) > 1e-9:      # the reduction restated is not the capacity
                            cap_mentions.append(v2)
                terms = [("x", (i,), float(w[i].value)) for i in range(n)]
                terms[k] = ("x", (k,), float(w[k].value) + r.value)
                drops.append((k, r.value, terms, s))
                rd.claim(s, "extra")
                continue
            if re.search(r"\bmust (?:also )?be (?:\w+ed|included|chosen|taken|selected)\b|\bis (?:required|mandatory)"
                         r"\b|"
                         r"\bmust (?:include|take|select|load|ship|pack)\b", s.text, re.I):
                neg = bool(re.search(r"\b(?:not|never|cannot)\b", s.text, re.I))
                rd.augment(Augment.one("fix", 1, {"item": k + 1, "value": 0 if neg else 1},
                                       [("x", (k,), 1.0)], "<=" if neg else ">=", 0.0 if neg else 1.0),
                           f"fix[{rec.names[k]}]", f"x[{k + 1}] {'= 0' if neg else '= 1'}", s)
                continue
            if re.search(r"\b(?:cannot|can ?not|must not|may not|is not allowed|excluded|unavailable|forbidden)\b",
                         s.text, re.I) and not rd.numbers_in(s):
                rd.augment(Augment.one("fix", 1, {"item": k + 1, "value": 0}, [("x", (k,), 1.0)], "<=", 0.0),
                           f"fix[{rec.names[k]}]", f"x[{k + 1}] = 0", s)

    cap = rd.scalar("capacity", CAP_RE, unit=wunit, pick="nearest")
    C = float(cap.value)
    for m in cap_mentions:
        if abs(m.value - C) > 1e-9:
            raise InputError(f"the capacity is restated as {m.text}, but it is {cap.text} on "
                             f"line {cap.line}", field=f"line {m.line}")
    # capacity drops become augment rows now that C is known
    for k, r, terms, s in drops:
        rd.augment(Augment.one("capacity_drop", 3, {"item": k + 1, "reduction": r}, terms, "<=", C),
                   f"capacity_drop[{rec.names[k]}]",
                   f"sum_i w[i] x[i] + {r:g} x[{k + 1}] <= {C:g}   (taking {rec.names[k]} costs {r:g} of the capacity)",
                   s)
    rd.objective_constant(maximize=True)

    obj = rd.find(r"\bmaximi[sz]e|\bhighest|\bas (?:large|high)|\bgreatest|\blargest|\bmost\b")
    rd.family("objective", "maximize sum_i v[i] x[i]", obj[0] if obj else None, data_lines=n)
    rd.family("capacity", f"sum_i w[i] x[i] <= C = {C:g}", sentence_of(rd.doc, cap), data_lines=n, type_=3)
    whole = rd.find(BASE[0])
    rd.family("x[i]", "binary (an item is taken whole or not at all)", whole[0] if whole else None)
    data = {"weights": [float(x.value) for x in w], "values": [float(x.value) for x in v], "capacity": C}
    return rd.finish(data, evidence, BASE)
