"""Minimum-cost network flow (transportation form with arc capacities): supplies of the sources,
demands of the sinks (lists or tables) and the arcs with a capacity and a unit cost (a From/To table,
'A to B: capacity 5, cost 2' lines, or 'From A:' followed by '- to B: capacity = 5, cost = 2').

Model (generators.netflow): integer flows f_a in [0, capacity_a], each sink receives exactly its
demand, each source ships exactly its supply, or at most it when the text gives supplies as
capacities ('not exceeding any plant's capacity'; the same optimum when the totals agree).
Extra statements: a cap or a minimum on one arc, a fixed cost (shift).
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..generators.base import Augment
from . import readers as R
from .common import Reading, record_sets

BASE = [r"\bminimi[sz]|\blowest\b|\bas small\b|\bdetermine\b|\boptimal\b",
        r"\bexactly its\b|\bprecisely\b|\bno more and no less\b|\bat most its capacity\b|\bbeyond its\b|"
        r"\bwhole numbers?\b|\bfractions?\b|\bmore than its capacity\b|\bits requirement\b|\bwhat it needs\b"]


def read(text: str, evidence: dict):
    rd = Reading(text, "netflow")
    doc = rd.doc
    tables = R.read_tables(doc)
    pairs = R.read_pairs(doc)
    lists = R.read_items(doc)
    arcs_raw = []    # (from name, to name, capacity Value, cost Value, line)
    arc_table = None
    for t in tables:
        fj, tj = t.col(r"^\s*from\b", 0), t.col(r"^\s*to\b", 0)
        cj, kj = t.col(r"capacit|limit|max"), t.col(r"cost|price|fee|loss")
        if None not in (fj, tj, cj, kj):
            arc_table = t
            for r in t.rows:
                arcs_raw.append((r.cells[fj].text.strip(), r.cells[tj].text.strip(), r.cells[cj].value("a capacity"),
                                 r.cells[kj].value("a cost"), r.line))
            break
    if not arcs_raw:
        for p in pairs:
            cap = next((f for f in p.fields if re.search(r"capacit|limit|max|flow", f.label, re.I)), None)
            cost = next((f for f in p.fields if re.search(r"cost|price|fee|loss|charge", f.label, re.I)), None)
            if cap is None or cost is None:
                if len(p.fields) == 2:
                    cap, cost = p.fields
                else:
                    raise InputError(f"an arc needs a capacity and a cost, found {len(p.fields)} value(s)",
                                     field=f"line {p.line}")
            arcs_raw.append((p.a, p.b, cap.value, cost.value, p.line))
    if not arcs_raw:
        raise InputError("no arcs with a capacity and a cost were found", field="arcs")
    others = [t for t in tables if t is not arc_table]
    recs = record_sets(doc, others, lists, min_rows=1, min_cols=1)
    src_raw = list(dict.fromkeys(a for a, _, _, _, _ in arcs_raw))
    dst_raw = list(dict.fromkeys(b for _, b, _, _, _ in arcs_raw))
    sup = dem = None
    for rec in recs:
        nm = R.Names(rec.names)
        hs = sum(nm.find(x) is not None for x in src_raw)
        hd = sum(nm.find(x) is not None for x in dst_raw)
        if hs == len(src_raw) and hs >= hd and sup is None and len(rec) >= hs:
            sup = rec
        elif hd == len(dst_raw) and dem is None and len(rec) >= hd:
            dem = rec
    if sup is None or dem is None:
        raise InputError("the supplies and demands must name every source and sink of the arcs", field="supplies")
    sn, dn = R.Names(sup.names), R.Names(dem.names)
    s_vals, d_vals = sup.column(0, "supply"), dem.column(0, "demand")
    rd.source("supplies", s_vals)
    rd.source("demands", d_vals)
    arcs = []
    for a, b, cap, cost, line in arcs_raw:
        i, j = sn.find(a), dn.find(b)
        if i is None or j is None:
            raise InputError(f"the arc {a} -> {b} names a place with no supply or demand", field=f"line {line}")
        arcs.append([i + 1, j + 1, float(cap.value), float(cost.value)])
        rd.source("arcs", [cap, cost])
    rd.names += [sn, dn]
    rd.count_sizes(len(sup), len(dem), len(sup) + len(dem))
    rd.labels = {"f": [[f"{sup.names[a[0] - 1]} -> {dem.names[a[1] - 1]}" for a in arcs]]}
    rd.sets.update(sources=list(sup.names), sinks=list(dem.names))
    for s in rd.sentences():
        si = sorted({i for i, _, _ in sn.mentions(s.text)})
        di = sorted({j for j, _, _ in dn.mentions(s.text)})
        nums = rd.numbers_in(s)
        if len(si) != 1 or len(di) != 1 or not nums:
            continue
        k = next((n for n, a in enumerate(arcs) if a[0] == si[0] + 1 and a[1] == di[0] + 1), None)
        if k is None:
            continue
        t = s.text
        v = None
        if re.search(r"\bat least\b|\bno less than\b|\bor more\b|\bminimum\b", t, re.I):
            v = rd.take(s, nums[0], "arc minimums")
            rd.augment(Augment.one("arc_min", 5, {"from": si[0] + 1, "to": di[0] + 1, "minimum": v.value},
                                   [("f", (k,), 1.0)], ">=", float(v.value)), f"arc_min[{rd.labels['f'][0][k]}]",
                       f"f[{rd.labels['f'][0][k]}] >= {v.value:g}", s)
        elif re.search(r"\bat most\b|\bno more than\b|\bat the very most\b|\bcap\w*\b|\blimit\w*\b", t, re.I):
            v = rd.take(s, nums[0], "arc caps")
            rd.augment(Augment.one("arc_cap", 1, {"from": si[0] + 1, "to": di[0] + 1, "limit": v.value},
                                   [("f", (k,), 1.0)], "<=", float(v.value)), f"arc_cap[{rd.labels['f'][0][k]}]",
                       f"f[{rd.labels['f'][0][k]}] <= {v.value:g}", s)
    full = " ".join(x.text for x in rd.sentences()) + " " + sup.header + " " + " ".join(sup.columns)
    supplies = [0.0] * len(sup)
    demands = [0.0] * len(dem)
    for nm_, v in zip(sup.names, s_vals):
        supplies[sn.find(nm_)] = float(v.value)
    for nm_, v in zip(dem.names, d_vals):
        demands[dn.find(nm_)] = float(v.value)
    at_most = bool(re.search(r"\b(?:not|without|never) exceed\w*\b[^.]*\b(?:capacit|output|generation|supply|availab)|"
                             r"\bcapacit|\bmaximum\b|"
                             r"\bat most\b|\bup to\b|\bavailab", full, re.I)) and not re.search(
        r"\bexactly its supply\b|\ball of its supply\b|\bprecisely its supply\b|\bmust ship out exactly\b", full, re.I)
    data = {"supplies": supplies, "demands": demands, "arcs": arcs}
    if at_most:
        data["supply_at_most"] = True
        rd.notes.append("supplies are capacities: a source ships at most its supply" +
                        (" (total supply equals total demand, so every source ships all of it)"
                         if abs(sum(supplies) - sum(demands)) < 1e-9 else ""))
    rd.objective_constant(maximize=False)
    obj = rd.find(BASE[0])
    rd.family("objective", "minimize sum_a cost[a] f[a]", obj[0] if obj else None, data_lines=len(arcs))
    rd.family("supply[i]", "sum_(a out of i) f[a] " + ("<=" if at_most else "=") + " supply[i]", None,
              data_lines=len(sup))
    rd.family("demand[j]", "sum_(a into j) f[a] = demand[j]", None, data_lines=len(dem))
    rd.family("capacity[a]", "0 <= f[a] <= capacity[a], integer", None, data_lines=len(arcs))
    return rd.finish(data, evidence, BASE)
