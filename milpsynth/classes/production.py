"""Production planning: a profit per product, the time each product needs in each process (a matrix
table, or per product 'Stage 1 consumes 1.5, Stage 2 consumes 0.9, ...'), the time available per
process, and optionally a maximum sale per product; maximise the profit.

Model (generators.production): x_i in [0, max_sales_i] (no upper bound when none is stated),
sum_i a_ji x_i <= capacity_j for each process j. Extra statements: a minimum output of one product,
a ratio between two products, a product's share of all units (at most / at least), a fixed amount
added (shift).
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..generators.base import Augment
from . import readers as R
from .common import Reading, record_sets

PROFIT_RE = r"profit|revenue|yield|margin|earn|price|value|income|contribution|return"
CAP_RE = (r"\b(?:cannot exceed|not exceed|must not exceed|at most|no more than|up to|maximum|available|capacity|"
          r"limit\w*|within|surpass\w*|budget|remain within)\b")
BASE = [r"\bmaximi[sz]|\bas much\b|\bas large\b|\bhighest\b|\boptimal\b|\bdetermine\b",
        r"\bfraction\w*\b|\bcontinuous\b|\bdivisible\b", r"\bat most its\b|\bmore \w+ than it has\b|"
        r"\bcannot claim more\b|\bwithin its\b|\bexceed what can be sold\b|\bmarket will\b|\bmaximum sales\b"]


def read(text: str, evidence: dict):
    rd = Reading(text, "production")
    doc = rd.doc
    tables = R.read_tables(doc)
    lists = R.read_items(doc)
    products = None
    profits = sales = None
    times = None          # [process][product] Values
    procs: list[str] = []
    caps: dict[int, object] = {}
    # tables first (the generators' own layout)
    mat = None
    for t in tables:
        if t.header and t.header[0].strip() == "" and len(t.header) >= 2 and len(t.rows) >= 1:
            mat = t
    for t in tables:
        pj = t.col(PROFIT_RE)
        if pj is not None and t is not mat:
            products = t.labels()
            profits = t.values(pj, "a profit")
            sj = t.col(r"sales|demand|market|max")
            sales = t.values(sj, "a maximum") if sj is not None else None
            rd.source("profits", profits)
            if sales:
                rd.source("maximum sales", sales)
            break
    if mat is not None and products is not None:
        procs = [h.strip() for h in mat.header[1:]]
        vals = mat.numeric_matrix(1)
        pn = R.Names(products)
        order = [pn.find(r.label) for r in mat.rows]
        if None in order or len(set(order)) != len(products):
            raise InputError("the rows of the time table must be the products", field=f"line {mat.header_line}")
        times = [[None] * len(products) for _ in procs]
        for r, i in zip(vals, order):
            for j, v in enumerate(r):
                times[j][i] = v
        rd.source("times", [v for r in vals for v in r])
        for t in tables:
            if t is mat or t.col(PROFIT_RE) is not None:
                continue
            cj = t.col(r"availab|capacit|hours|minutes|limit|time")
            if cj is None:
                continue
            prn = R.Names(procs)
            for r in t.rows:
                j = prn.find(r.label)
                if j is not None:
                    caps[j] = r.cells[cj].value("a capacity")
    if products is None or times is None:
        # item lists: one with a profit per product, one with per-process times per product
        recs = record_sets(doc, [], lists, min_rows=2, min_cols=1)
        prof_rec = next((r for r in recs if len(r.columns) == 1 and re.search(PROFIT_RE, r.columns[0] + " " + r.header,
                                                                           re.I)), None)
        time_rec = next((r for r in recs if len(r.columns) >= 2 and r is not prof_rec and
                         prof_rec is not None and len(r) == len(prof_rec)), None)
        if prof_rec is None or time_rec is None:
            raise InputError("no profit per product and time per product and process were found", field="products")
        products = prof_rec.names
        profits = prof_rec.column(0, "profit")
        rd.source("profits", profits)
        pn = R.Names(products)
        items = time_rec.source.items
        keys = [f.key for f in items[0].fields]
        if not all(keys):
            keys = [f"process {j + 1}" for j in range(len(items[0].fields))]
        procs = keys
        times = [[None] * len(products) for _ in procs]
        for it in items:
            i = pn.find(it.name)
            if i is None:
                raise InputError(f"{it.name} is not one of the products", field=f"line {it.line}")
            if len(it.fields) != len(procs):
                raise InputError(f"{it.name} has {len(it.fields)} process times, expected {len(procs)}",
                                 field=f"line {it.line}")
            for j, f in enumerate(it.fields):
                jj = procs.index(f.key) if f.key in procs else j
                times[jj][i] = f.value
                rd.source("times", [f.value])
        prn = R.Names(procs)
        cap_rec = next((r for r in recs if r is not prof_rec and r is not time_rec and len(r.columns) == 1
                        and all(prn.find(n) is not None for n in r.names)), None)
        if cap_rec is not None:
            for nm_, v in zip(cap_rec.names, cap_rec.column(0, "capacity")):
                caps[prn.find(nm_)] = v
    prn = R.Names(procs)
    if len(caps) < len(procs):
        for s in rd.sentences():
            ids = sorted({j for j, _, _ in prn.mentions(s.text)})
            if len(ids) == 1 and ids[0] not in caps and re.search(CAP_RE, s.text, re.I):
                nums = rd.numbers_in(s)
                if nums:
                    caps[ids[0]] = rd.doc.sentence_value(s, nums[-1])
                    rd.claim(s, "data")
    missing = [procs[j] for j in range(len(procs)) if j not in caps]
    if missing:
        raise InputError(f"no time available for {', '.join(missing[:3])}", field="capacities")
    rd.source("capacities", [caps[j] for j in range(len(procs))])
    for j, row in enumerate(times):
        for i, v in enumerate(row):
            if v is None:
                raise InputError(f"no time of {products[i]} in {procs[j]}", field="times")
    n, m = len(products), len(procs)
    rd.count_sizes(n, m)
    names = R.Names(products)
    rd.names += [names, prn]
    rd.labels = {"x": [products]}
    rd.sets["processes"] = list(procs)
    data = {"profits": [float(v.value) for v in profits],
            "times": [[float(v.value) for v in row] for row in times],
            "capacities": [float(caps[j].value) for j in range(m)],
            "max_sales": [float(v.value) for v in sales] if sales else [float("inf")] * n}
    # extra statements
    for s in rd.sentences():
        if rd.doc.role(s):
            continue
        ids = []
        for i, _, _ in names.mentions(s.text):
            if i not in ids:
                ids.append(i)
        nums = rd.numbers_in(s)
        t = s.text
        if len(ids) == 1 and nums:
            k = ids[0]
            v = rd.take(s, nums[0], "extra bounds")
            if v.percent or re.search(r"%|percent|share|of (?:the )?(?:total|all|everything)", t, re.I):
                pct = v.value / (1.0 if v.value <= 1.0 and not v.percent else 100.0)
                if re.search(r"\bat least\b|\bno less than\b|\bor more\b|\bminimum\b", t, re.I):
                    sense, kind, word = ">=", "min_share", "at least"
                else:
                    sense, kind, word = "<=", "share", "at most"
                terms = [("x", (i,), -pct + (1.0 if i == k else 0.0)) for i in range(n)]
                rd.augment(Augment.one(kind, 4, {"product": k + 1, "percent": pct * 100}, terms, sense, 0.0),
                           f"{kind}[{products[k]}]", f"x[{k + 1}] {word} {pct:.4g} of sum_i x[i]", s)
            elif re.search(r"\bat least\b|\bno less than\b|\bnot drop below\b|\bminimum\b|\brequires?\b", t, re.I):
                rd.augment(Augment.one("min_output", 5, {"product": k + 1, "minimum": v.value}, [("x", (k,), 1.0)],
                                       ">=", float(v.value)), f"min_output[{products[k]}]",
                           f"x[{k + 1}] >= {v.value:g}", s)
            elif re.search(r"\bat most\b|\bno more than\b|\bcannot exceed\b|\bmaximum\b", t, re.I):
                rd.augment(Augment.one("max_output", 1, {"product": k + 1, "maximum": v.value}, [("x", (k,), 1.0)],
                                       "<=", float(v.value)), f"max_output[{products[k]}]",
                           f"x[{k + 1}] <= {v.value:g}", s)
        elif len(ids) == 2 and nums and re.search(r"\btimes\b|\bmultiplied\b|\bfor every unit\b|\bratio\b", t, re.I):
            a, b = ids
            v = rd.take(s, nums[0], "ratios")
            f = float(v.value)
            # 'the amount of B must be at least f times A', 'for every unit of A, at least f units of B',
            # 'A, multiplied by f, may not outnumber B': f x_A <= x_B with A the multiplied one
            m1 = re.search(r"(?:at least|no less than)\s+" + re.escape(v.text) + r"\s+times\s+the amount of", t, re.I)
            if m1:
                after = names.mentions(t[m1.end():])
                mult = after[0][0] if after else ids[0]
                other = b if mult == a else a
            elif re.search(r"\bfor every unit of\b", t, re.I):
                mult, other = a, b
            else:
                mult, other = a, b
            rd.augment(Augment.one("ratio", 9, {"product_a": mult + 1, "product_b": other + 1, "factor": f},
                                   [("x", (mult,), f), ("x", (other,), -1.0)], "<=", 0.0),
                       f"ratio[{products[mult]}, {products[other]}]", f"{f:g} x[{mult + 1}] <= x[{other + 1}]", s)
    rd.objective_constant(maximize=True)
    obj = rd.find(BASE[0])
    rd.family("objective", "maximize sum_i profit[i] x[i]", obj[0] if obj else None, data_lines=n)
    rd.family("hours[j]", "sum_i a[j,i] x[i] <= capacity[j]", None, data_lines=m, type_=3)
    if sales:
        rd.family("sales[i]", "x[i] <= max_sales[i]", None, data_lines=n, type_=1)
    else:
        rd.notes.append("no maximum sales are stated: x[i] >= 0 has no upper bound")
    return rd.finish(data, evidence, BASE)
