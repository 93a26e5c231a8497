"""Structural comparison of a generated model with a reference model.

Both sides are reduced to the same shape first:
  * plain constraints `sum(a_i x_i) SENSE b` (a folded bound `x <= b * bi_x` counts as the plain
    bound `x <= b` together with an upper link on x: for binary bi_x the two are equivalent);
  * link facts `(x, "upper")` / `(x, "lower")` per quantity (the M or U value is irrelevant);
  * the objective.
Two constraints match when one is a positive multiple of the other (an equality: any non-zero
multiple; `a <= b` and `-a >= -b` are the same constraint). Variables may be named differently on
the two sides: `find_renaming` looks for the renaming of generated entities (a quantity with its
indicator, or a pure binary) onto reference entities that matches the most.
"""
from __future__ import annotations

import difflib
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping

from ..variables import INDICATOR_PREFIX

UPPER, LOWER = "upper", "lower"


@dataclass(frozen=True)
class Row:
    """A plain constraint in comparable form, with where it came from (for reports)."""

    terms: tuple[tuple[str, float], ...]
    sense: str                      # "<=" or "==" (">=" rows are negated)
    rhs: float
    label: str                      # text shown in reports
    paragraph: int | None = None    # generated side: 0-based paragraph index

    @classmethod
    def make(cls, terms: Mapping[str, float], sense: str, rhs: float, label: str,
             paragraph: int | None = None) -> "Row":
        if sense == ">=":
            terms, rhs, sense = {v: -c for v, c in terms.items()}, -rhs, "<="
        return cls(tuple((v, float(c)) for v, c in terms.items() if c != 0), sense, float(rhs), label, paragraph)


@dataclass
class Side:
    """One model reduced for comparison."""

    rows: list[Row]                              # paragraph constraints (folded ones as bounds)
    links: dict[tuple[str, str], str]            # (quantity, upper|lower) -> label
    objective: tuple[str, tuple[tuple[str, float], ...], float] | None   # (sense, terms, constant)
    entities: dict[str, tuple[str | None, str | None]]   # entity -> (quantity name, binary name)
    extra_links: list[str] = field(default_factory=list)  # link-like rows that are not links


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def rows_match(g: Row, r: Row, rename: Mapping[str, str], tol: float = 1e-6) -> bool:
    if g.sense != r.sense or len(g.terms) != len(r.terms):
        return False
    gt = {rename.get(v, "?" + v): c for v, c in g.terms}
    rt = dict(r.terms)
    if gt.keys() != rt.keys():
        return False
    if not rt:
        return _close(g.rhs, r.rhs, tol)
    v0 = next(iter(rt))
    k = gt[v0] / rt[v0]
    if g.sense == "<=" and k <= 0:
        return False
    return all(_close(gt[v], k * rt[v], tol) for v in rt) and _close(g.rhs, k * r.rhs, tol)


def objectives_match(g, r, rename: Mapping[str, str], tol: float = 1e-6) -> bool:
    if g is None or r is None:
        return False
    gsense, gterms, gconst = g
    rsense, rterms, rconst = r
    gt = {rename.get(v, "?" + v): c for v, c in gterms}
    rt = dict(rterms)
    if gt.keys() != rt.keys() or not rt:
        return False
    v0 = next(iter(rt))
    k = gt[v0] / rt[v0]
    if (k > 0) != (gsense == rsense):        # max f == min -f
        return False
    return all(_close(gt[v], k * rt[v], tol) for v in rt) and _close(gconst, k * rconst, tol)


def max_matching(n_left: int, n_right: int, ok) -> list[int | None]:
    """Maximum bipartite matching (augmenting paths); returns right index per left (or None)."""
    adj = [[j for j in range(n_right) if ok(i, j)] for i in range(n_left)]
    match_right: list[int | None] = [None] * n_right

    def augment(i, seen) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if match_right[j] is None or augment(match_right[j], seen):
                match_right[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    left: list[int | None] = [None] * n_left
    for j, i in enumerate(match_right):
        if i is not None:
            left[i] = j
    return left


@dataclass
class Comparison:
    rename: dict[str, str]                        # generated variable -> reference variable
    row_match: list[int | None]                   # per generated row: the reference row it matches
    objective_ok: bool
    missing: list[str]                            # reference constraints nobody generated
    extra: list[str]                              # generated constraints with no reference counterpart
    missing_links: list[str]
    extra_links: list[str]

    @property
    def score(self) -> int:
        return sum(m is not None for m in self.row_match) + int(self.objective_ok) + \
            (0 if self.missing_links or self.extra_links else 1)

    @property
    def ok(self) -> bool:
        return self.objective_ok and not (self.missing or self.extra or self.missing_links or self.extra_links)


def compare(gen: Side, ref: Side, rename: Mapping[str, str], tol: float = 1e-6) -> Comparison:
    matching = max_matching(len(gen.rows), len(ref.rows),
                            lambda i, j: rows_match(gen.rows[i], ref.rows[j], rename, tol))
    used = {j for j in matching if j is not None}
    missing = [r.label for j, r in enumerate(ref.rows) if j not in used]
    extra = [g.label for g, j in zip(gen.rows, matching) if j is None]
    # a link fact maps through the quantity's renaming
    glinks = {(rename.get(x, "?" + x), kind): label for (x, kind), label in gen.links.items()}
    missing_links = [lbl for key, lbl in ref.links.items() if key not in glinks]
    extra_links = [lbl for key, lbl in glinks.items() if key not in ref.links] + list(gen.extra_links)
    return Comparison(dict(rename), matching, objectives_match(gen.objective, ref.objective, rename, tol),
                      missing, extra, missing_links, extra_links)


# -- renaming ------------------------------------------------------------------------------------
def _words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    if folded.startswith(INDICATOR_PREFIX):
        folded = folded[len(INDICATOR_PREFIX):]
    return [_singular(w) for w in re.split(r"[^0-9a-z]+", folded) if w]


def _singular(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and re.search(r"(ss|sh|ch|x|z)es$", w):
        return w[:-2]
    if len(w) > 2 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def normalised(name: str) -> str:
    return "".join(_words(name))


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def name_similarity(a: str, b: str) -> float:
    """1 for the same normalised name (case, accents, `_`, singular/plural), less for near names."""
    na, nb = normalised(a), normalised(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    short, long = sorted((na, nb), key=len)
    if short in long:
        return 0.8
    wa, wb = set(_words(a)), set(_words(b))
    if wa & wb:
        return 0.6 + 0.2 * len(wa & wb) / len(wa | wb)
    sim = 0.6 * difflib.SequenceMatcher(None, na, nb).ratio()
    if len(short) >= 2 and short[0] == long[0] and _subsequence(short, long):   # tv ~ televisions
        sim = max(sim, 0.5)
    return sim


def _objective_coefs(side: Side) -> dict[str, float]:
    """entity -> objective coefficient of its quantity (or of its binary)."""
    if side.objective is None:
        return {}
    coefs = dict(side.objective[1])
    out = {}
    for ent, (q, b) in side.entities.items():
        if q is not None and q in coefs:
            out[ent] = coefs[q]
        elif b is not None and b in coefs:
            out[ent] = coefs[b]
    return out


def _variable_renaming(gen: Side, ref: Side, ent_map: Mapping[str, str | None]) -> dict[str, str]:
    rename = {}
    for ge, re_ in ent_map.items():
        gq, gb = gen.entities[ge]
        if re_ is None:
            continue
        rq, rb = ref.entities[re_]
        if gq is not None:
            rename[gq] = rq if rq is not None else "?" + re_
        if gb is not None:
            rename[gb] = rb if rb is not None else "?bi_" + re_
    return rename


def find_renaming(gen: Side, ref: Side, *, tol: float = 1e-6, max_tries: int = 5040) -> Comparison:
    """The renaming of generated entities onto reference entities with the most matches.

    Same normalised names are paired first; the rest is searched exhaustively when small (at most
    `max_tries` assignments), otherwise paired greedily by name similarity and objective
    coefficient and improved by pairwise swaps.
    """
    g_ents, r_ents = list(gen.entities), list(ref.entities)
    gobj, robj = _objective_coefs(gen), _objective_coefs(ref)
    score = {}
    for g in g_ents:
        for r in r_ents:
            s = name_similarity(g, r)
            if g in gobj and r in robj and gobj[g] and _close(gobj[g], robj[r], tol):
                s += 0.5
            score[g, r] = s
    fixed: dict[str, str | None] = {}
    norm_r: dict[str, list[str]] = {}
    for r in r_ents:
        norm_r.setdefault(normalised(r), []).append(r)
    norm_g: dict[str, list[str]] = {}
    for g in g_ents:
        norm_g.setdefault(normalised(g), []).append(g)
    for key, gs in norm_g.items():
        if len(gs) == 1 and len(norm_r.get(key, [])) == 1:
            fixed[gs[0]] = norm_r[key][0]
    free_g = [g for g in g_ents if g not in fixed]
    free_r = [r for r in r_ents if r not in fixed.values()]

    def evaluate(assign: Mapping[str, str | None]):
        full = dict(fixed)
        full.update(assign)
        comp = compare(gen, ref, _variable_renaming(gen, ref, full), tol)
        names = sum(score[g, r] for g, r in full.items() if r is not None)
        return (comp.score, names), comp

    slots = free_r + [None] * max(0, len(free_g) - len(free_r))
    n_perm = math.perm(len(slots), len(free_g)) if len(slots) >= len(free_g) else 0
    best_key, best = None, None
    if n_perm <= max_tries:
        seen = set()
        for perm in itertools.permutations(slots, len(free_g)):
            if perm in seen:
                continue
            seen.add(perm)
            key, comp = evaluate(dict(zip(free_g, perm)))
            if best_key is None or key > best_key:
                best_key, best = key, comp
        return best
    # greedy by score, then pairwise swaps
    assign: dict[str, str | None] = {g: None for g in free_g}
    taken = set()
    for (g, r) in sorted(((g, r) for g in free_g for r in free_r), key=lambda p: -score[p]):
        if assign[g] is None and r not in taken and score[g, r] > 0:
            assign[g] = r
            taken.add(r)
    best_key, best = evaluate(assign)
    improved = True
    while improved:
        improved = False
        trials = []
        for a, b in itertools.combinations(free_g, 2):          # swap two partners
            trial = dict(assign)
            trial[a], trial[b] = trial[b], trial[a]
            trials.append(trial)
        for a in free_g:                                          # take an unused partner
            for r in [r for r in free_r if r not in assign.values()] + [None]:
                trial = dict(assign)
                trial[a] = r
                trials.append(trial)
        for trial in trials:
            key, comp = evaluate(trial)
            if key > best_key:
                assign, best_key, best, improved = trial, key, comp, True
                break
    return best
