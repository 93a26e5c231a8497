"""The indexed model of a class problem as a user sees it: index sets, parameters read from the text,
indexed variables and constraint families whose members are the model's rows.

`IndexedModel(problem)` builds the class's array model once and names every column and every row in the
text's own terms: `x[Plant 1, Store 2]`, `supply[Plant 1]`, `no_overlap[Job 1, Job 3, Machine 2]`. Each
row is a `Member` of one `Family` (the family records the statement it stands for); each member knows the
data lines it was read from (the lines of the family's data fields that name the member's entities). The
printed model, the LP text, the explanation and the diagnosis of an infeasible problem are all written
from this one view.

How the rows of a class's model map to its families is declared per class in `SPECS` (which index sets
there are and where their members' names come from, which parameter is which data field, which row
batch belongs to which family and how a row's index is found: from the terms of one block, from the
row's place in its batch, or from the number in the batch's name).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from ..expr import fmt_num as _num
from .problem import Family, lines_text


@dataclass(frozen=True)
class Rows:
    """Row batches of the array model (a regex over batch names) that make up one family.

    index: how a row's member labels are found: ("term", block, axes) the indices of the row's first
    term in `block` along `axes`; ("position", set) the row's place in its batch; ("suffix", set) the
    1-based number at the end of the batch name; None for a single row."""
    pattern: str
    family: str
    prefix: str
    index: tuple | None = None


@dataclass(frozen=True)
class Spec:
    sets: dict            # set name -> (symbol, (block, axis) of labels, or "given")
    variables: dict       # block -> tuple of set names
    params: tuple         # (source key, data key, symbol, tuple of set names)
    rows: tuple           # Rows, in order of matching
    data: dict            # family name -> source keys of the data it uses
    bounds: dict = field(default_factory=dict)   # block -> the family its column bounds stand for


SPECS = {
    "knapsack": Spec(
        {"items": ("i", ("x", 0))}, {"x": ("items",)},
        (("weights", "weights", "w", ("items",)), ("values", "values", "v", ("items",)),
         ("capacity", "capacity", "C", ())),
        (Rows("capacity", "capacity", "capacity"),),
        {"objective": ["values"], "capacity": ["weights", "capacity"]}),
    "binpacking": Spec(
        {"items": ("i", ("x", 0)), "bins": ("j", ("y", 0))}, {"x": ("items", "bins"), "y": ("bins",)},
        (("sizes", "weights", "w", ("items",)), ("capacity", "capacity", "C", ())),
        (Rows("assign", "assign[i]", "assign", ("term", "x", (0,))),
         Rows("capacity", "capacity[j]", "capacity", ("term", "y", (0,))),
         Rows("order", "bins in order", "order", ("term", "y", (0,)))),
        {"assign[i]": ["sizes"], "capacity[j]": ["sizes", "capacity"]}),
    "tsp": Spec(
        {"cities": ("i", ("x", 0))}, {"x": ("cities", "cities"), "u": ("cities",)},
        (("distances", "distances", "d", ("cities", "cities")),),
        (Rows("leave", "leave[i], enter[j]", "leave", ("term", "x", (0,))),
         Rows("enter", "leave[i], enter[j]", "enter", ("term", "x", (1,))),
         Rows("subtour", "subtour[i,j]", "subtour", ("term", "x", (0, 1)))),
        {"objective": ["distances"]}),
    "jobshop": Spec(
        {"jobs": ("j", ("s", 0)), "machines": ("k", ("s", 1))},
        {"s": ("jobs", "machines"), "makespan": (), "z": ("jobs", "jobs", "machines")},
        (("routes", "times", "p", ("jobs", "machines")),),
        (Rows("precedence", "precedence[j,k]", "precedence", ("term", "s", (0, 1))),
         Rows("first_before", "no_overlap[j,j',k]", "first_before", ("term", "z", (0, 1, 2))),
         Rows("second_before", "no_overlap[j,j',k]", "second_before", ("term", "z", (0, 1, 2))),
         Rows("makespan_def", "makespan_def[j]", "makespan_def", ("term", "s", (0,)))),
        {"precedence[j,k]": ["routes"], "no_overlap[j,j',k]": ["routes"], "makespan_def[j]": ["routes"]}),
    "netflow": Spec(
        {"sources": ("i", "given"), "sinks": ("j", "given"), "arcs": ("a", ("f", 0))}, {"f": ("arcs",)},
        (("supplies", "supplies", "supply", ("sources",)), ("demands", "demands", "demand", ("sinks",)),
         ("arcs", "arcs", "arc(from, to, capacity, cost)", ("arcs",))),
        (Rows(r"supply_\d+", "supply[i]", "supply", ("suffix", "sources")),
         Rows(r"demand_\d+", "demand[j]", "demand", ("suffix", "sinks"))),
        {"objective": ["arcs"], "supply[i]": ["supplies"], "demand[j]": ["demands"], "capacity[a]": ["arcs"]},
        {"f": "capacity[a]"}),
    "inventory": Spec(
        {"periods": ("t", ("stock", 0))},
        {"q": ("periods",), "stock": ("periods",), "backlog": ("periods",), "shortage": ("periods",)},
        (("demand", "demand", "d", ("periods",)), ("purchase cost", "purchase_cost", "c", ("periods",)),
         ("holding cost", "holding_cost", "h", ()), ("shortage cost", "backlog_cost", "p", ()),
         ("initial stock", "initial_stock", "I0", ()), ("minimum order", "min_order", "qmin", ()),
         ("maximum order", "max_order", "qmax", ()), ("lead time", "lead_time", "L", ()),
         ("storage capacity", "capacity", "cap", ())),
        (Rows(r"balance_\w+", "balance[t]", "balance", ("term", "stock", (0,))),
         Rows(r"capacity_on_arrival\w*", "capacity[t]", "capacity_on_arrival", ("term", "q", (0,)))),
        {"objective": ["purchase cost", "holding cost", "shortage cost"], "balance[t]": ["demand", "initial stock",
                                                                                        "lead time"],
         "order bounds": ["minimum order", "maximum order"], "capacity[t]": ["storage capacity"]},
        {"q": "order bounds", "stock": "capacity[t]"}),
    "portfolio": Spec(
        {"assets": ("i", ("x", 0))}, {"x": ("assets",)},
        (("returns", "returns", "mu", ("assets",)), ("risks", "risks", "r", ("assets",)),
         ("share bounds", "min_share", "lo", ("assets",)), ("share bounds", "max_share", "hi", ("assets",)),
         ("risk cap", "max_risk", "rmax", ()), ("liquid minimum", "min_liquid", "lmin", ())),
        (Rows("budget", "budget", "budget"), Rows("risk", "risk", "risk"),
         Rows("liquidity", "liquidity", "liquidity")),
        {"objective": ["returns"], "risk": ["risks", "risk cap"], "liquidity": ["liquid minimum"],
         "bounds[i]": ["share bounds"]},
        {"x": "bounds[i]"}),
    "production": Spec(
        {"products": ("i", ("x", 0)), "processes": ("j", "given")}, {"x": ("products",)},
        (("profits", "profits", "profit", ("products",)), ("maximum sales", "max_sales", "max_sales", ("products",)),
         ("times", "times", "a", ("processes", "products")), ("capacities", "capacities", "capacity",
                                                              ("processes",))),
        (Rows("hours", "hours[j]", "hours", ("position", "processes")),),
        {"objective": ["profits"], "hours[j]": ["times", "capacities"], "sales[i]": ["maximum sales"]},
        {"x": "sales[i]"}),
    "transportation": Spec(
        {"sources": ("i", ("x", 0)), "destinations": ("j", ("x", 1))}, {"x": ("sources", "destinations")},
        (("supplies", "supplies", "supply", ("sources",)), ("demands", "demands", "demand", ("destinations",)),
         ("costs", "costs", "c", ("sources", "destinations"))),
        (Rows("supply", "supply[i]", "supply", ("term", "x", (0,))),
         Rows("demand", "demand[j]", "demand", ("term", "x", (1,)))),
        {"objective": ["costs"], "supply[i]": ["supplies"], "demand[j]": ["demands"]}),
    "pollution": Spec(
        {"sources": ("i", ("x", 0)), "methods": ("k", ("x", 1))}, {"x": ("sources", "methods")},
        (("emissions", "emissions", "e", ("sources",)), ("methods", "efficiency", "eff", ("sources", "methods")),
         ("methods", "costs", "c", ("sources", "methods")), ("reduction target", "target", "target", ())),
        (Rows("treated_share", "treated_share[i]", "treated_share", ("term", "x", (0,))),
         Rows("target", "target", "target")),
        {"objective": ["methods"], "target": ["emissions", "methods", "reduction target"]}),
}


@dataclass
class IndexSet:
    name: str
    symbol: str
    members: list

    def __str__(self) -> str:
        shown = ", ".join(map(str, self.members[:6])) + (", ..." if len(self.members) > 6 else "")
        return f"{self.name} {self.symbol} ({len(self.members)}): {shown}"


@dataclass
class Parameter:
    name: str             # the data field as the reader calls it ("supplies")
    symbol: str
    index: tuple          # set names
    value: object         # the generator's data (a number or nested lists)
    lines: list

    def __str__(self) -> str:
        idx = f"[{', '.join(self.index)}]" if self.index else ""
        return f"{self.symbol}{idx} = {_preview(self.value)}   ({self.name}; {lines_text(self.lines)})"


@dataclass
class Variable:
    name: str             # the block's name
    index: tuple
    kind: str             # binary | integer | continuous
    count: int
    lb: float
    ub: float

    def __str__(self) -> str:
        idx = f"[{', '.join(self.index)}]" if self.index else ""
        lo = "" if self.lb == -math.inf else f"{_num(self.lb)} <= "
        hi = "" if self.ub == math.inf else f" <= {_num(self.ub)}"
        rng = "" if self.kind == "binary" else f", {lo}{self.name}{hi}" if (lo or hi) else ", free"
        return f"{self.name}{idx}: {self.kind}, {self.count} column{'s' if self.count != 1 else ''}{rng}"


@dataclass
class Member:
    """One row of the model: its family, readable name, the data lines of its entities."""
    family: Family
    name: str
    row: int
    lines: list


def _preview(v, k: int = 5) -> str:
    if isinstance(v, (list, tuple)):
        if v and isinstance(v[0], (list, tuple)):
            return f"{len(v)} x {len(v[0])} table [{_preview(v[0], 3)}, ...]"
        head = ", ".join(_num(x) if isinstance(x, (int, float)) else str(x) for x in v[:k])
        return f"[{head}{', ...' if len(v) > k else ''}]"
    return _num(v) if isinstance(v, (int, float)) else str(v)


class IndexedModel:
    """The class problem's array model with every column and row named in the text's terms."""

    def __init__(self, problem, am=None):
        """am: the problem's array model when already built (`problem.build()`)."""
        self.problem = problem
        self.am = problem.build() if am is None else am
        self.spec = SPECS[problem.problem_class]
        self._batches = list(self.am._rows)      # (batch name, cols, vals, lo, hi), in row order
        self._batch_starts = np.cumsum([0] + [b[1].shape[0] for b in self._batches])
        self.sets = self._sets()
        self.columns = self._column_names()
        self.parameters = self._parameters()
        self.variables = self._variables()
        self.families = list(problem.families) + list(problem.extras)
        self.members = self._members()

    # ---- sets, parameters, variables -------------------------------------------------------------
    def _sets(self) -> dict[str, IndexSet]:
        out = {}
        labels, given = self.problem.labels or {}, self.problem.sets or {}
        for name, (sym, where) in self.spec.sets.items():
            if where == "given":
                members = list(given.get(name, []))
            else:
                block, axis = where
                blk = self.am.blocks.get(block)
                lab = labels.get(block)
                if lab is not None and axis < len(lab):
                    members = list(lab[axis])
                elif blk is not None:
                    members = [f"{sym}{k + 1}" for k in range(blk.shape[axis])]
                else:
                    continue
            out[name] = IndexSet(name, sym, members)
        return out

    def _column_names(self) -> list[str]:
        names = []
        for b in self.am.blocks.values():
            lab = (self.problem.labels or {}).get(b.name)
            sets = self.spec.variables.get(b.name, ())
            if int(np.prod(b.shape)) == 1:
                names.append(b.name)
                continue
            for idx in np.ndindex(*b.shape):
                names.append(self._name(b.name, idx, lab, sets))
        return names

    def _name(self, base: str, idx, lab=None, sets=()) -> str:
        if not idx or (len(idx) == 1 and not sets and not lab):
            return base if not idx or self.am.blocks.get(base) is None or \
                int(np.prod(self.am.blocks[base].shape)) == 1 else f"{base}[{idx[0] + 1}]"
        parts = []
        for a, k in enumerate(idx):
            names = lab[a] if lab is not None and a < len(lab) else None
            if names is None and a < len(sets) and sets[a] in self.sets:
                names = self.sets[sets[a]].members
            parts.append(str(names[k]) if names is not None and k < len(names) else str(k + 1))
        return f"{base}[{', '.join(parts)}]"

    def _parameters(self) -> list[Parameter]:
        out = []
        src = self.problem.sources or {}
        for key, dkey, sym, index in self.spec.params:
            if dkey not in self.problem.data:
                continue
            out.append(Parameter(key, sym, index, self.problem.data[dkey], list(src.get(key, []))))
        return out

    def _variables(self) -> list[Variable]:
        out = []
        lb, ub, ints = (np.concatenate(getattr(self.am, a)) for a in ("_lb", "_ub", "_int"))
        for b in self.am.blocks.values():
            sl = slice(b.offset, b.offset + int(np.prod(b.shape)))
            lo, hi = float(lb[sl].min()), float(ub[sl].max())
            kind = "binary" if ints[sl].any() and lo >= 0 and hi <= 1 else "integer" if ints[sl].any() else \
                "continuous"
            out.append(Variable(b.name, self.spec.variables.get(b.name, ()), kind, sl.stop - sl.start, lo, hi))
        return out

    # ---- rows ------------------------------------------------------------------------------
    def _members(self) -> list[Member]:
        fams = {f.name: f for f in self.families}
        aug_fams = self._augment_families()
        out, row = [], 0
        self._batch_rows, self._batch_seen = {}, {}
        for bname, cols, *_ in self._batches:
            self._batch_rows[bname] = self._batch_rows.get(bname, 0) + cols.shape[0]
        for bname, cols, _vals, _lo, _hi in self._batches:
            r = cols.shape[0]
            fam, prefix, how = aug_fams.get(bname, (None, None, None))
            if fam is None:
                rs = next((x for x in self.spec.rows if re.fullmatch(x.pattern, bname)), None)
                if rs is not None:
                    fam = fams.get(rs.family) or Family(rs.family, bname)
                    prefix, how = rs.prefix, rs.index
                else:
                    fam, prefix, how = Family(bname, bname), bname, None
            for k in range(r):
                name = self._member_name(prefix, how, bname, k, r, cols[k])
                out.append(Member(fam, name, row + k, []))
            row += r
        self._attach_lines(out)
        return out

    def _augment_families(self) -> dict:
        """batch name -> (family, prefix, None) for the extra statements' rows and the solver rows."""
        out = {}
        by_aug = {id(f.augment): f for f in self.problem.extras if getattr(f, "augment", None) is not None}
        for i, a in enumerate(self.problem.augments):
            fam = by_aug.get(id(a))
            if fam is None:
                fam = Family(f"{a.kind}", a.kind)
            out[f"augment_{i + 1}_{a.kind}"] = (fam, fam.name, None)
        n = len(self.problem.augments)
        for k, (a, words) in enumerate(self.problem.cuts):
            fam = Family(f"solver row: {a.kind}", words)
            out[f"augment_{n + k + 1}_{a.kind}"] = (fam, a.kind, None)
        return out

    def _member_name(self, prefix, how, bname, k, r, cols) -> str:
        if how is None:
            total = self._batch_rows.get(bname, r)
            self._batch_seen[bname] = self._batch_seen.get(bname, 0) + 1
            return prefix if total == 1 else f"{prefix}#{self._batch_seen[bname]}"
        kind = how[0]
        if kind == "term":
            _, block, axes = how
            blk = self.am.blocks.get(block)
            for c in cols:
                if blk is not None and blk.offset <= c < blk.offset + int(np.prod(blk.shape)):
                    idx = np.unravel_index(int(c) - blk.offset, blk.shape)
                    sets = self.spec.variables.get(block, ())
                    lab = (self.problem.labels or {}).get(block)
                    sub = tuple(int(idx[a]) for a in axes)
                    return self._name(prefix, sub, [lab[a] for a in axes] if lab is not None and
                                      all(a < len(lab) for a in axes) else None, tuple(sets[a] for a in axes
                                                                                       if a < len(sets)))
            return f"{prefix}#{k + 1}"
        if kind == "position":
            return self._name(prefix, (k,), None, (how[1],))
        if kind == "suffix":
            m = re.search(r"(\d+)$", bname)
            return self._name(prefix, (int(m.group(1)) - 1,), None, (how[1],)) if m else bname
        return f"{prefix}#{k + 1}"

    def _attach_lines(self, members) -> None:
        """Each member's data lines: the lines of its family's data fields that name one of its entities
        (all of the fields' lines when none does), plus its statement's line."""
        doc_lines = str(self.problem.text).split("\n")
        src = self.problem.sources or {}
        seen: dict = {}        # (line, entity) -> whether the line names it; members share entities
        for m in members:
            lines = []
            for key in self.spec.data.get(m.family.name, []):
                lines += src.get(key, [])
            inside = re.search(r"\[(.*)\]", m.name)
            ents = [e.strip() for e in re.split(r",|->", inside.group(1))] if inside else []
            m.lines = sorted(set(_naming_lines(lines, ents, doc_lines, seen)) |
                             ({m.family.line} if m.family.line else set()))

    # ---- views -----------------------------------------------------------------------------
    def family_members(self, fam: Family) -> list[Member]:
        return [m for m in self.members if m.family is fam]

    def data_lines(self, fam: Family) -> list[int]:
        src = self.problem.sources or {}
        return sorted({ln for key in self.spec.data.get(fam.name, []) for ln in src.get(key, [])})

    def row_text(self, row: int, max_terms: int | None = None) -> str:
        """'x[Plant 1, Store 1] + x[Plant 1, Store 2] <= 120' for one row."""
        cols, vals, lo, hi = self.row_data(row)
        terms = []
        for c, v in zip(cols, vals):
            if v == 0:
                continue
            mag = "" if abs(v) == 1 else f"{_num(abs(v))} "
            terms.append(("-" if v < 0 else "+", f"{mag}{self.columns[int(c)]}"))
        shown = terms if max_terms is None or len(terms) <= max_terms else terms[:max_terms]
        lhs = " ".join(f"{s} {t}" if k else (f"-{t}" if s == "-" else t) for k, (s, t) in enumerate(shown)) or "0"
        if len(shown) < len(terms):
            lhs += f" ... ({len(terms)} terms)"
        return f"{lhs} {_bounds_text(lo, hi)}"

    def row_data(self, row: int):
        """(cols, vals, lo, hi) of one row of the model."""
        if not 0 <= row < self._batch_starts[-1]:
            raise IndexError(row)
        b = int(np.searchsorted(self._batch_starts, row, side="right")) - 1
        _name, cols, vals, lo, hi = self._batches[b]
        k = row - int(self._batch_starts[b])
        return cols[k], vals[k], float(lo[k]), float(hi[k])

    def bound_family(self, col: int) -> Family | None:
        b = next(b for b in self.am.blocks.values() if b.offset <= col < b.offset + int(np.prod(b.shape)))
        name = self.spec.bounds.get(b.name)
        return next((f for f in self.families if f.name == name), None) if name else None


def _naming_lines(lines, ents, doc_lines, seen: dict | None = None) -> list[int]:
    """Of a field's lines, those that name every entity of a member; else those naming its first entity;
    else all of them. seen: a cache of (line, entity) -> named, shared across members."""
    ents = [e for e in ents if e]
    seen = {} if seen is None else seen

    def names(ln, e):
        key = (ln, e)
        if key not in seen:
            seen[key] = bool(0 < ln <= len(doc_lines) and
                             re.search(rf"(?<!\w){re.escape(e)}(?!\w)", doc_lines[ln - 1], re.I))
        return seen[key]
    for want in (ents, ents[:1]):
        got = [ln for ln in lines if want and all(names(ln, e) for e in want)]
        if got:
            return got
    return list(lines)


def _bounds_text(lo: float, hi: float) -> str:
    if lo == hi:
        return f"= {_num(lo)}"
    if lo == -math.inf:
        return f"<= {_num(hi)}"
    if hi == math.inf:
        return f">= {_num(lo)}"
    return f"in [{_num(lo)}, {_num(hi)}]"
