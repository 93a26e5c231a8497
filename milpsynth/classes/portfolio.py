"""Portfolio: per asset an expected return, a risk score and share bounds (an item list with
'[lo, hi]' bounds, or a table), a liquid subset with a minimum share, a risk cap, optionally a
minimum return; maximise the expected return.

Model (generators.portfolio, in percent of the budget): x_i in [min_i, max_i], sum x_i = 100, risk
sum r_i x_i <= 100 R, liquid assets >= L percent; maximise sum mu_i x_i / 100. Shares stated as
fractions (C^3-Bench: bounds in [0, 1], 'sum to one') are read as 100 x the fraction, and returns as
given, so the objective is the portfolio's return as a fraction, as C^3 states its answers; a minimum
return 'the total return must be at least R' becomes the row sum mu_i x_i >= 100 R.
Extra statements: one asset's share at most another's, two assets together at most a share.
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..generators.base import Augment
from . import readers as R
from .common import Reading, record_sets
from .text import sentence_of

RET_RE = r"return|benefit|yield|profit|gain|score|efficien|performance|value|utility|reward|interest|income|payoff"
RISK_RE = r"risk|volatil|impact|complex|variance|uncertaint|exposure|hazard|index|factor|emission|cost|penalt"
BASE = [r"\bsum\w* to (?:one|1|100)\b|\badd up\b|\bentire budget\b|\bequal (?:to )?(?:one|1|the (?:entire|whole|"
        r"total))|"
        r"\b100 ?(?:%|percent)\b|\bfully (?:invested|allocated)\b|\btotal\b.*\bmust (?:equal|be)\b",
        r"\bwithin its\b|\bbounds?\b|\blimits?\b|\bminimum share\b|\bmaximum share\b|\bfloor\b|\bbelow the minimum\b",
        r"\bmaximi[sz]|\bhighest\b|\bas high\b|\boptimal\b|\bdetermine\b"]


def _roles(rec, rd) -> tuple[int, int]:
    """(return column, risk column): the two single-valued columns other than min / max shares; the one the
    objective sentence names ('maximize the overall efficiency') is the return."""
    cand = [j for j in range(len(rec.columns))
            if not re.search(r"\bmin|\bmax|bound|limit|share|range|allocation", rec.columns[j], re.I)
            and all(j < len(row) and len(row[j]) == 1 for row in rec.cells)]
    if len(cand) < 2:
        raise InputError(f"cannot tell the return and the risk of an asset apart (columns: {', '.join(rec.columns)})",
                         field=f"line {rec.lines[0]}")
    obj = " ".join(s.text for s in rd.sentences() if re.search(r"\bmaximi[sz]|\bhighest\b|\bas high\b", s.text, re.I))

    def score(j):
        words = [w for w in re.findall(r"[a-z]+", rec.columns[j].lower()) if len(w) > 3 and w not in ("score", "index")]
        sc = 2.0 * sum(1 for w in words if re.search(r"\b" + w[:6], obj.lower()))
        sc += 1.0 if re.search(RET_RE, rec.columns[j], re.I) else 0.0
        sc -= 1.0 if re.search(r"risk|volatil|impact|complex|difficult|variance|hazard", rec.columns[j], re.I) else 0.0
        return sc
    a, b = cand[0], cand[1]
    return (a, b) if score(a) >= score(b) else (b, a)


def read(text: str, evidence: dict):
    rd = Reading(text, "portfolio")
    doc = rd.doc
    tables = R.read_tables(doc)
    sets = R.read_sets(doc)
    lists = R.read_items(doc)
    recs = record_sets(doc, tables, lists, min_rows=2, min_cols=2)
    if not recs:
        raise InputError("no list or table of assets (return, risk, bounds) was found", field="assets")
    rec = max(recs, key=len)
    n = len(rec)
    rd.count_sizes(n)
    rj, kj = _roles(rec, rd)
    ret = rec.column(rj, "return")
    risk = rec.column(kj, "risk")
    bj = None
    for j in range(len(rec.columns)):
        if j not in (rj, kj) and all(len(row[j]) == 2 for row in rec.cells if j < len(row)):
            bj = j
            break
    if bj is not None:
        bounds = rec.interval(bj, "share bounds")
        lo = [b[0] for b in bounds]
        hi = [b[1] for b in bounds]
    else:
        lj = rec.col(r"min", taken=(rj, kj))
        hj = rec.col(r"max", taken=(rj, kj, lj))
        if lj is None or hj is None:
            raise InputError(f"no share bounds per asset ('[lo, hi]' or min/max columns)",
                             field=f"line {rec.lines[0]}")
        lo = rec.column(lj, "minimum share")
        hi = rec.column(hj, "maximum share")
    for name, vals in (("returns", ret), ("risks", risk), ("share bounds", lo + hi)):
        rd.source(name, vals)
    full = " ".join(s.text for s in rd.sentences())
    fraction = max(v.value for v in hi) <= 1.0 + 1e-9 and not re.search(r"\b100 ?(?:%|percent)|add up to exactly 100",
                                                                       full, re.I)
    k = 100.0 if fraction else 1.0
    names = R.Names(rec.names)
    rd.names.append(names)
    rd.labels = {"x": [rec.names]}

    # the liquid subset: a set in braces, or asset names in a sentence with a minimum share
    liquid, min_liquid = [], 0.0
    liq_sent = None
    for st in sets:
        idx = [names.find(m) for m in st.members]
        if st.members and all(i is not None for i in idx):
            liquid = sorted({i + 1 for i in idx})
            for s in rd.sentences():
                if st.line in s.lines and st.text.replace(" ", "") in s.text.replace(" ", ""):
                    liq_sent = s
                    break
            break
    if liq_sent is None:
        for s in rd.find(r"\bliquid\w*\b"):
            ms = names.mentions(s.text, bare_single=False)
            if ms:
                liquid = sorted({i + 1 for i, _, _ in ms})
                liq_sent = s
                break
    if liq_sent is not None:
        after = 0
        m = re.search(r"\}", liq_sent.text)
        if m:
            after = m.end()
        nums = [x for x in rd.numbers_in(liq_sent, after=after)]
        if not nums:
            raise InputError(f"no minimum share for the subset", field=f"line {liq_sent.line}")
        v = rd.take(liq_sent, nums[0], "liquid minimum")
        min_liquid = v.value * k
        rd.family("liquidity", f"sum_(i in L) x[i] >= {v.value:g}" + (" (of the budget)" if fraction else "%"),
                  liq_sent, data_lines=len(liquid), type_=6)
    # the risk cap and a minimum return
    risk_word = rec.columns[kj].split()[0] if rec.columns[kj] else "risk"
    ret_word = rec.columns[rj].split()[0] if rec.columns[rj] else "return"
    cap = rd.scalar("risk cap", rf"\b(?:risk|{re.escape(risk_word)})\w*\b[^.;]*?\b(?:not exceed|at most|no more than|"
                    r"cannot be more than|does not exceed|not be more|below|maximum|cap)\b|\b(?:not exceed|at most|no "
                    rf"more than|maximum)\b[^.;]*?\b(?:risk|{re.escape(risk_word)})\w*", pick="nearest")
    extra = []
    rmin = rd.scalar("minimum return", rf"\b(?:return|{re.escape(ret_word)})\w*\b[^.;]*?\b(?:at least|no less than|"
                     r"not (?:be )?(?:less|lower|below)|minimum|must reach)\b", required=False, pick="nearest")
    lo_v = [x.value * k for x in lo]
    hi_v = [x.value * k for x in hi]
    data = {"returns": [float(x.value) for x in ret], "risks": [float(x.value) for x in risk],
            "min_share": lo_v, "max_share": hi_v, "liquid": liquid, "min_liquid": float(min_liquid),
            "max_risk": float(cap.value)}
    if rmin is not None:
        terms = [("x", (i,), float(ret[i].value)) for i in range(n)]
        rd.augment(Augment.one("min_return", 3, {"minimum": rmin.value}, terms, ">=", float(rmin.value) * 100.0),
                   "min_return", f"sum_i mu[i] x[i] >= {rmin.value:g}",
                   sentence_of(rd.doc, rmin))
    # extra statements between two assets
    for s in rd.sentences():
        if rd.doc.role(s) or s is liq_sent:
            continue
        ids = []
        for i, _, _ in names.mentions(s.text):
            if i not in ids:
                ids.append(i)
        if len(ids) != 2:
            continue
        a, b = ids
        t = s.text
        nums = rd.numbers_in(s)
        if nums and re.search(r"\btogether\b|\bcombined\b|\bjointly\b|\band\b", t, re.I):
            v = rd.take(s, nums[0], "pair caps")
            lim = v.value * (k if fraction else 1.0)
            rd.augment(Augment.one("pair_cap", 2, {"asset_a": a + 1, "asset_b": b + 1, "limit": lim},
                                   [("x", (a,), 1.0), ("x", (b,), 1.0)], "<=", lim),
                       f"pair_cap[{rec.names[a]}, {rec.names[b]}]", f"x[{a + 1}] + x[{b + 1}] <= {v.value:g}", s)
        elif not nums and re.search(r"\bat most the share\b|\blarger share than\b|\bcannot be given more\b|\bmore "
                                    r"than\b|"
                                    r"\bnot exceed\b|\bno (?:more|larger|greater)\b|\bat most\b", t, re.I):
            if re.search(r"\bwhatever goes into\b", t, re.I):
                a, b = b, a
            rd.augment(Augment.one("compare", 9, {"asset_a": a + 1, "asset_b": b + 1},
                                   [("x", (a,), 1.0), ("x", (b,), -1.0)], "<=", 0.0),
                       f"compare[{rec.names[a]}, {rec.names[b]}]", f"x[{a + 1}] <= x[{b + 1}]", s)
    rd.objective_constant(maximize=True)
    obj = rd.find(BASE[2])
    rd.family("objective", "maximize sum_i mu[i] x[i]" + (" (x as fractions)" if fraction else " / 100 (x in %)"),
              obj[0] if obj else None, data_lines=n)
    bud = rd.find(BASE[0])
    rd.family("budget", "sum_i x[i] = " + ("1" if fraction else "100"), bud[0] if bud else None)
    bnd = rd.find(BASE[1])
    rd.family("bounds[i]", "lo[i] <= x[i] <= hi[i]", bnd[0] if bnd else None, data_lines=n)
    rd.family("risk", f"sum_i r[i] x[i] <= {cap.value:g}" + ("" if fraction else " (share-weighted average)"),
              sentence_of(rd.doc, cap), data_lines=n, type_=3)
    if fraction:
        rd.notes.append("shares are fractions of the budget: the model holds them as percentages (x 100); "
                        "the objective is the return as a fraction")
    return rd.finish(data, evidence, BASE)
