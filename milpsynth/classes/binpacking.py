"""Bin packing: items with one size each (a table or an item list), identical bins of a stated capacity.

Model (generators.binpacking): x_ij item i in bin j, y_j bin j used; sum_j x_ij = 1,
sum_i w_i x_ij <= C y_j, minimise sum_j y_j (the number of bins used, as C^3-Bench counts it).
Extra statements between two items hold in every bin: 'never in the same bin' (x_aj + x_bj <= 1) and
'if A is in a bin, B is in that bin too' (x_aj <= x_bj).
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..generators.base import Augment
from ..generators.binpacking import bins_offered
from . import readers as R
from .common import Reading, record_sets
from .text import sentence_of

SIZE_RE = r"size|weigh|volume|mass|space|length|load|capacity|demand|requirement|memory|gb|kg|cubic|ton|lb|feet|m3"
CAP_RE = (r"\b(?:capacity|capacities|limit|maximum|max|at most|up to|no more than|cannot exceed|can ?not exceed|"
          r"not exceed|carry|carries|hold|holds|ceiling|allows?|allowance|payload|accommodate|exceed\w*|beyond|"
          r"surpass\w*|more than|room for|fits?)\b")
BASE = [r"\bexactly one\b|\bone and only one\b|\bsingle one\b|\bonly one\b|\bsplit\b|\bdivided\b|\bwhole\b|\bentire",
        r"\bcapacity\b|\bexceed|\bsurpass|\blimit\b|\bmore than\b",
        r"\bminimi[sz]e|\bfewest\b|\bminimum number\b|\bas few\b|\bleast\b|\bdriven down\b|\bsmallest number\b",
        r"\bidentical\b|\bas many\b|\bunlimited\b|\bno shortage\b|\bavailable\b|\bsame (?:size|capacity)\b"]


def read(text: str, evidence: dict):
    rd = Reading(text, "binpacking")
    doc = rd.doc
    tables = R.read_tables(doc)
    lists = R.read_items(doc)
    recs = record_sets(doc, tables, lists, min_rows=2, min_cols=1)
    if not recs:
        raise InputError("no list or table of items with a size was found", field="items")
    rec = max(recs, key=len)
    for other in recs:
        if other is not rec:
            rd.unused_structures.append((other.lines[0], "a second item list the model does not use"))
    j = rec.col(SIZE_RE)
    if j is None:
        j = 0
    w = rec.column(j, "size")
    if len(rec.columns) > 1:
        rd.notes.append(f"items carry {len(rec.columns)} values; the size is '{rec.columns[j]}'")
    rd.source("sizes", w)
    names = R.Names(rec.names)
    rd.names.append(names)
    n = len(rec)
    rd.count_sizes(n)
    wunit = w[0].unit or ""

    pairs = []
    for s in rd.sentences():
        ids = []
        for i, _, _ in names.mentions(s.text):
            if i not in ids:
                ids.append(i)
        if len(ids) != 2:
            continue
        a, b = ids
        t = s.text
        if re.search(r"\bat most one\b|\bnot both\b|\bnever both\b|\bor neither\b|\bcannot (?:go|be placed|be put|"
                     r"share|ride|run)\b.*\bsame\b|\bseparate\b|\bdifferent (?:bins?|trucks?|boxes|servers?|\w+)\b|"
                     r"\bapart\b|\bnot (?:be )?(?:in|on|into) the same\b|\bmust not share\b", t, re.I):
            pairs.append(("apart", a, b, s))
        elif re.search(r"\bsame\b|\btogether\b|\balongside\b|\bas well\b|\bif a\b.*\bdoes not contain\b|\bgoes into "
                       r"it\b|"
                       r"\bcannot be placed in it either\b", t, re.I):
            # the 'if' side is the one whose presence forces the other
            m = re.search(r"\bif\b", t, re.I)
            first, second = (a, b)
            if re.search(r"\bdoes not contain\b|\bnot contain\b", t, re.I):
                # 'If a bin does not contain B, then A cannot be placed in it either': A => B
                first, second = b, a
            elif m and m.start() > 0 and not re.match(r"\s*if\b", t, re.I):
                # 'B must go into a bin if A goes into it': A => B
                first, second = b, a
            pairs.append(("together", first, second, s))
    cap = rd.scalar("capacity", CAP_RE, unit=wunit, pick="nearest")
    C = float(cap.value)
    data = {"weights": [float(x.value) for x in w], "capacity": C}
    if any(x.value > C + 1e-9 for x in w):
        big = next(x for x in w if x.value > C + 1e-9)
        raise InputError(f"an item of size {big.text} does not fit in a bin of capacity "
                         f"{cap.text}", field=f"line {big.line}")
    m = bins_offered(data)
    rd.labels = {"x": [rec.names, [f"bin {k + 1}" for k in range(m)]], "y": [[f"bin {k + 1}" for k in range(m)]]}
    for kind, a, b, s in pairs:
        if kind == "apart":
            rows = [([("x", (a, k), 1.0), ("x", (b, k), 1.0)], "<=", 1.0) for k in range(m)]
            rd.augment(Augment("apart", 13, {"item_a": a + 1, "item_b": b + 1}, rows),
                       f"apart[{rec.names[a]}, {rec.names[b]}, "
                       f"j]", f"x[{a + 1},j] + x[{b + 1},j] <= 1 for every bin j", s)
        else:
            rows = [([("x", (a, k), 1.0), ("x", (b, k), -1.0)], "<=", 0.0) for k in range(m)]
            rd.augment(Augment("together", 10, {"item_a": a + 1, "item_b": b + 1}, rows),
                       f"together[{rec.names[a]}, {rec.names[b]}, "
                       f"j]", f"x[{a + 1},j] <= x[{b + 1},j] for every bin j", s)
    # symmetry breaking: with items by decreasing size, the r-th item goes to one of the first r + 1 bins
    order = sorted(range(n), key=lambda i: -data["weights"][i])
    sym = [([("x", (i, k), 1.0)], "<=", 0.0) for r, i in enumerate(order) for k in range(r + 1, m)]
    if sym:
        rd.cuts.append((Augment("symmetry", 0, {}, sym),
                        "x[i,j] = 0 for j > rank(i) (items by decreasing size): bins are numbered by their largest "
                        "item"))
    rd.objective_constant(maximize=False)
    obj = rd.find(BASE[2])
    rd.family("objective", "minimize sum_j y[j]   (bins used)", obj[0] if obj else None)
    asg = rd.find(BASE[0])
    rd.family("assign[i]", "sum_j x[i,j] = 1", asg[0] if asg else None, data_lines=n)
    rd.family("capacity[j]", f"sum_i w[i] x[i,j] <= C y[j], C = {C:g}", sentence_of(rd.doc, cap), data_lines=n)
    rd.notes.append(f"{m} bins are offered to the model (first-fit-decreasing's count + 2, at most one per item); "
                    "bins are used in order (y[j] >= y[j+1])")
    return rd.finish(data, evidence, BASE)
