"""Transportation: supplies of the sources, demands of the destinations (lists or tables) and a unit
cost matrix (a table, sources in rows); minimise the shipping cost.

Model (generators.transportation): x_ij >= 0, sum_j x_ij <= supply_i, sum_i x_ij = demand_j.
Extra statements: a cap on one route, a minimum total shipped from one source, a fixed cost (shift).
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..generators.base import Augment
from . import readers as R
from .common import Reading, record_sets

SUPPLY_RE = (r"suppl|availab|capacit|stock|inventor|has\b|have\b|can (?:handle|provide|ship|supply|offer|produce)|"
             r"produc|output|release|vehicles?|fleet|units? available|origin|source")
DEMAND_RE = r"demand|requir|need|order|consum|request|receiv|destination|deliver"
BASE = [r"\bminimi[sz]|\blowest\b|\bcheapest\b|\bas low\b|\boptimal\b|\bdetermine\b",
        r"\bat most its supply\b|\bmore than it has\b|\bcapped\b|\bexactly its demand\b|\bmet exactly\b|"
        r"\bprecisely what\b|\bfractional\b|\bfractions?\b|\bwhole number\b"]


def _side(rec, pattern) -> float:
    text = (rec.header + " " + " ".join(rec.columns)).lower()
    text += " " + " ".join(it.text.lower() for it in getattr(rec.source, "items", [])[:2])
    return len(re.findall(pattern, text))


def read(text: str, evidence: dict):
    rd = Reading(text, "transportation")
    doc = rd.doc
    tables = R.read_tables(doc)
    lists = R.read_items(doc)
    # the cost matrix: a table with a label column and at least 2 numeric columns
    mats = [t for t in tables if t.header and len(t.header) >= 3 and len(t.rows) >= 2 and
            all(len(r.cells) == len(t.header) for r in t.rows) and
            all(c.is_number() for r in t.rows for c in r.cells[1:])]
    mat = max(mats, key=lambda t: len(t.rows) * len(t.header)) if mats else None
    pair_costs = None
    if mat is not None:
        src_names = mat.labels()
        dst_names = [h.strip() for h in mat.header[1:]]
    else:
        # the unit costs as a pair list 'Plant 1 to Store 2: 30'
        pairs = R.read_pairs(doc)
        if not pairs:
            R.check_numeric_tables(tables, "cost matrix")
            raise InputError("no cost matrix (a table with sources in rows, or 'A to B: cost' lines) was found",
                             field="costs")
        src_names = list(dict.fromkeys(p.a for p in pairs))
        dst_names = list(dict.fromkeys(p.b for p in pairs))
        pair_costs = pairs
    others = [t for t in tables if t is not mat]
    recs = record_sets(doc, others, lists, min_rows=1, min_cols=1)
    sn, dn = R.Names(src_names), R.Names(dst_names)
    sup = dem = None
    for rec in recs:
        hits_s = sum(sn.find(x) is not None for x in rec.names)
        hits_d = sum(dn.find(x) is not None for x in rec.names)
        supply_like = hits_d < len(dst_names) or _side(rec, SUPPLY_RE) > _side(rec, DEMAND_RE)
        if hits_s == len(src_names) and len(rec) == len(src_names) and supply_like:
            if sup is None:
                sup = rec
                continue
        if hits_d == len(dst_names) and len(rec) == len(dst_names) and dem is None:
            dem = rec
    if sup is None or dem is None:
        raise InputError(f"the supplies and demands must name the {len(src_names)} sources and {len(dst_names)} "
                         "destinations of the costs", field="supplies")
    s_vals = sup.column(0, "supply")
    d_vals = dem.column(0, "demand")
    s_order = [sn.find(x) for x in sup.names]
    d_order = [dn.find(x) for x in dem.names]
    supplies = [0.0] * len(src_names)
    demands = [0.0] * len(dst_names)
    for i, v in zip(s_order, s_vals):
        supplies[i] = float(v.value)
    for j, v in zip(d_order, d_vals):
        demands[j] = float(v.value)
    rd.source("supplies", s_vals)
    rd.source("demands", d_vals)
    if mat is not None:
        C = mat.numeric_matrix(1)
        rd.source("costs", [v for row in C for v in row])
        costs = [[float(v.value) for v in row] for row in C]
        cost_lines = len(mat.rows)
    else:
        grid = [[None] * len(dst_names) for _ in src_names]
        for p in pair_costs:
            grid[src_names.index(p.a)][dst_names.index(p.b)] = p.value
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                if v is None:
                    raise InputError(f"no cost from {src_names[i]} to {dst_names[j]}", field="costs")
        rd.source("costs", [v for row in grid for v in row])
        costs = [[float(v.value) for v in row] for row in grid]
        cost_lines = len(pair_costs)
    S, N = len(src_names), len(dst_names)
    rd.count_sizes(S, N)
    rd.names += [sn, dn]
    rd.labels = {"x": [src_names, dst_names]}
    for s in rd.sentences():
        si = []
        for i, _, _ in sn.mentions(s.text):
            if i not in si:
                si.append(i)
        di = []
        for j, _, _ in dn.mentions(s.text):
            if j not in di:
                di.append(j)
        nums = rd.numbers_in(s)
        if not nums:
            continue
        t = s.text
        if len(si) == 1 and len(di) == 1 and re.search(r"\bat most\b|\bno more than\b|\bcannot (?:take|carry)|"
                                                       r"\bexcess\b|"
                                                       r"\bcap\w*\b|\blimit\w*\b|\bmaximum\b", t, re.I):
            i, j = si[0], di[0]
            v = rd.take(s, nums[0], "route caps")
            rd.augment(Augment.one("route_cap", 1, {"supplier": i + 1, "customer": j + 1, "limit": v.value},
                                   [("x", (i, j), 1.0)], "<=", float(v.value)),
                       f"route_cap[{src_names[i]}, {dst_names[j]}]", f"x[{i + 1},{j + 1}] <= {v.value:g}", s)
        elif len(si) == 1 and not di and re.search(r"\bat least\b|\bno less than\b|\bfewer than\b|"
                                                   r"\bminimum\b", t, re.I):
            i = si[0]
            v = rd.take(s, nums[0], "supplier minimums")
            rd.augment(Augment.one("supplier_min", 6, {"supplier": i + 1, "minimum": v.value},
                                   [("x", (i, j), 1.0) for j in range(N)], ">=", float(v.value)),
                       f"supplier_min[{src_names[i]}]", f"sum_j x[{i + 1},j] >= {v.value:g}", s)
    rd.objective_constant(maximize=False)
    obj = rd.find(BASE[0])
    rd.family("objective", "minimize sum_ij c[i,j] x[i,j]", obj[0] if obj else None, data_lines=cost_lines)
    rd.family("supply[i]", "sum_j x[i,j] <= supply[i]", None, data_lines=S, type_=2)
    rd.family("demand[j]", "sum_i x[i,j] = demand[j]", None, data_lines=N)
    if sum(supplies) < sum(demands) - 1e-9:
        rd.notes.append(f"total supply {sum(supplies):g} is below total demand {sum(demands):g}: no plan meets every "
                        "demand")
    data = {"supplies": supplies, "demands": demands, "costs": costs}
    return rd.finish(data, evidence, BASE)
