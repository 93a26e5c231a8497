"""Inventory: demand per period (a list or a table, optionally with a purchase cost per period),
initial stock, order bounds, lead time, storage capacity, purchase / holding / shortage costs in prose.

Model (generators.inventory): orders q_t within [min, max] arriving L periods later, end stock in
[0, capacity], shortage either backlogged (carried to later periods) or lost, as the text says.
Where the text says orders are placed in every period t = 1..T (C^3-Bench), all T orders are
bought and bounded, even those that arrive after the horizon; where it says the storage limit holds
'at any moment', it also bounds the stock right after a delivery, before the demand. Holding cost is
charged on each period's end stock. Extra statements: an order cap in one period, a minimum stock at
the end of one period, a fixed cost (shift).
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..generators.base import Augment
from . import readers as R
from .common import Reading, record_sets
from .text import ORDINALS, sentence_of, word_number

PERIOD = r"(?:week|day|month|period|quarter|year|shift|season|hour|interval|slot|cycle|round|term|stage|epoch|session)"
BASE = [r"\bminimi[sz]|\blowest\b|\bcheap\w*\b|\bas little\b|\btotal (?:cost|expense|expenditure)\b",
        r"\bcontinuous\b|\bfraction\w*\b|\bdivisible\b", r"\bbacklog\w*\b|\blost\b|\bforfeit\w*\b|\bowed\b|"
        r"\bcarried\b|\bdeferred\b|\bshort\w*\b|\bunmet\b|\bunsatisfied\b",
        r"\bbalance\b|\bnet position\b|\bequals\b|\bmoves from\b|\bwhat arrives\b",
        r"\bdetermine\b|\bmonitor\b|\bdecide\b|\bplan\w*\b"]


def _period_index(text: str, T: int) -> int | None:
    m = re.search(r"\b" + PERIOD + r"\s+(\d+)\b", text, re.I)
    if m:
        return int(m.group(1)) - 1
    m = re.search(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
                  r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|last|"
                  r"final)\s+" + PERIOD, text, re.I)
    if m:
        k = ORDINALS[m.group(1).lower()]
        return T - 1 if k < 0 else k - 1
    return None


def read(text: str, evidence: dict):
    rd = Reading(text, "inventory")
    doc = rd.doc
    tables = R.read_tables(doc)
    lists = R.read_items(doc)
    recs = record_sets(doc, tables, lists, min_rows=2, min_cols=1)
    rec = None
    for r in sorted(recs, key=len, reverse=True):
        if r.col(r"demand|requirement|consumption|need|usage|forecast|sales|units|", taken=()) is not None:
            rec = r
            break
    if rec is None:
        raise InputError("no demand per period (a list or a table) was found", field="demand")
    for other in recs:
        if other is not rec:
            rd.unused_structures.append((other.lines[0], "a second list the model does not use"))
    dj = rec.col(r"demand|requirement|consumption|need|usage|forecast|sales")
    if dj is None:
        dj = 0
    demand = rec.column(dj, "demand")
    rd.source("demand", demand)
    T = len(demand)
    rd.count_sizes(T)
    cj = rec.col(r"cost|price", taken=(dj,))
    unit_cost = rec.column(cj, "purchase cost") if cj is not None else None
    if unit_cost:
        rd.source("purchase cost", unit_cost)
    rd.names.append(R.Names(rec.names))

    sentences = rd.sentences()
    full = " ".join(s.text for s in sentences)
    lost = bool(re.search(r"\blost\b|\bforfeit\w*\b|\bnot (?:be )?carried (?:forward|over)\b|\bcannot be (?:deferred|"
                          r"recovered|carried|backlogged|back-?ordered)\b|\bnot (?:be )?(?:backlogged|back-?ordered)\b|"
                          r"\bnot (?:be )?deferred\b|\bno back-?(?:log|order)\w* (?:is |are )?(?:allowed|permitted)\b|"
                          r"\bnot (?:be )?(?:made up|served|"
                          r"filled|met) later\b", full, re.I))
    backlog = bool(re.search(r"\bbacklog\w*\b|\bback-?order\w*\b|\bcarried over\b|\bowed\b|\bserved later\b|"
                             r"\bcarried forward\b", full, re.I)) and not lost
    if re.search(r"\bnot lost\b", full, re.I):
        lost, backlog = False, True
    if not lost and not backlog:
        lost = True
        rd.notes.append("the text does not say what happens to unmet demand: it is taken as lost (C^3-Bench's model)")
    # extra statements first: order caps and minimum stocks in one period
    for s in sentences:
        k = _period_index(s.text, T)
        if k is None or rd.doc.role(s) or re.search(r"\b" + PERIOD + r"s? 1 to \d+|\bstops? after\b|\bt\s*=", s.text,
                                                     re.I):
            continue
        t = s.text
        cap_m = re.search(r"\b(?:at most|at the very most|no more than|cannot exceed|not exceed|may not exceed|maximum|"
                          r"max|restricted to|limited to|capped at|upper limit|reduced to)\b", t, re.I)
        min_m = re.search(r"\b(?:at least|no less than|not (?:be )?(?:less|lower|fewer|below)|fewer than|minimum|"
                          r"maintained at|not short of)\b", t, re.I)
        if cap_m and re.search(r"\b(?:order\w*|purchas\w*|procure\w*|request\w*|pump\w*|shipment|deliver\w*|"
                               r"requisition|buy\w*|replenish\w*)\b", t, re.I) and not min_m:
            nums = [n for n in rd.numbers_in(s) if abs(n.start - cap_m.end()) <= 60]
            if nums:
                v = rd.take(s, min(nums, key=lambda n: abs(n.start - cap_m.end())), "order caps")
                rd.augment(Augment.one("order_cap", 1, {"period": k + 1, "limit": v.value}, [("q", (k,), 1.0)],
                                       "<=", float(v.value)), f"order_cap[{k + 1}]", f"q[{k + 1}] <= {v.value:g}", s)
        elif min_m and re.search(r"\b(?:stock|inventory|on[- ]hand|stored|reserve|level|volume|hold|store|safety)\b",
                                 t, re.I):
            nums = [n for n in rd.numbers_in(s) if abs(n.start - min_m.end()) <= 60]
            if nums:
                v = rd.take(s, min(nums, key=lambda n: abs(n.start - min_m.end())), "minimum stocks")
                rd.augment(Augment.one("min_stock", 5, {"period": k + 1, "minimum": v.value}, [("stock", (k,), 1.0)],
                                       ">=", float(v.value)), f"min_stock[{k + 1}]", f"stock[{k + 1}] >= {v.value:g}",
                           s)

    init = rd.scalar("initial stock", [r"\binitial\w*|\bstarts? (?:with|from)\b|\bstarting (?:from|with)\b|"
                                       r"\bat the (?:start|beginning|outset|commencement)\b|\bopening\b",
                                       r"\bon hand\b|\bcurrently\b|\btoday\b|\bbeginning\b|\bin stock\b"],
                     clause=True, pick="nearest", exclude=r"\bper unit\b|\bfor (?:every|each) unit\b|\bcosts?\b")
    # order bounds: an interval, or 'at least' / 'at most' statements about orders
    lo = hi = None
    order_verb = None
    order_sents = rd.find(r"\border\w*|\bpurchas\w*|\bprocure\w*|\brequest\w*|\bpump\w*|\bshipment\b|\bdeliver\w*|"
                          r"\brequisition\b|\bbuy\w*|\breplenish\w*")
    for s in order_sents + [s for s in rd.sentences() if s not in order_sents]:
        m = re.search(r"(?:between\s+|\[\s*|from\s+|range\s+(?:of\s+)?)(?P<a>-?\d[\d,]*(?:\.\d+)?)\s*(?:and|,|to|-|–)"
                      r"\s*(?P<b>-?\d[\d,]*(?:\.\d+)?)", s.text, re.I)
        if m and lo is None:
            nums = rd.numbers_in(s)
            na = [n for n in nums if n.start == m.start("a")]
            nb = [n for n in nums if n.start == m.start("b")]
            verb = _decision_verb(s.text)
            if na and nb and (s in order_sents or verb):
                lo = rd.take(s, na[0], "order bounds")
                hi = rd.take(s, nb[0], "order bounds")
                rd.claim(s, "data")
                order_verb = verb
    if lo is None:
        lo = rd.scalar("minimum order", r"\bat least\b|\bminimum(?: order)?\b|\bmin\b|\bbelow\b|\bno (?:less|fewer) "
                                        r"than\b|"
                       r"\bnot (?:less|fewer) than\b|\bnot short of\b",
                       required=False, exclude=r"\bstock\b.*\bend\b|\bremov|\bcapacity\b|\bstor(?:e|age)\b")
        hi = rd.scalar("maximum order", r"\bat most\b|\bexceed\b|\bmore than\b|\bno more than\b|\bmaximum\b|\bmax\b|"
                       r"\bup to\b",
                       required=False, exclude=r"\bstock\b|\bstore|\broom\b|\bhold|\bcapacity\b|\bsilo\b|\bwarehouse\b|"
                       r"\bstorage\b|\btank\b|\blimited to\b")
    lead = None
    for s in rd.sentences():
        if re.search(r"\bno (?:lead|delay)\b|\bzero lead\b|\blead[- ]time of (?:zero|0)\b", s.text, re.I) or (
                re.search(r"(?<!not )\binstant\w*\b|(?<!not )\bimmediately\b(?! preceding)|\bsame (?:day|week|period|"
                          r"month|"
                          r"shift)\b|\bwithout (?:any )?delay\b", s.text, re.I)
                and re.search(r"\b(?:order\w*|deliver\w*|arriv\w*|available|receiv\w*|shipment|request\w*|purchas\w*)"
                              r"\b",
                              s.text, re.I)
                and not re.search(r"\b(?:unmet|shortage|stock-?outs?|demand|need|requirement)\b[^.]{0,"
                                  r"40}\bimmediately\b",
                                  s.text, re.I)):
            lead = 0.0
            rd.claim(s, "data")
            break
    if lead is None:
        for s in rd.find(r"\blead\b|\bdelay\b|\blag\b|\btransit\b|\barriv\w*\b|\bafter\b|\blater\b|\brequires?\b.*"
                         + PERIOD + r"|\btakes?\b.*" + PERIOD + r"|\blasting\b|\bbefore\b[^.]*\bavailable\b"):
            for n in rd.numbers_in(s):
                tail = s.text[n.end:n.end + 24]
                if re.match(r"\s*[-]?\s*(?:full |whole |complete |additional )"
                            r"?" + PERIOD + r"(?:\(s\)|s)?\b", tail, re.I):
                    lead = rd.take(s, n, "lead time").value
                    rd.claim(s, "data")
                    break
            if lead is not None:
                break
            for w in re.finditer(r"\b([a-z]+)[- ]" + PERIOD + r"\b", s.text, re.I):
                k = word_number(w.group(1))
                if k is not None and re.search(r"lead|delay|lag|transit|later|after|requires?|takes?", s.text, re.I):
                    lead = float(k)
                    rd.claim(s, "data")
                    break
            if lead is not None:
                break
    if lead is None:
        for s in rd.sentences():
            m = re.search(r"\b(?:period|week|day|month)?\s*t\s*\+\s*(\d+)\b", s.text, re.I)
            if m and re.search(r"\barriv\w*|\bdeliver\w*|\bavailable\b|\breceiv\w*", s.text, re.I):
                lead = float(m.group(1))
                rd.claim(s, "data")
                break
    if lead is None:
        raise InputError("no lead time found (say 'a lead time of 2 weeks' or 'delivered instantly')",
                         field="lead time")
    L = int(lead)
    cap = rd.scalar("storage capacity", r"\bcapacity\b|\bcannot exceed\b|\bnot (?:exceed|surpass)\b|\bat most\b|"
                    r"\bno more than\b|\broom\b|\bholds?\b|\bmaximum\b|\blimit\w*\b|\bup to\b|\bceiling\b|"
                    r"\bexceed\w*\b",
                    exclude=r"\border\w*|\bpurchas\w*|\bprocure\w*|\bdeliver|\bpump\w*|\brequest")
    # costs: each clause that names one cost gives its number ('the storage cost, which is 1 per unit';
    # 'plus 2 euros per unit in stock at the end of each day')
    costs = _costs(rd, order_verb)
    for need in ("holding", "shortage"):
        if need not in costs:
            raise InputError(f"no {need} cost found", field=f"{need} cost")
    hold, pen = costs["holding"], costs["shortage"]
    if unit_cost is None:
        if "purchase" not in costs:
            raise InputError("no purchase cost found", field="purchase cost")
        purchase = [float(costs["purchase"].value)] * T
    else:
        purchase = [float(v.value) for v in unit_cost]
    all_periods = bool(re.search(r"\b(?:in|for|on|during)\s+(?:each|every)\s+" + PERIOD + r"\s*t\s*=\s*1", full, re.I)
                       or re.search(r"\bt\s*=\s*1\s*,\s*(?:\.\.\.|…)", full) or re.search(
                           r"\b(?:in|for|on)\s+(?:each|every)\s+(?:\w+\s+)"
                           r"?" + PERIOD + r"\b[^.]{0,80}\b(?:order|purchase|"
                           r"procure|request|pump|requisition|shipment|delivery)", full, re.I))
    stated_range = re.search(r"\borders? can be placed in \w+ 1 to (\d+)|\bordering stops after \w+ (\d+)|"
                             r"\bonly \w+ 1 to (\d+) can place orders", full, re.I)
    if stated_range:
        nq = int(next(g for g in stated_range.groups() if g))
    elif all_periods:
        nq = T
    else:
        nq = max(0, T - L)
    cs = sentence_of(rd.doc, cap)
    cap_text = cs.text if cs is not None else doc.line(cap.line)
    on_arrival = bool(re.search(r"\bat any (?:moment|time|point|instant)\b|\bat no (?:time|point|moment)\b|"
                                r"\bat all times\b|\bever\b", cap_text, re.I)) and not re.search(
        r"\bat (?:the|each|any) (?:\w+'s )?end\b|\bovernight\b|\bwhen a \w+ closes\b|\bclose\b", cap_text, re.I)
    data = {"demand": [float(v.value) for v in demand], "purchase_cost": purchase,
            "holding_cost": float(hold.value), "backlog_cost": float(pen.value),
            "min_order": float(lo.value) if lo is not None else 0.0,
            "max_order": float(hi.value) if hi is not None else float("inf"),
            "lead_time": L, "initial_stock": float(init.value), "capacity": float(cap.value)}
    if lost:
        data["lost_sales"] = True
    if nq != T - L:
        data["order_periods"] = nq
    if on_arrival:
        data["capacity_on_arrival"] = True
    rd.notes.append("unmet demand is lost (not carried); as C^3-Bench states the balance, the shortage U[t] is only "
                    "required to be non-negative (not bounded by the demand)" if lost else "unmet demand is backlogged")
    if nq == T and L > 0:
        rd.notes.append(f"orders are placed in all {T} periods (the text says so); the last {L} arrive after "
                        "the horizon but are still bought and bounded")
    if on_arrival:
        rd.notes.append("the storage limit holds at any moment: it also bounds the stock right after a delivery")
    rd.labels = {"q": [[f"{rec.names[0].split()[0] if rec.names else 'period'} {t + 1}" for t in range(nq)]],
                 "stock": [rec.names], ("shortage" if lost else "backlog"): [rec.names]}
    # a 'fixed delay' is a lead time, not a fixed cost
    rd.objective_constant(maximize=False, skip=r"(?=.*\b(?:lead[- ]time|delay|transit|lag|arriv\w*)\b)(?!.*\b(?:cost|"
                                               r"charge|"
                                               r"fee|overhead|expense|payment)\b)")
    obj = rd.find(BASE[0])
    rd.family("objective", "minimize sum_t (c[t] q[t] + h I[t] + p " + ("U[t]" if lost else "B[t]") + ")",
              obj[0] if obj else None, data_lines=T)
    rd.family("balance[t]", ("I[t] - U[t] = I[t-1] + q[t-L] - d[t], U[t] >= 0 (lost)" if lost else
                             "I[t] - B[t] = I[t-1] - B[t-1] + q[t-L] - d[t]") + f", L = {L}, I[0] = {init.value:g}",
              None, data_lines=T)
    rd.family("order bounds", f"{data['min_order']:g} <= q[t] <= {data['max_order']:g}, t = 1..{nq}", None)
    rd.family("capacity[t]", f"I[t] <= {cap.value:g}" + (" and I[t-1] + q[t-L] <= capacity" if on_arrival else ""),
              sentence_of(rd.doc, cap), type_=1)
    if data["max_order"] == float("inf"):
        data["max_order"] = 1e30
    return rd.finish(data, evidence, BASE)


COST_CUES = {
    "purchase": r"\b(?:procure\w*|purchas\w*|ordering|order(?:ed)?|pumping|pumped|buying|bought|acquisition|acquired|"
                r"replenishment|requested|requisition\w*|delivered|shipped)\b",
    "holding": r"\b(?:storage|holding|refrigeration|carrying|storing|stored|warehousing|held|in stock|sitting|kept|"
               r"keep\w*|retained|carried (?:over|to|into|from)|left over|overnight|inventory costs?|end(?:ing)? "
               r"stock)\b",
    "shortage": r"\b(?:penalt\w*|shortages?|backlog\w*|stock-?outs?|unmet|deficits?|shortfalls?|owed|unsatisfied|"
                r"unfulfilled|unserved|lost sales?)\b",
}


def _decision_verb(text: str) -> str | None:
    """The verb of a per-period decision sentence ('in each week the firm may commission a batch of
    between 5 and 40 units' -> 'commission'): whatever the text calls ordering, its cost is stated with
    the same verb ('commissioning costs 3 per unit')."""
    if not re.search(r"\b(?:each|every)\s+" + PERIOD + r"\b|\bt\s*=\s*1\b", text, re.I):
        return None
    m = re.search(r"\b(?:may|can|could|is allowed to|is able to)\s+(?:also\s+)?([a-z]{4,})\b", text, re.I)
    if not m or m.group(1).lower() in ("have", "hold", "keep", "store", "only", "never", "not", "choose", "decide"):
        return None
    return m.group(1).lower()


def _costs(rd, order_verb: str | None = None) -> dict:
    """The purchase, holding and shortage cost per unit. A sentence is cut at ';' and ', '; a number
    belongs to the one cost its piece names, or, failing that, to the cost the piece before it names
    ('the storage cost, which is 1 per gallon ...'). The verb of the order decision, when the text
    uses its own ('may commission a batch'), names the purchase cost too."""
    cues = dict(COST_CUES)
    if order_verb:
        stem = re.sub(r"(?:e|es|ed|ing|s)$", "", order_verb)
        cues["purchase"] = r"\b" + re.escape(stem) + r"\w*|" + cues["purchase"]
    out = {}
    for s in rd.sentences():
        if rd.doc.role(s) == "extra":
            continue
        t = s.text
        bounds = [0] + [m.end() for m in re.finditer(r";\s*|,\s+(?!\d{3}\b)|\s+and\s+(?=(?:the|a|an)\b)", t)] + [len(t)]
        pieces = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
        nums = rd.numbers_in(s)
        prev_kinds: list[str] = []
        for a, b in pieces:
            seg = t[a:b]
            kinds = [k for k, rx in cues.items() if re.search(rx, seg, re.I)]
            here = [n for n in nums if a <= n.start < b]
            per = [n for n in here if re.match(r"\s*(?:[a-z$€]+\s+){0,2}?(?:per|for (?:each|every)|each|/)"
                                               r"\b", t[n.end:], re.I)]
            here = per or here
            if here:
                use = kinds if len(kinds) == 1 else (prev_kinds if not kinds and len(prev_kinds) == 1 else [])
                if use and use[0] not in out and re.search(r"\bper\b|\bfor (?:each|every)\b|\beach\b|/|\bunit\b|"
                                                           r"\bcosts? (?:is|of|=|are)\b|\bpenalty (?:is|of|=)"
                                                           r"\b", seg, re.I):
                    out[use[0]] = rd.take(s, here[0], f"{use[0]} cost")
            prev_kinds = kinds
    return out
