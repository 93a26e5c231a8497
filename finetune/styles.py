"""Training paragraphs in many styles, written for this project, each with its problem context.

Families per type, in our own wording (not copied from any data set): objectives asked as a
question or stated as an aim, with or without the coefficients; bounds on one decision (also per
period: "in week 3 ..."), on a sum (also through a category word that covers several decisions, and
"no more than two of the projects" over yes/no choices), on a weighted sum (also differences with a
constant, capacities of yes/no items that have weights, data stated before the requirement), on a
share; comparisons; the logic types over yes/no choices. Each example carries the context the
classifier reads beside it (`classifier.context.context_text`): the decisions of a problem it could
come from, yes/no or not, and its position. Some paragraphs appear twice with different decisions
and different types (a category word over "small boxes, large boxes" is a sum; over "boxes,
crates" it bounds one decision).

    rows = style_examples(900, seed=0)    # [{"text", "label" (fine), "context"}]
"""
from __future__ import annotations

import random

from milpsynth.classifier.context import context_text

# decision groups: (names, category word covering them all or None)
GROUPS = [
    (["small boxes", "large boxes"], "boxes"), (["economy seats", "business seats"], "seats"),
    (["wooden chairs", "metal chairs"], "chairs"), (["cargo vans", "box trucks"], "vehicles"),
    (["regular shifts", "night shifts"], "shifts"), (["radio ads", "newspaper ads", "online ads"], "ads"),
    (["apple pies", "cherry pies"], "pies"), (["senior nurses", "junior nurses"], "nurses"),
    (["solar panels", "wind turbines"], "units"), (["wheat", "corn", "barley"], "crops"),
    (["bond fund", "stock fund", "money market fund"], "funds"), (["sedans", "trucks"], "vehicles"),
    (["laptops", "tablets", "phones"], "devices"), (["rice", "beans"], "food"),
]
LETTERS = ["X", "Y", "Z", "W"]
ITEMS = ["project", "site", "machine", "warehouse", "supplier", "candidate", "component", "container", "module",
         "route", "store", "package"]
UNITS = ["units", "hours", "tons", "kg", "dollars", "acres", "crates", "liters"]
ACTORS = ["the company", "the manager", "the planner", "the farm", "the hospital", "the agency", "the school",
          "the bakery", "the shop", "the firm", "the team", "the coordinator"]
GOODS_MIN = ["cost", "total cost", "operating cost", "expenditure", "travel distance", "fatigue score",
             "risk score", "total time", "waste"]
GOODS_MAX = ["profit", "total profit", "revenue", "total return", "effectiveness score", "utility",
             "number of customers reached", "total value"]
PERIODS = ["week", "day", "month", "quarter"]


def _items(g, k: int) -> list[str]:
    kind = g.pick(ITEMS)
    return [f"{kind} {c}" for c in "ABCDEFGH"[:k]]


class _Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def pick(self, xs):
        return xs[self.r.randrange(len(xs))]

    def num(self, lo=5, hi=900):
        return self.r.randint(lo, hi)

    def decisions(self, k=None) -> list[str]:
        """Decision names: letters (X, Y), numbered (x1, x2), or a group's names."""
        style = self.r.randrange(3)
        k = k or self.r.choice([2, 2, 3, 4])
        if style == 0:
            return [f"{self.pick(['project', 'product', 'option', 'investment', 'department'])} {c}"
                    for c in LETTERS[:k]] if self.r.random() < 0.5 else LETTERS[:k]
        if style == 1:
            return [f"x{i + 1}" for i in range(k)]
        names, _ = self.pick(GROUPS)
        return list(names)

    def ctx(self, names, yes_no=False, position=None, drop=0.12) -> str:
        if self.r.random() < drop:
            names = []
        return context_text(names, yes_no, position or self.pick(["middle", "middle", "middle", "first", "last"]))


def _objectives(g: _Gen) -> tuple[str, str, int]:
    d = g.decisions()
    sense = g.r.random() < 0.5
    good = g.pick(GOODS_MIN if sense else GOODS_MAX)
    word = "minimum" if sense else "maximum"
    verb = "minimize" if sense else "maximize"
    a, b = g.num(2, 60), g.num(2, 60)
    forms = [
        f"What is the {word} {good} that can be achieved?",
        f"Under these rules, find the {word} {good} (a whole number will do).",
        f"With every quantity a whole number, how {'low' if sense else 'high'} can the {good} go, in dollars?",
        f"{g.pick(ACTORS).capitalize()} aims to {verb} the {good} while meeting all the constraints.",
        f"The goal is to {verb} the {good}.",
        f"Calculate the {word} {good} required for this plan.",
        f"The objective is to determine the {'cheapest' if sense else 'most profitable'} plan, {verb[:-1]}ing the {good}.",
        f"Determine the optimal quantity for each {g.pick(PERIODS)} so as to {verb} the {good}.",
        f"Each unit of {d[0]} {'costs' if sense else 'earns'} ${a} and each unit of {d[1]} ${b}; "
        f"{g.pick(ACTORS)} wants to {verb} the {good}.",
        f"How many of each should be chosen to {verb} the {good}?",
        f"Find the plan that {verb}s the {good}, given that {d[0]} yields {a} and {d[1]} yields {b} per unit.",
        f"The objective is to find the shortest closed route that visits every {g.pick(['site', 'city', 'station'])} "
        f"exactly once and returns to the start.",
        f"{g.pick(ACTORS).capitalize()} must pick a combination of items to {verb} the {g.pick(GOODS_MAX if not sense else GOODS_MIN)} "
        f"while respecting the weight limit.",
        f"The total {good} is {a} per unit of {d[0]} plus {b} per unit of {d[1]}, and it should be as "
        f"{'small' if sense else 'large'} as possible.",
    ]
    text = g.pick(forms)
    yes_no = "items" in text or "route" in text
    names = _items(g, 3) if yes_no else d
    return text, g.ctx(names, yes_no, g.pick(["last", "last", "first", "middle"])), 0


def _one_bound(g: _Gen) -> tuple[str, str, int]:
    d = g.decisions()
    x = g.pick(d)
    n, u = g.num(), g.pick(UNITS)
    per, k = g.pick(PERIODS), g.r.randint(1, 12)
    upper = [
        f"{x[0].upper() + x[1:]} can receive at most {n} {u}.",
        f"The allocation for {x} must not exceed {n} {u}.",
        f"No more than {n} {u} may go to {x}.",
        f"The maximum allowed for {x} is {n} {u}.",
        f"In {per} {k}, the amount ordered may not exceed {n} {u}.",
        f"On {per} {k}, no more than {n} {u} can be shipped.",
        f"During {per} {k}, the quantity purchased is limited to {n} {u}.",
        f"At any time the stock held must stay below the capacity of {n} {u}.",
        f"Because of limited space, {x} is capped at {n} {u}.",
        f"{x[0].upper() + x[1:]} can be given anywhere from zero up to {n} {u}.",
    ]
    lower = [
        f"{x[0].upper() + x[1:]} requires a minimum of {n} {u}.",
        f"At least {n} {u} must be allocated to {x}.",
        f"The allocation for {x} cannot be less than {n} {u}.",
        f"In {per} {k}, inventory may not drop under {n} {u}.",
        f"By {per} {k}, at least {n} {u} must be in storage.",
        f"On {per} {k}, the level must be kept at a minimum of {n} {u}.",
        f"To stay viable, {x} needs at least {n} {u}.",
    ]
    periodic = ["order quantity", "stock level", "shortage"]
    text = g.pick(upper) if g.r.random() < 0.5 else g.pick(lower)
    names = periodic if any(w in text for w in (*PERIODS, "stock", "storage")) else d
    return text, g.ctx(names), 1 if text in upper else 5


def _forbidden_link(g: _Gen) -> tuple[str, str, int]:
    a, b = g.r.sample(["Alpha", "Beta", "Gamma", "Delta", "North", "South", "A", "B", "C", "D", "P", "Q"], 2)
    place = g.pick(["site", "city", "station", "hub", "depot", "warehouse"])
    forms = [f"There is no direct road between {place} {a} and {place} {b}.",
             f"Because of a closure, travelling directly from {place} {a} to {place} {b} is not possible.",
             f"The direct link between {place} {a} and {place} {b} cannot be used.",
             f"{place.capitalize()} {a} and {place} {b} are not directly connected."]
    if g.r.random() < 0.5:            # or the places' names, not as yes/no
        return g.pick(forms), g.ctx([a, b]), 1
    return g.pick(forms), g.ctx([f"route {a}-{b}", f"route {b}-{a}", "other routes"], True), 1


def _sums(g: _Gen) -> tuple[str, str, int]:
    d = g.decisions()
    n, u = g.num(), g.pick(UNITS)
    pair = g.r.sample(d, 2) if len(d) > 2 else d
    names, cat = g.pick(GROUPS)
    k = g.r.randint(2, 4)
    thing = g.pick(["projects", "sites", "candidates", "machines", "suppliers"])
    forms_up = [
        (f"The combined allocation for {pair[0]} and {pair[1]} cannot exceed {n} {u}.", d, False),
        (f"Together, {pair[0]} and {pair[1]} may use at most {n} {u}.", d, False),
        (f"The total across all of them is limited to {n} {u}.", d, False),
        (f"The {g.pick(['warehouse', 'store', 'site'])} has room for at most {n} {cat}.", names, False),
        (f"No more than {n} {cat} can be handled in total.", names, False),
        (f"At most {k} of the {thing} can be chosen.", [f"{thing[:-1]} {c}" for c in "ABCDE"], True),
        (f"No more than {k} of the {thing} can be funded.", [f"{thing[:-1]} {c}" for c in "ABCDE"], True),
    ]
    forms_low = [
        (f"At least {n} {u} must be allocated to {pair[0]} and {pair[1]} combined.", d, False),
        (f"The sum of {pair[0]} and {pair[1]} should be no less than {n} {u}.", d, False),
        (f"In total, at least {n} {cat} must be produced.", names, False),
        (f"At least {k} of the {thing} must be selected.", [f"{thing[:-1]} {c}" for c in "ABCDE"], True),
    ]
    if g.r.random() < 0.6:
        text, ns, yn = g.pick(forms_up)
        return text, g.ctx(ns, yn), 2
    text, ns, yn = g.pick(forms_low)
    return text, g.ctx(ns, yn), 6


def _category_contrast(g: _Gen) -> list[tuple[str, str, int]]:
    """The same sentence with decisions its word covers (a sum) and with decisions it names one of."""
    names, cat = g.pick([gr for gr in GROUPS if gr[1] not in ("units", "food", "crops", "funds")])
    n = g.num()
    upper = g.r.random() < 0.5
    text = (g.pick([f"The depot can hold at most {n} {cat}.", f"No more than {n} {cat} are available.",
                    f"At most {n} {cat} can be used."]) if upper else
            g.pick([f"At least {n} {cat} must be ordered.", f"A minimum of {n} {cat} is needed."]))
    other = g.pick(["pallets", "crates", "drums", "bags", "carts"])
    return [(text, g.ctx(names, drop=0), 2 if upper else 6),
            (text, g.ctx([cat, other], drop=0), 1 if upper else 5)]


def _weighted(g: _Gen) -> tuple[str, str, int]:
    d = g.decisions()
    x, y = g.r.sample(d, 2) if len(d) > 1 else (d[0], "y")
    a, b, n = g.r.randint(2, 9), g.r.randint(2, 9), g.num()
    u = g.pick(UNITS)
    mult = {2: "twice", 3: "three times", 4: "four times"}.get(a, f"{a} times")
    up = [
        f"The difference between {x} and {y} should not exceed {n} {u}.",
        f"{mult.capitalize()} {x} plus {y} cannot exceed {n}.",
        f"{x[0].upper() + x[1:]} minus {mult} {y} must not be more than {n}.",
        f"Each unit of {x} takes {a} hours and each unit of {y} takes {b} hours; only {n} hours are available.",
        f"With {x} costing ${a} each and {y} ${b} each, spending cannot go over ${n}.",
        f"There must not be more than {n} more {x} than {y}.",
    ]
    low = [
        f"{x[0].upper() + x[1:]} must exceed {y} by at least {n} {u}.",
        f"The allocation for {x} must be at least {n} {u} more than that for {y}.",
        f"{mult.capitalize()} {x} plus {b} times {y} must be at least {n}.",
        f"The combined score, {a} per {x} and {b} per {y}, must reach at least {n} points.",
        f"{x[0].upper() + x[1:]} has to exceed {y} by {n} {u} or more.",
        f"A measure computed as {x} minus half of {y} must be no less than {n}.",
    ]
    if g.r.random() < 0.25:      # a capacity over yes/no items with weights
        items = _items(g, 6)
        text = g.pick([f"The vehicle can carry at most {n} kg.", f"The maximum payload is {n} kg.",
                       f"The container's weight limit of {n} kg must be respected.",
                       f"The total weight of the chosen items cannot exceed {n} kg."])
        if g.r.random() < 0.5:        # the variables stage often finds only the items' letters
            return text, g.ctx(list("ABCD"[:g.r.randint(2, 4)])), 3
        return text, g.ctx(items, True), 3
    if g.r.random() < 0.55:
        return g.pick(up), g.ctx(d), 3
    return g.pick(low), g.ctx(d), 7


def _shares(g: _Gen) -> tuple[str, str, int]:
    names, cat = g.pick(GROUPS)
    x = g.pick(names)
    frac = g.pick(["a quarter", "a third", "half", "20%", "35%", "10 percent", "two thirds"])
    up = [f"{x[0].upper() + x[1:]} may be at most {frac} of all {cat}.",
          f"No more than {frac} of the {cat} can be {x}.",
          f"{x[0].upper() + x[1:]} cannot make up more than {frac} of the total."]
    low = [f"At least {frac} of the {cat} must be {x}.",
           f"{x[0].upper() + x[1:]} should account for no less than {frac} of the total."]
    if g.r.random() < 0.5:
        return g.pick(up), g.ctx(names), 4
    return g.pick(low), g.ctx(names), 8


def _compare(g: _Gen) -> tuple[str, str, int]:
    d = g.decisions()
    x, y = g.r.sample(d, 2) if len(d) > 1 else (d[0], "y")
    k = g.pick(["twice", "three times", "at least as many", "1.5 times"])
    forms = [f"{x[0].upper() + x[1:]} must not be less than {y}.",
             f"There must be {k} as much {x} as {y}." if "as many" not in k else f"There must be {k} {x} as {y}.",
             f"The allocation for {x} should not exceed that for {y}.",
             f"{x[0].upper() + x[1:]} should always be greater than {k if 'as' not in k else 'twice'} {y}.",
             f"The amount of {x} cannot be larger than the amount of {y}."]
    return g.pick(forms), g.ctx(d), 9


def _logic(g: _Gen) -> tuple[str, str, int]:
    kind = g.pick(ITEMS)
    a, b = g.r.sample(["A", "B", "C", "D", "1", "2", "3", "4"], 2)
    p, q = f"{kind} {a}", f"{kind} {b}"
    verb = g.pick(["chosen", "selected", "included", "used", "built"])
    forms = [
        (f"If {p} is {verb}, {q} must also be {verb}.", 10),
        (f"{q.capitalize()} can only be {verb} if {p} is {verb} as well.", 12),
        (f"If {p} is not {verb}, then {q} cannot be {verb} either.", 11),
        (f"Exactly one of {p} and {q} must be {verb}.", 13),
        (f"The plan must include exactly one of the two options: {p} or {q}.", 13),
        (f"Either {p} or {q} is {verb}, but not both.", 14),
        (f"At least one of {p} and {q} has to be {verb}.", 15),
        (f"If {p} is not {verb}, {q} must be.", 16),
        (f"{p.capitalize()} or {q}, or both, must be {verb}.", 17),
        (f"{p.capitalize()} and {q} cannot both be {verb}.", 18),
        (f"If {p} is {verb}, {q} is not.", 19),
        (f"At most one of {p} and {q} may be {verb}.", 18),
    ]
    text, fine = g.pick(forms)
    return text, g.ctx([p, q, f"{kind} {g.pick(['E', 'F', '5'])}"], True), fine


FAMILIES = [(_objectives, 3), (_one_bound, 3), (_forbidden_link, 1), (_sums, 3), (_weighted, 3), (_shares, 1),
            (_compare, 1), (_logic, 1)]


def style_examples(n: int, seed: int = 0, contrast_share: float = 0.1) -> list[dict]:
    """About `n` distinct examples {"text", "label", "context"} from the families (weighted), plus
    category-word contrast pairs (`contrast_share` of n); deterministic in `seed`."""
    return _sample(_Gen(seed), FAMILIES, _category_contrast, n, contrast_share)


def _sample(g, families, pairs, n: int, pair_share: float) -> list[dict]:
    """Distinct {"text", "label", "context"} examples: from the weighted families until (1 - pair_share)
    of n, then from the pair maker `pairs(g)` until n (bounded tries either way)."""
    fams = [f for f, w in families for _ in range(w)]
    out, seen, tries = [], set(), 0

    def add(text, ctx, label):
        if (text, ctx) not in seen:
            seen.add((text, ctx))
            out.append({"text": text, "label": label, "context": ctx})
    while len(out) < n * (1 - pair_share) and tries < 20 * n:
        tries += 1
        add(*g.pick(fams)(g))
    while len(out) < n and tries < 40 * n:
        tries += 1
        for example in pairs(g):
            add(*example)
    return out


# --- recipe version 2: more families, written for this project (2026-12-02) ---------------------
# Kinds the first context model still missed on writing it had not seen (studied by kind on the
# second-source set; none of these sentences is taken from a document): several one-decision bounds
# in one sentence, per-period bounds in other words, sums and category words through "combined" /
# "together" / "across all", weighted sums stated as data before the requirement or as a surplus or
# gap, share limits, comparisons without a constant, k of n over yes/no choices, questions that
# ask for the objective after a preamble about whole numbers, and connectives / reasons around any
# of them ("Moreover, ... because of ...").
CONNECTORS = ["Additionally, ", "Also, ", "Moreover, ", "Furthermore, ", "In addition, ", "Similarly, ",
              "Likewise, ", "On top of that, ", "Besides this, ", "As a further rule, ", "Finally, "]
REASONS = [" because of limited storage", " owing to staffing rules", " to keep the mix balanced",
           " for safety reasons", " as the contract requires", " given the budget",
           " because the site is small", " so that demand is covered", " under the new policy",
           " to limit risk", " for practical reasons", " to stay within the permit"]
_LOWER_FIRST = {"The", "At", "No", "Each", "In", "On", "Together", "There", "Only", "Up", "A", "An", "Of",
                "Neither", "During", "For", "By", "Across", "Combined", "Spending", "Total", "Half", "Twice",
                "Three", "Four", "It", "Any", "Every", "All", "Precisely", "Exactly", "One", "Direct", "Between",
                "Bounds", "Stock", "Purchases", "Deliveries", "Orders", "Whatever", "Under", "Within"}
PLACES = ["depot", "hub", "warehouse", "station", "office", "site", "clinic", "substation", "library", "port"]
PLACE_NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "North", "South", "East", "P", "Q", "R", "S"]
THINGS = ["projects", "sites", "suppliers", "warehouses", "machines", "candidates", "routes", "stores", "vendors",
          "plants", "studios", "branches"]
VALUES = ["value", "profit", "utility score", "priority score", "revenue", "benefit"]
CARRIERS = ["van", "truck", "drone", "aircraft", "cart", "barge", "trailer", "lift"]
PERIOD_SUBJECTS = ["purchases", "orders", "deliveries", "pumping", "the amount bought", "the volume shipped",
                   "requisitions", "production"]
STOCK_SUBJECTS = ["the stock on hand", "the stored amount", "the reserve", "inventory", "the quantity held",
                  "the level in the tank"]
FRACS = ["a quarter", "a third", "half", "one fifth", "two thirds", "three quarters"]
PCTS = ["10%", "15%", "20%", "25%", "30%", "40%", "45%", "60%", "12 percent", "35 percent"]


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def _amount(g: _Gen, lo: int = 10, hi: int = 9000) -> str:
    """A figure as documents write it: 350, 1,500, 12000 (money signs come with the unit)."""
    n = g.r.randint(lo, hi)
    if n >= 1000 and g.r.random() < 0.5:
        n = round(n, -2)
        return f"{n:,}"
    return str(n)


def _decorate(g: _Gen, text: str, prefix: float = 0.35, reason: float = 0.3) -> str:
    """A connective before a constraint and/or a reason before its full stop."""
    if g.r.random() < reason and text.endswith(".") and "(" not in text:
        text = text[:-1] + g.pick(REASONS) + "."
    if g.r.random() < prefix and not text.split(" ", 1)[0].endswith(","):
        first = text.split(" ", 1)[0]
        body = text[0].lower() + text[1:] if first in _LOWER_FIRST else text
        text = g.pick(CONNECTORS) + body
    return text


def _named(g: _Gen, k: int | None = None) -> tuple[list[str], list[str]]:
    """(decision names as the variables stage reports them, the names as the text writes them):
    letters or x1.. often written with a kind word or in TeX dollars ('department $X$')."""
    k = k or g.r.choice([2, 2, 3, 3, 4])
    style = g.r.randrange(5)
    if style <= 1:
        base = LETTERS[:k] if style == 0 else [f"x{i + 1}" for i in range(k)]
        kind = g.pick(["project", "department", "group", "team", "route", "service", "portfolio", "product",
                       "warehouse", "initiative", "task", "option"])
        form = g.r.randrange(4)
        shown = [f"{kind} {b}" if form == 0 else f"{kind} ${b}$" if form == 1 else f"${b}$" if form == 2 else b
                 for b in base]
        return base, shown
    if style == 2:
        names = [f"{g.pick(['project', 'product', 'option', 'investment', 'department'])} {c}" for c in LETTERS[:k]]
        return names, names
    names, _ = g.pick(GROUPS)
    return list(names), list(names)


def _multi_one(g: _Gen) -> tuple[str, str, int]:
    """Several bounds on one decision each, one side, in one sentence (type 1 or 5)."""
    names, shown = _named(g, g.r.choice([2, 3]))
    a, b = shown[0], shown[1]
    n1, n2, n3, u = _amount(g, 5, 3000), _amount(g, 5, 3000), _amount(g, 5, 3000), g.pick(UNITS)
    c = shown[2] if len(shown) > 2 else shown[0]
    up = [f"{_cap(a)} may take at most {n1} {u} and {b} at most {n2} {u}.",
          f"The caps are {n1} {u} for {a} and {n2} {u} for {b}.",
          f"{_cap(a)} is limited to {n1} {u}, while {b} can go up to {n2} {u}.",
          f"Each option has its own ceiling: {n1} {u} for {a}, {n2} for {b}" + (f" and {n3} for {c}." if c != a else "."),
          f"{_cap(a)} can be set anywhere between zero and {n1} {u}.",
          f"For {b}, anything from nothing up to {n2} {u} is allowed.",
          f"Neither may go over its limit: {a} up to {n1} {u}, {b} up to {n2} {u}.",
          f"Upper limits apply to each: {a} <= {n1}, {b} <= {n2}.",
          f"The individual limits are 0 <= {names[0]} <= {n1} and 0 <= {names[1]} <= {n2}.",
          f"No more than {n1} {u} can be given to {a}, and no more than {n2} {u} to {b}."]
    low = [f"{_cap(a)} needs at least {n1} {u}, and {b} no fewer than {n2} {u}.",
           f"A minimum of {n1} {u} goes to {a} and a minimum of {n2} {u} to {b}.",
           f"Each must get a floor amount: {n1} {u} for {a}, {n2} {u} for {b}.",
           f"At least {n1} staff are needed for {a}, at least {n2} for {b}" + (f", and at least {n3} for {c}." if c != a else "."),
           f"{_cap(a)} must receive no less than {n1} {u}.",
           f"To remain worthwhile, {a} requires {n1} {u} or more, and {b} requires {n2} {u} or more.",
           f"The lowest acceptable level for {a} is {n1} {u}."]
    if g.r.random() < 0.55:
        return _decorate(g, g.pick(up)), g.ctx(names), 1
    return _decorate(g, g.pick(low)), g.ctx(names), 5


def _periodic(g: _Gen) -> tuple[str, str, int]:
    """Bounds on one member of a per-period family (orders in week 3, stock on day 5): type 1 / 5."""
    per, k = g.pick(PERIODS), g.r.randint(1, 20)
    n, u = g.num(2, 120), g.pick(["units", "crates", "litres", "barrels", "tonnes", "vials", "kilograms"])
    s, st = g.pick(PERIOD_SUBJECTS), g.pick(STOCK_SUBJECTS)
    when = g.pick([f"in {per} {k}", f"during {per} {k}", f"on {per} {k}", f"for {per} {k}"])
    up = [f"{_cap(when)}, {s} may not be larger than {n} {u}.",
          f"The most that can be ordered {when} is {n} {u}.",
          f"{_cap(when)} the ceiling on {s} falls to {n} {u}.",
          f"{_cap(s)} {when} are capped at {n} {u}." if s.endswith("s") else f"{_cap(s)} {when} is capped at {n} {u}.",
          f"At no point may {st} rise above the {g.pick(['cold-room', 'tank', 'shed', 'silo'])} capacity of {n} {u}.",
          f"Quantities can be fractional, and {st} must never exceed {n} {u} at any time."]
    low = [f"At the end of {per} {k}, at least {n} {u} must remain in stock.",
           f"{_cap(when)}, {st} cannot fall under {n} {u}.",
           f"{_cap(st)} {when} has to be {n} {u} or more.",
           f"{_cap(when)}, a safety level of at least {n} {u} must be kept."]
    ctx = g.pick([["order quantity", "stock level", "shortage"], [per, "storage"], ["procurement", "storage plan"],
                  ["purchase", "stock", "unmet demand"], []])
    if g.r.random() < 0.55:
        return _decorate(g, g.pick(up), reason=0.1), g.ctx(ctx), 1
    return _decorate(g, g.pick(low), reason=0.1), g.ctx(ctx), 5


def _sums2(g: _Gen) -> tuple[str, str, int]:
    """Bounds on plain sums: 'combined', 'together', 'across all', category words (type 2 / 6)."""
    names, shown = _named(g)
    a, b = g.r.sample(shown, 2)
    n, u = _amount(g), g.pick(UNITS)
    k = len(shown)
    things = g.pick(THINGS)
    word = {2: "both", 3: "all three", 4: "all four"}[k]
    up = [f"Together, {a} and {b} can receive no more than {n} {u}.",
          f"The joint total for {a} and {b} is capped at {n} {u}.",
          f"Across {word} {things}, no more than {n} {u} may be spent.",
          f"Spending on {' and '.join(shown)} combined has a ceiling of {n} {u}.",
          f"The {things} share a pool of {n} {u}, which cannot be exceeded.",
          f"Only {n} {u} are available in total for {word} of them.",
          f"The overall allocation must stay within {n} {u}.",
          f"{_cap(a)} and {b} between them may use up to {n} {u}."]
    low = [f"{_cap(a)} and {b} together need at least {n} {u}.",
           f"Combined, {word} {things} must receive {n} {u} or more.",
           f"A total of at least {n} {u} must be spread over {a} and {b}.",
           f"The sum for {a} and {b} has to reach {n} {u} at the least.",
           f"Overall, no less than {n} {u} must be assigned."]
    if g.r.random() < 0.6:
        return _decorate(g, g.pick(up)), g.ctx(names), 2
    return _decorate(g, g.pick(low)), g.ctx(names), 6


def _category2(g: _Gen) -> tuple[str, str, int]:
    """A category word or 'total number of' over decisions it covers: a sum (type 2 / 6)."""
    names, cat = g.pick(GROUPS)
    n = g.num(10, 2000)
    up = [f"The total number of {cat} cannot go above {n}.", f"Altogether, at most {n} {cat} can be bought.",
          f"There is space for no more than {n} {cat} in all.", f"A maximum of {n} {cat} can be handled overall.",
          f"Only {n} {cat} can be afforded in total."]
    low = [f"At least {n} {cat} are needed in total.", f"Overall, the number of {cat} must be {n} or more.",
           f"No fewer than {n} {cat} must be provided altogether."]
    if g.r.random() < 0.6:
        return _decorate(g, g.pick(up)), g.ctx(names, drop=0.05), 2
    return _decorate(g, g.pick(low)), g.ctx(names, drop=0.05), 6


def _weighted2(g: _Gen) -> tuple[str, str, int]:
    """Weighted sums: data before the requirement, surplus / gap with a constant, scores (type 3 / 7)."""
    names, shown = _named(g)
    a, b = g.r.sample(shown, 2)
    c = next((s for s in shown if s not in (a, b)), b)
    x, y, n = g.r.randint(2, 9), g.r.randint(2, 9), _amount(g, 10, 5000)
    m = g.pick(["twice", "three times", "four times", "1.5 times"])
    u = g.pick(UNITS)
    up = [f"Each unit of {a} needs {x} hours of labour and each unit of {b} needs {y}; the workshop has {n} hours.",
          f"A unit of {a} weighs {x} kg and a unit of {b} {y} kg, and the lift can take at most {n} kg.",
          f"The gap between {a} and {b} can be no wider than {n} {u}.",
          f"{_cap(a)} may exceed {b} by at most {n} {u}.",
          f"A score equal to {x} times {a} plus {y} times {b} must not go beyond {n}.",
          f"{_cap(a)} plus {m} {b}, minus {c}, must stay at or below {n}.",
          f"Half of {a} minus {b} cannot be larger than {n}.",
          f"{_cap(m)} {a} less {b} is limited to {n} {u}.",
          f"The amount by which {a} is larger than {m} {b} must not be over {n} {u}."]
    low = [f"{_cap(a)} yields {x} points per unit and {b} {y} points; together they must score at least {n}.",
           f"{_cap(a)} must be ahead of {b} by no less than {n} {u}.",
           f"The surplus of {a} over {b} has to be at least {n} {u}.",
           f"{_cap(a)} should be at least {n} {u} larger than {b}.",
           f"{_cap(m)} {a} minus {b} must come to at least {n}.",
           f"{_cap(a)} has to top {m} {b} by {n} or more.",
           f"{_cap(a)} has to be at least half of {b} (that is, {names[0]} - 0.5 {names[1]} >= {n}).",
           f"A weighted total of {x} per {a} and {y} per {b} has to reach {n} or more.",
           f"Counting {x} for every unit of {a} and {y} for every unit of {b}, the result must be {n} at least."]
    if g.r.random() < 0.2:       # a load limit over yes/no items with weights
        names = [f"{g.pick(['parcel', 'crate', 'module', 'component', 'container'])} {c}" for c in "ABCDE"[:g.r.randint(3, 5)]]
        car = g.pick(CARRIERS)
        text = g.pick([f"The {car} can bear up to {n} kg in all.", f"Total mass loaded must stay within {n} kg.",
                       f"The load limit of the {car} is {n} kg.", f"The {car} can lift no more than {n} kg of cargo.",
                       f"Whatever is packed may weigh {n} kg at most."])
        return _decorate(g, text, reason=0.1), g.ctx(names if g.r.random() < 0.6 else list("ABC"), True), 3
    if g.r.random() < 0.5:
        return _decorate(g, g.pick(up)), g.ctx(names), 3
    return _decorate(g, g.pick(low)), g.ctx(names), 7


def _shares2(g: _Gen) -> tuple[str, str, int]:
    """Share limits of a total (type 4 / 8), also of a subset."""
    names, cat = g.pick(GROUPS)
    x = g.pick(names)
    y = next(n for n in names if n != x)
    f = g.pick(FRACS + PCTS)
    up = [f"{_cap(x)} may make up no more than {f} of the {cat} overall.",
          f"At most {f} of the total {cat} can be {x}.",
          f"Of all the {cat}, no more than {f} may be {x}.",
          f"{_cap(x)} and {y} together may not exceed {f} of the total.",
          f"The share of {x} cannot rise above {f} of everything produced."]
    low = [f"{_cap(x)} must represent at least {f} of the {cat} in total.",
           f"The share of {x} among all {cat} has to be {f} or more.",
           f"No less than {f} of the whole should be {x}.",
           f"{_cap(x)} needs to be at least {f} of the combined amount."]
    if g.r.random() < 0.5:
        return _decorate(g, g.pick(up)), g.ctx(names), 4
    return _decorate(g, g.pick(low)), g.ctx(names), 8


def _compare2(g: _Gen) -> tuple[str, str, int]:
    """Comparisons of two quantities without a constant (type 9)."""
    names, shown = _named(g)
    a, b = g.r.sample(shown, 2)
    m = g.pick(["twice", "three times", "1.5 times", "half"])
    p = g.pick(["70%", "60%", "half", "a third"])
    forms = [f"{_cap(a)} should be at least as large as {b}.", f"{_cap(a)} must never fall below {b}.",
             f"There should be no more {a} than {b}.", f"{_cap(a)} must be at least {m} {b}.",
             f"The amount for {a} must stay above {m} that for {b}.",
             f"{_cap(p)} of {a} minus {b} must not be negative.",
             f"The difference between {p} of {a} and {b} has to be zero or more.",
             f"{_cap(a)} has to be greater than or equal to {b}.", f"{_cap(a)} may not outnumber {b}.",
             f"{_cap(a)} is required to be no larger than {m} {b}."]
    return _decorate(g, g.pick(forms)), g.ctx(names), 9


def _k_of_n(g: _Gen) -> list[tuple[str, str, int]]:
    """k of n over yes/no choices (a sum: type 2 / 6), and the same words over one counted decision
    (a bound on it: type 1 / 5)."""
    things = g.pick(THINGS)
    k = g.r.randint(2, 4)
    one = things[:-1]
    up = [f"Up to {k} of the candidate {things} may be opened.", f"No more than {k} {things} can be picked.",
          f"Only {k} of these {things} can be taken on.", f"The plan can include at most {k} {things}.",
          f"A maximum of {k} {things} may be selected."]
    low = [f"A minimum of {k} {things} must be contracted.", f"At least {k} of the {things} have to be chosen.",
           f"The plan needs {k} or more {things}."]
    upper = g.r.random() < 0.6
    text = _decorate(g, g.pick(up if upper else low), reason=0.15)
    names = [f"{one} {c}" for c in "ABCDEF"[:g.r.randint(4, 6)]]
    rows = [(text, g.ctx(names, True, drop=0), 2 if upper else 6)]
    if g.r.random() < 0.5:
        rows.append((text, g.ctx([things, g.pick(["workers", "trucks", "hours"])], drop=0), 1 if upper else 5))
    return rows


def _objectives2(g: _Gen) -> tuple[str, str, int]:
    """The question or aim, after a preamble about whole numbers, or of a route / selection / stock plan."""
    low = g.r.random() < 0.6
    good = g.pick(GOODS_MIN if low else GOODS_MAX)
    word, verb = ("lowest", "minimize") if low else ("highest", "maximize")
    pre = g.pick(["", "Given the rules above, ", "Assuming every amount is a whole number, ",
                  "Taking all of these limits into account, ", "With whole numbers only, ",
                  "Since staff cannot be split, ", "If all quantities must be integers, "])
    place = g.pick(PLACES)
    items = g.pick(["parcels", "crates", "modules", "components", "containers", "packages"])
    forms = [f"{pre}what is the {word} {good} that can be reached, to the nearest dollar?",
             f"{pre}what is the {'smallest' if low else 'largest'} possible {good}?",
             f"{pre}work out the {word} {good} achievable under these conditions.",
             f"{pre}find the {'least' if low else 'greatest'} {good}, as a whole number.",
             f"Report the {'minimum' if low else 'maximum'} {good} (round to the nearest dollar).",
             f"{_cap(g.pick(ACTORS))} wishes to {verb} its {good} while obeying every limit listed.",
             f"{pre}how {'low' if low else 'high'} can the {good} be made?",
             f"They need the shortest round trip that stops at each {place} exactly once and comes back to where it started.",
             f"Find a loop of least total {g.pick(['distance', 'travel time', 'fuel use'])} through all the {place}s, "
             f"each visited one time, ending at the start.",
             f"The aim is to choose which {items} to load so the total {g.pick(VALUES)} is as high as possible "
             f"without breaking the weight limit.",
             f"{_cap(g.pick(ACTORS))} has to pick a subset of {items} with the greatest total {g.pick(VALUES)} "
             f"that still fits the {g.pick(CARRIERS)}'s capacity.",
             f"Choose how much to order in every {g.pick(PERIODS)}, keeping track of stock and unmet demand, "
             f"so that the total cost is as small as possible."]
    text = g.pick(forms)
    text = _cap(text)
    if "round trip" in text or "loop" in text:
        names = g.pick([[f"{place} {a}-{b}" for a, b in ("AB", "BC", "CA")], ["entirety", "concludes"], []])
        return text, g.ctx(names, bool(names) and g.r.random() < 0.5, g.pick(["first", "middle", "last"])), 0
    if items in text:
        return text, g.ctx([f"{items[:-1]} {c}" for c in "ABCD"], True, g.pick(["first", "middle", "last"])), 0
    if "order in every" in text:
        return text, g.ctx(g.pick([["order quantity", "stock level"], ["procurement", "storage plan"], []]),
                           position=g.pick(["first", "middle", "last"])), 0
    names, _ = _named(g)
    return text, g.ctx(names, position=g.pick(["last", "last", "last", "middle"])), 0


def _exactly_one2(g: _Gen) -> tuple[str, str, int]:
    """Exactly one of two yes/no choices: items, or links of a route (type 11)."""
    if g.r.random() < 0.5:
        kind = g.pick(["component", "module", "container", "unit", "cargo", "item"])
        p, q = (f"{_cap(kind)} {c}" for c in g.r.sample(["A", "B", "C", "1", "2", "3"], 2))
        forms = [(f"Precisely one of {p} and {q} has to be part of the load.", 13),
                 (f"One, and only one, of {p} and {q} may be packed.", 13),
                 (f"The shipment must carry {p} or {q}, but never both.", 14)]
        names = [p, q, f"{_cap(kind)} {g.pick(['D', '4'])}"]
    else:
        place = g.pick(PLACES)
        a, b, c, d = g.r.sample(PLACE_NAMES, 4)
        forms = [(f"The circuit must use exactly one of two links: {place} {a} to {place} {b}, or {place} {c} to {place} {d}.", 13),
                 (f"Exactly one of the roads {a}-{b} and {c}-{d} is to be included in the tour.", 13),
                 (f"Either the {a}-{b} connection or the {c}-{d} connection is travelled, not both.", 14)]
        names = g.pick([[f"{a}-{b}", f"{c}-{d}"], [a, b], [place, "road"]])
    text, fine = g.pick(forms)
    return _decorate(g, text, reason=0.1), g.ctx(names, g.r.random() < 0.6), fine


def _forbidden2(g: _Gen) -> tuple[str, str, int]:
    place = g.pick(PLACES)
    a, b = g.r.sample(PLACE_NAMES, 2)
    forms = [f"No direct connection is available from {place} {a} to {place} {b}.",
             f"{_cap(place)} {a} and {place} {b} have no direct link because of {g.pick(['a landslide', 'a closure', 'a ban', 'works'])}.",
             f"Direct travel between {place} {a} and {place} {b} is not allowed.",
             f"A direct passage between {place} {a} and {place} {b} does not exist."]
    return _decorate(g, g.pick(forms), reason=0.0), g.ctx(g.pick([[a, b], [f"{a}-{b}", f"{b}-{a}"], []])), 1


FAMILIES_V2 = [(_multi_one, 3), (_periodic, 2), (_sums2, 3), (_category2, 2), (_weighted2, 4), (_shares2, 1),
               (_compare2, 1), (_objectives2, 4), (_exactly_one2, 1), (_forbidden2, 1)]


def style_examples_v2(n: int, seed: int = 0, kofn_share: float = 0.08) -> list[dict]:
    """About `n` distinct examples of the version-2 families (weighted) and k-of-n pairs
    (`kofn_share` of n), deterministic in `seed`; a different stream from `style_examples`."""
    return _sample(_Gen(10_000 + seed), FAMILIES_V2, _k_of_n, n, kofn_share)
