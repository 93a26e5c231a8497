"""TSP: a distance for every pair of places (a pair list 'A to B: 12.3 km', a matrix table, or
coordinates), one closed tour visiting each place once.

Model (generators.tsp, MTZ): binary x_ij on the complete directed graph, leave and enter each place
once, u_i - u_j + n x_ij <= n - 1 for i, j other than the first place. A pair list gives a symmetric
distance (both directions) unless both directions are listed. When coordinates are given the
distances are their Euclidean distances, unrounded (C^3-Bench computes its answers on those; the
listed distances are rounded to 0.1), and a pair missing from the list is filled from them.
Extra statements: a forbidden link (both directions when it is 'between A and B', one when it is
'from A to B'), exactly one of two links, a fixed amount added to the tour length.
"""
from __future__ import annotations

import re

import numpy as np

from ..errors import InputError
from ..generators.base import Augment
from . import readers as R
from .common import Reading
from .text import word_number

PLACE_WORDS = {"office", "city", "venue", "facility", "node", "tower", "center", "centre", "station", "hub",
               "substation", "site", "warehouse", "branch", "stop", "location", "depot", "store", "customer",
               "point", "client", "library", "town", "village", "port", "airport", "base", "camp", "outpost",
               "plant", "factory", "school", "hospital", "clinic", "shop", "farm", "field", "well", "sensor",
               "hole", "house", "building", "campus", "destination", "checkpoint", "terminal", "park", "island",
               "region", "district", "zone", "area", "spot", "landmark", "museum", "attraction", "client",
               "data", "server", "machine", "room", "gate", "dock", "mine", "lab", "laboratory", "unit"}
BASE = [r"\bexactly once\b|\bprecisely once\b|\bonce\b|\bsingle (?:time|stop|visit)\b|\bone time\b",
        r"\breturn\w*\b|\bback to\b|\bcircuit\b|\bloop\b|\btour\b|\bcycle\b|\bround trip\b",
        r"\bminimi[sz]|\bshortest\b|\bminimal\b|\blowest\b|\bas small\b|\bmost efficient\b|\bleast\b",
        r"\bsub-?tours?\b|\bdisconnected\b|\bseparate\b|\bdepart\w*\b|\barriv\w*\b|\bleft exactly\b|\bentered\b",
        r"\bdistances?\b|\btimes?\b|\bdurations?\b|\bmeasured\b|\brecorded\b|\bas follows\b|\bbetween\b"]


def _tokens(name: str) -> list[str]:
    return re.findall(r"[\w'&.-]+", name)


def _canon(raw: list[str], extra_kinds: set[str]) -> dict[str, str]:
    """Raw names -> canonical names, stripping a leading kind word ('Office P' -> 'P')."""
    first_count: dict[str, int] = {}
    rawset = {" ".join(_tokens(r)) for r in raw}
    for r in rawset:
        tk = _tokens(r)
        if len(tk) >= 2:
            first_count[tk[0].lower()] = first_count.get(tk[0].lower(), 0) + 1
    kinds = {k for k, c in first_count.items() if c >= 2} | extra_kinds
    for r in rawset:
        tk = _tokens(r)
        if len(tk) >= 2 and " ".join(tk[1:]) in rawset:
            kinds.add(tk[0].lower())
    out = {}
    for r in raw:
        tk = _tokens(r)
        while len(tk) >= 2 and tk[0].lower() in kinds:
            tk = tk[1:]
        out[r] = " ".join(tk)
    return out


def _complete(pairs, mapping) -> tuple[list[str], dict] | None:
    nodes: list[str] = []
    d: dict[tuple[int, int], object] = {}
    for p in pairs:
        a, b = mapping[p.a], mapping[p.b]
        for x in (a, b):
            if x not in nodes:
                nodes.append(x)
        i, j = nodes.index(a), nodes.index(b)
        if i == j:
            return None
        if (i, j) in d:
            return None
        d[(i, j)] = p
    return nodes, d


def read(text: str, evidence: dict):
    rd = Reading(text, "tsp")
    doc = rd.doc
    tables = R.read_tables(doc)
    coords = R.read_coords(doc)
    pairs = R.read_pairs(doc)
    lists = R.read_items(doc)
    for lst in lists:
        rd.unused_structures.append((lst.lines[0], "an item list the tour model does not use"))
    intro_nouns = set()
    for w in re.findall(r"\b([a-z]+?)(?:es|s)\b", text.lower()):
        if w in PLACE_WORDS:
            intro_nouns.add(w)
    n_stated = None
    for m in re.finditer(r"\b(\d+|[a-z]+(?:-[a-z]+)?)\s+(?:[a-z-]+\s+){0,3}?(?:" + "|".join(sorted(PLACE_WORDS)) +
                         r")(?:e?s)\b", text, re.I):
        k = word_number(m.group(1))
        if k is not None and k >= 3:
            n_stated = k
            break

    D = None
    names: list[str] = []
    directed_given = False
    dist_lines: list[int] = []
    # 1. a matrix table
    for t in tables:
        labels = t.labels()
        if len(labels) >= 3 and t.header and [h.strip() for h in t.header[1:]] == labels:
            vals = t.numeric_matrix(1)
            D = np.array([[v.value for v in row] for row in vals], dtype=float)
            names = labels
            rd.source("distances", [v for row in vals for v in row])
            dist_lines = t.lines
            directed_given = not np.allclose(D, D.T)
            break
    # 2. a pair list
    if D is None and pairs:
        raw = [p.a for p in pairs] + [p.b for p in pairs] + [c.name for c in coords]
        best = None
        for kinds in (set(), intro_nouns | {w for w in PLACE_WORDS}):
            mapping = _canon(raw, kinds)
            res = _complete(pairs, mapping)
            if res is None:
                continue
            nodes, d = res
            for c in coords:
                if mapping[c.name] not in nodes:
                    nodes.append(mapping[c.name])
            m = len(nodes)
            und = {(min(i, j), max(i, j)) for i, j in d}
            score = (len(und) == m * (m - 1) // 2 or bool(coords), n_stated is None or m == n_stated, -m)
            if best is None or score > best[0]:
                best = (score, mapping, nodes, d)
        if best is None:
            raise InputError(f"the pair list names a place twice in one pair or a pair twice",
                             field=f"line {pairs[0].line}")
        _, mapping, names, d = best
        m = len(names)
        D = np.full((m, m), np.nan)
        for (i, j), p in d.items():
            v = p.value
            rd.source("distances", [v])
            D[i, j] = v.value
            dist_lines.append(p.line)
        both = {(i, j) for (i, j) in d if (j, i) in d}
        directed_given = bool(both) and any(abs(D[i, j] - D[j, i]) > 1e-9 for i, j in both)
        for i in range(m):
            for j in range(m):
                if i != j and np.isnan(D[i, j]) and not np.isnan(D[j, i]):
                    D[i, j] = D[j, i]
        np.fill_diagonal(D, 0.0)
        if coords:
            cmap = {mapping[c.name]: c for c in coords}
            if set(cmap) >= set(names):
                xy = np.array([[cmap[nm].x.value, cmap[nm].y.value] for nm in names])
                E = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
                listed = ~np.isnan(D) & ~np.eye(m, dtype=bool)
                dev = np.abs(E - np.where(listed, D, E))
                bad = int(((dev > 0.051) & listed).sum()) // (1 if directed_given else 2)
                missing = int(np.isnan(D).sum()) // (1 if directed_given else 2)
                D = E
                rd.source("coordinates", [c.x for c in coords] + [c.y for c in coords])
                rd.notes.append("distances are the Euclidean distances of the coordinates, unrounded"
                                + (f"; {missing} pair(s) missing from the list come from the coordinates"
                                   if missing else ""))
                if bad:
                    rd.notes.append(f"WARNING: {bad} listed distance(s) disagree with the coordinates by more "
                                    f"than rounding (up to {float(dev.max()):.1f}); the coordinates are used")
    # 3. coordinates alone
    if D is None and len(coords) >= 3:
        names = [c.name for c in coords]
        xy = np.array([[c.x.value, c.y.value] for c in coords])
        D = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
        rd.source("coordinates", [c.x for c in coords] + [c.y for c in coords])
        rd.notes.append("distances are the Euclidean distances of the coordinates")
    if D is None:
        raise InputError("no distances found (no pair list 'A to B: d', matrix table or coordinates)",
                         field="distances")
    m = len(names)
    if m < 3:
        raise InputError(f"a tour needs at least 3 places, found {m}", field="distances")
    if np.isnan(D).any():
        i, j = map(int, np.argwhere(np.isnan(D))[0])
        raise InputError(f"no distance between {names[i]} and {names[j]} (the pair is missing from the list)",
                         field="distances")
    if n_stated is not None and n_stated != m and not coords:
        rd.notes.append(f"the text speaks of {n_stated} places; the distances name {m}")
    rd.count_sizes(m)
    nm = R.Names(names, kinds=set(intro_nouns) | {w for w in PLACE_WORDS})
    rd.names.append(nm)
    rd.labels["x"] = [names, names]

    # extra statements: forbidden links and 'exactly one of two links'
    for s in rd.sentences():
        ms = nm.mentions(s.text, bare_single=True)
        if len(ms) < 2:
            continue
        t = s.text
        edges = []
        k = 0
        while k + 1 < len(ms):
            (a, sa, ea), (b, sb, eb) = ms[k], ms[k + 1]
            between = t[ea:sb]
            if a != b and re.fullmatch(r"\s*(?:and|to|-|–|—|->|→|and back to)\s*|\s*", between or " "):
                directed = bool(re.search(r"\bfrom\s+(?:\w+\s+){0,2}$", t[max(0, sa - 25):sa], re.I)) and \
                    re.fullmatch(r"\s*to\s*", between) is not None
                edges.append((a, b, directed))
                k += 2
            else:
                k += 1
        if not edges:
            continue
        def terms(e):
            a, b, directed = e
            return [("x", (a, b), 1.0)] + ([] if directed else [("x", (b, a), 1.0)])

        def words(e):
            a, b, directed = e
            return f"{names[a]} {'->' if directed else '-'} {names[b]}"
        if len(edges) >= 2 and re.search(r"\bexactly one\b|\bprecisely one\b|\bone and only one\b|\bnot both\b|"
                                         r"\bnever the two together\b|\beither\b", t, re.I):
            e1, e2 = edges[:2]
            rd.augment(Augment.one("one_of_two_edges", 11, {"edges": [words(e1), words(e2)]},
                                   terms(e1) + terms(e2), "==", 1.0),
                       f"one_of[{words(e1)}, {words(e2)}]", f"x[{words(e1)}] + x[{words(e2)}] = 1", s)
            continue
        if re.search(r"\bno direct\b|\bnot (?:be )?(?:allowed|permitted|possible|available|usable|utili[sz]ed|used|"
                     r"driven|made|travel+ed|taken)\b|\bcannot\b|\bcan ?not\b|\bunavailable\b|\bimpossible\b|"
                     r"\bforbidden\b|\bprohibited\b|\bclosed\b|\bclosure\b|\bblocked\b|\bunder no circumstances\b|"
                     r"\bmust not\b|\bmay not\b|\bnot exist\b|\bdoes not exist\b", t, re.I):
            for e in edges[:1] if len(edges) == 1 else edges:
                rd.augment(Augment.one("forbid_edge", 1, {"edge": words(e)}, terms(e), "<=", 0.0),
                           f"forbid[{words(e)}]", f"x[{words(e)}] = 0", s)
            continue
        if len(edges) == 1 and re.search(r"\bmust (?:be )?(?:include|incorporate|use|contain|travel|driven|made|"
                                         r"taken|used|part)\w*\b|\bis required\b|\bmandatory\b", t, re.I):
            e = edges[0]
            rd.augment(Augment.one("require_edge", 1, {"edge": words(e)}, terms(e), ">=", 1.0),
                       f"require[{words(e)}]", f"x[{words(e)}] = 1", s)
    if m >= 3:
        two = [([("x", (i, j), 1.0), ("x", (j, i), 1.0)], "<=", 1.0) for i in range(m) for j in range(i + 1, m)]
        rd.cuts.append((Augment("two_cycle", 0, {}, two), "x[i,j] + x[j,i] <= 1: no tour of 3 or more places "
                                                           "goes back and forth on one link"))
    rd.objective_constant(maximize=False)
    obj = rd.find(BASE[2])
    rd.family("objective", "minimize sum_ij d[i,j] x[i,j]", obj[0] if obj else None, data_lines=len(set(dist_lines)))
    once = rd.find(BASE[0])
    rd.family("leave[i], enter[j]", "sum_j x[i,j] = 1, sum_i x[i,j] = 1", once[0] if once else None)
    loop = rd.find(BASE[1])
    rd.family("subtour[i,j]", "u[i] - u[j] + n x[i,j] <= n - 1 (i, j other than the first place; MTZ)",
              loop[0] if loop else None)
    if not directed_given:
        rd.notes.append("distances are symmetric: each listed pair holds in both directions")
    data = {"distances": D.tolist()}
    return rd.finish(data, evidence, BASE)
