"""Pollution control: sources with their emissions (or an emission rate and an output whose product
is the emission), abatement methods with a removal efficiency, a cost per source and method, and a
reduction target (tons, or a fraction P of the initial emissions); minimise the cost.

Model (generators.pollution): x_ik in [0, 1] share of source i's output treated with method k,
sum_k x_ik <= 1, removal sum_ik e_i eff_ik x_ik >= target, cost sum_ik c_ik x_ik where c_ik is the
cost of treating all of source i. A cost stated per unit of output (C^3-Bench: 'per unit of cultivated
area') is multiplied by the source's output; a target 'reduced by at least a fraction P' is P times
the total initial emission. The removal efficiency is the percentage the text states ('reduces the
loss by 22%' -> 0.22). C^3-Bench's reference model instead uses one minus that percentage, unrounded,
so its answers cannot be reproduced from the text (they differ by a few tenths of a percent).
Extra statements: a cap on one method's share at one source, a minimum removal at one source.
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..generators.base import Augment
from . import readers as R
from .common import Reading, record_sets
from .text import sentence_of

OUTPUT_RE = r"area|production|output|throughput|volume|quantity|size|capacity|acre|hectare|units? produced|activity"
RATE_RE = r"coefficient|rate|factor|intensity|per unit|emission|discharge|defect|load"
BASE = [r"\bminimi[sz]|\bcheap\w*\b|\blowest\b|\boptimal\b|\bdetermine\b|\bdecide\b",
        r"\bmultiple\b|\bpartially\b|\bconcurrently\b|\bsimultaneously\b|\bcombination\b|\btreated twice\b|"
        r"\badd up to at most 100\b|\bmore than all\b|\bno mitigation\b|\bno (?:control|improvement)\b|\binitially\b|"
        r"\bcurrently\b", r"\bany (?:share|fraction)\b|\babatement methods?\b|\beach of \d+ methods\b"]


def read(text: str, evidence: dict):
    rd = Reading(text, "pollution")
    doc = rd.doc
    tables = R.read_tables(doc)
    lists = R.read_items(doc)
    # the cost table: sources in rows, methods in columns (C^3), or efficiency/cost pairs per method (own)
    cost_t = None
    for t in tables:
        if t.header and len(t.header) >= 3 and len(t.rows) >= 2 and all(c.is_number() for r in t.rows
                                                                         for c in r.cells[1:]):
            cost_t = t if cost_t is None or len(t.header) > len(cost_t.header) else cost_t
    if cost_t is None:
        R.check_numeric_tables(tables, "cost table")
        raise InputError("no cost table (sources in rows, methods in columns) was found", field="costs")
    src_names = cost_t.labels()
    sn = R.Names(src_names)
    n = len(src_names)
    eff_cols = cost_t.cols(r"efficien|removal|%")
    cost_cols = cost_t.cols(r"cost")
    recs = record_sets(doc, [t for t in tables if t is not cost_t], lists, min_rows=1, min_cols=1)
    srcs = next((r for r in recs if len(r) == n and all(sn.find(x) is not None for x in r.names)), None)
    if srcs is None:
        raise InputError("no emissions per source (a list or a table naming the rows of the cost table)",
                         field="emissions")
    order = [sn.find(x) for x in srcs.names]
    per_unit = False
    if eff_cols and cost_cols and len(eff_cols) == len(cost_cols):
        # own layout: one emission per source; per method an efficiency (%) and the cost of treating all
        meth = [cost_t.header[j].replace("efficiency", "").replace("(%)", "").strip() for j in eff_cols]
        E = [0.0] * n
        for i, v in zip(order, srcs.column(0, "emission")):
            E[i] = float(v.value)
        rd.source("emissions", srcs.column(0, "emission"))
        eff = [[float(v.value) for v in cost_t.values(j, "an efficiency")] for j in eff_cols]
        cst = [[float(v.value) for v in cost_t.values(j, "a cost")] for j in cost_cols]
        for j in eff_cols + cost_cols:
            rd.source("methods", cost_t.values(j))
        efficiency = [[eff[k][i] for k in range(len(meth))] for i in range(n)]
        costs = [[cst[k][i] for k in range(len(meth))] for i in range(n)]
    else:
        meth = [h.strip() for h in cost_t.header[1:]]
        mn = R.Names(meth)
        mrec = next((r for r in recs if r is not srcs and len(r) == len(meth)
                     and all(mn.find(x) is not None for x in r.names)), None)
        if mrec is None:
            raise InputError("no removal efficiency per method (a list naming the columns of the cost table)",
                             field="methods")
        rates = [0.0] * len(meth)
        for nm_, v in zip(mrec.names, mrec.column(0, "removal efficiency")):
            rates[mn.find(nm_)] = float(v.value) / (100.0 if v.percent or v.value > 1 else 1.0) * 100.0
        rd.source("removal efficiencies", mrec.column(0))
        if len(srcs.columns) >= 2:
            oj = srcs.col(OUTPUT_RE)
            wj = srcs.col(RATE_RE, taken=(oj,))
            if oj is None or wj is None:
                oj, wj = 1, 0
            out = [0.0] * n
            rate = [0.0] * n
            for i, a, b in zip(order, srcs.column(oj), srcs.column(wj)):
                out[i], rate[i] = float(a.value), float(b.value)
            rd.source("emission rates and outputs", srcs.column(oj) + srcs.column(wj))
            E = [out[i] * rate[i] for i in range(n)]
            per_unit = True
        else:
            E = [0.0] * n
            for i, v in zip(order, srcs.column(0, "emission")):
                E[i] = float(v.value)
            rd.source("emissions", srcs.column(0))
            out = [1.0] * n
        raw = cost_t.numeric_matrix(1)
        rd.source("costs", [v for r in raw for v in r])
        costs = [[float(v.value) * (out[i] if per_unit else 1.0) for v in raw[i]] for i in range(n)]
        efficiency = [rates[:] for _ in range(n)]
        if per_unit:
            rd.notes.append("emission of a source = its rate x its output; a cost per unit of output is multiplied "
                            "by the output (x is the share of the output treated)")
    names = R.Names(src_names)
    rd.names.append(names)
    rd.count_sizes(n, len(meth))
    rd.labels = {"x": [src_names, meth]}
    # extra statements first: a cap on one method's share at one source, a minimum removal at one source
    extras = []
    for s in rd.sentences():
        ids = sorted({i for i, _, _ in names.mentions(s.text)})
        nums = rd.numbers_in(s)
        if len(ids) != 1 or not nums:
            continue
        i = ids[0]
        t = s.text
        mk = next((k for k in range(len(meth)) if re.search(r"\b" + re.escape(meth[k]) + r"\b", t)), None)
        v = rd.take(s, nums[-1] if mk is not None else nums[0], "extra limits")
        rd.claim(s, "extra")
        extras.append((s, i, mk, v))
    # the treated-share statement restates 100%
    for s in rd.find(r"\b100\s*(?:%|percent)"):
        if re.search(r"\bshares?\b|\btreat\w*\b|\boutput\b", s.text, re.I):
            for x in rd.numbers_in(s):
                if x.value == 100:
                    rd.take(s, x)
            rd.family("treated_share[i]", "sum_k x[i,k] <= 1", s)
            break
    else:
        rd.family("treated_share[i]", "sum_k x[i,k] <= 1", None)
    # the target: a fraction P of the initial emissions, or tons
    tgt = rd.scalar("reduction "
                    "target", [r"\bP\s*=\s*(?=\d|\.\d)|\b(?:fraction|proportion|percentage|share)\s+(?:P\s*=\s*)?"
                                         r"(?:of\s+)?(?=0?\.\d|\d+(?:\.\d+)?\s*%)",
                                         r"\bat least\b|\bno less than\b|\bor more\b|\bnot short of\b|\bminimum\b|"
                                         r"\btarget\b"], pick="nearest", near=40)
    total = sum(E)
    if tgt.percent or (tgt.value <= 1.0 and re.search(r"fraction|proportion|P\s*=|share|of the initial", text, re.I)):
        share = tgt.value / (100.0 if tgt.percent else 1.0)
        target = share * total
        rd.notes.append(f"target = {share:g} x the initial emission {total:g} = {target:g}")
    else:
        target = float(tgt.value)
    data = {"emissions": E, "efficiency": efficiency, "costs": costs, "target": target}
    for s, i, mk, v in extras:
        if mk is not None:
            pct = v.value / 100.0
            rd.augment(Augment.one("method_cap", 1, {"source": i + 1, "method": mk + 1, "percent": v.value},
                                   [("x", (i, mk), 1.0)], "<=", pct), f"method_cap[{src_names[i]}, {meth[mk]}]",
                       f"x[{i + 1},{mk + 1}] <= {pct:g}", s)
        else:
            rem = [E[i] * efficiency[i][k] / 100.0 for k in range(len(meth))]
            rd.augment(Augment.one("source_min", 7, {"source": i + 1, "minimum": v.value},
                                   [("x", (i, k), rem[k]) for k in range(len(meth))], ">=", float(v.value)),
                       f"source_min[{src_names[i]}]", f"removal at {src_names[i]} >= {v.value:g}", s)
    rd.objective_constant(maximize=False)
    obj = rd.find(BASE[0])
    rd.family("objective", "minimize sum_ik c[i,k] x[i,k]", obj[0] if obj else None, data_lines=n)
    rd.family("target", f"sum_ik e[i] eff[i,k] x[i,k] >= {target:g}", sentence_of(rd.doc, tgt), data_lines=n, type_=7)
    return rd.finish(data, evidence, BASE)
