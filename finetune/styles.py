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
    g = _Gen(seed)
    fams = [f for f, w in FAMILIES for _ in range(w)]
    out, seen = [], set()
    tries = 0
    while len(out) < n * (1 - contrast_share) and tries < 20 * n:
        tries += 1
        text, ctx, label = g.pick(fams)(g)
        if (text, ctx) not in seen:
            seen.add((text, ctx))
            out.append({"text": text, "label": label, "context": ctx})
    while len(out) < n and tries < 40 * n:
        tries += 1
        for text, ctx, label in _category_contrast(g):
            if (text, ctx) not in seen:
                seen.add((text, ctx))
                out.append({"text": text, "label": label, "context": ctx})
    return out
