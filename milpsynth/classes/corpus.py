"""Texts for training and checking the class detector and readers: the project's own generator
statements in every wording (scenario) and level, and plain word problems for `None`.

`own_statement` renders one generated instance in a chosen scenario and level (and, with solve=True,
solves it with the generator's own model for its answer); `none_texts` reads the word problems of
the shared data sets (NL4Opt documents, li2023 paragraphs and problems, MAMO work-half texts).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from ..generators import CLASSES, get
from ..generators.base import LEVELS
from ..status import Status

DATA = Path(os.environ.get("MILPSYNTH_DATA", Path(__file__).resolve().parents[2] / ".." / "shared" / "data"))
PERTURB_INDEX = {"none": 0, "objective": 1, "augment": 2, "language": 3}
SMALL_SIZES = {"tsp": (4, 7), "knapsack": (4, 9), "binpacking": (4, 9), "jobshop": ("2x2", "3x3", "3x2", "4x3"),
               "netflow": (4, 7), "inventory": (3, 7), "portfolio": (3, 7), "production": (2, 6),
               "transportation": (2, 7), "pollution": (2, 6)}


def _size(cls: str, rng: np.random.Generator):
    s = SMALL_SIZES[cls]
    if isinstance(s[0], str):
        return s[int(rng.integers(len(s)))]
    return int(rng.integers(s[0], s[1] + 1))


def own_statement(cls: str, *, level: str = "plain", scenario: int = 0, perturb: str = "none", seed: int = 0,
                  size=None, solve: bool = False, time_limit: float = 30.0) -> dict:
    """One generated statement: {"question", "answer" (None unless solve), "data", "augments", "shift", ...}."""
    gen = get(cls)
    rng = np.random.default_rng([seed, CLASSES.index(cls), LEVELS.index(level), scenario, PERTURB_INDEX[perturb]])
    size = gen.parse_size(size if size is not None else _size(cls, rng))
    for _ in range(20):
        data = gen.sample(size, rng)
        augments = gen.sample_augments(data, rng) if perturb == "augment" else []
        shift = float(rng.integers(100, 10001)) if perturb == "objective" else 0.0
        answer = None
        if solve:
            res = gen.solve(data, augments, shift, time_limit=time_limit, backend="highs")
            if res.status != Status.OPTIMAL:
                continue
            answer = float(res.objective)
        paras = gen.render(data, augments, level=level, scenario=scenario, shift=shift)
        return {"problem_class": cls, "question": "\n\n".join(p["text"] for p in paras), "answer": answer,
                "size": size, "level": level, "scenario": scenario, "perturb": perturb, "data": data,
                "augments": [a.record() for a in augments], "shift": shift}
    raise RuntimeError(f"{cls}: no feasible sample in 20 tries (seed {seed})")


def own_corpus(per_combo: int = 1, seed: int = 0, perturbs=("none", "objective", "augment"), solve: bool = False,
               classes=CLASSES):
    """Every class x scenario x level x perturbation, `per_combo` statements each."""
    for cls in classes:
        n_scen = len(get(cls).scenarios())
        for scen in range(n_scen):
            for level in LEVELS:
                for pert in perturbs:
                    for k in range(per_combo):
                        yield own_statement(cls, level=level, scenario=scen, perturb=pert, seed=seed + k,
                                            solve=solve)


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def nl4opt_documents() -> list[str]:
    out = []
    for rec in _jsonl(DATA / "nl4opt" / "generation_dev.jsonl"):
        for v in rec.values():
            if isinstance(v, dict) and v.get("document"):
                out.append(v["document"])
    return out


def li2023_paragraphs() -> list[str]:
    return [r["text"] for name in ("train.jsonl", "val.jsonl") for r in _jsonl(DATA / "li2023" / name)]


def li2023_problems() -> list[str]:
    return [r["description"] for r in _jsonl(DATA / "li2023" / "dev_problems.jsonl")]


def mamo_work_texts() -> list[str]:
    return [r["text"] for r in _jsonl(DATA / "mamo" / "easylp_dev.jsonl") if r.get("split") == "work"]


def tables_as_lists(text: str, rng: np.random.Generator | None = None) -> str:
    """The same statement with its markdown tables rewritten as bullet lists ('* Item 1: weight 12, value 40')
    and its square matrices as pair lists ('* Stop 1 to Stop 2: 48'): another common data format."""
    import re
    rng = rng or np.random.default_rng(0)
    lines = text.split("\n")
    out, k = [], 0
    while k < len(lines):
        if not lines[k].lstrip().startswith("|"):
            out.append(lines[k])
            k += 1
            continue
        block = []
        while k < len(lines) and lines[k].lstrip().startswith("|"):
            block.append(lines[k])
            k += 1
        rows = [[c.strip() for c in b.strip().strip("|").split("|")] for b in block]
        tables, cur = [], None
        for i, r in enumerate(rows):
            if all(re.fullmatch(r":?-+:?", c) for c in r if c):
                continue
            if i + 1 < len(rows) and all(re.fullmatch(r":?-+:?", c) for c in rows[i + 1] if c):
                cur = [r, []]
                tables.append(cur)
            elif cur is not None:
                cur[1].append(r)
        style = int(rng.integers(3))
        for head, body in tables:
            if body and all(re.fullmatch(r"[A-Z][\w ]* \d+ \(\d+(?:\.\d+)?\)", c) for b in body for c in b[1:]):
                # job routes: '* Job 1: (Machine 2, 5) -> (Machine 1, 3)'
                arrow = " → " if style != 1 else " -> "
                for b in body:
                    steps = [re.sub(r"^(.*) \((.*)\)$", r"(\1, \2)", c) for c in b[1:]]
                    out.append(f"* {b[0]}{': ' if style != 2 else ' follows the route: '}{arrow.join(steps)}")
                continue
            low = [h.lower() for h in head]
            if len(head) == 4 and low[0] == "from" and low[1] == "to":
                prev = None
                for b in body:
                    if style == 0:
                        if b[0] != prev:
                            out.append(f"* From {b[0]}:")
                            prev = b[0]
                        out.append(f"  - to {b[1]}: capacity = {b[2]}, cost = {b[3]}")
                    else:
                        out.append(f"* {b[0]} to {b[1]}: capacity {b[2]}, cost {b[3]}")
                continue
            if head and head[0] == "" and all(len(b) == len(head) for b in body):
                cols = head[1:]
                for b in body:
                    for j, c in enumerate(cols):
                        if b[0] != c and (cols.index(b[0]) < j if b[0] in cols else True):
                            out.append(f"* {b[0]} to {c}: {b[j + 1]}")
                continue
            mins = [j for j, h in enumerate(head) if j and re.match(r"min", h, re.I)]
            maxs = [j for j, h in enumerate(head) if j and re.match(r"max", h, re.I)]
            pair = (mins[0], maxs[0]) if mins and maxs and style == 0 else None
            for b in body:
                parts = []
                if pair:
                    lo, hi = pair
                    hh = [h for j, h in enumerate(head) if j not in (lo, hi)] + ["allowed range"]
                    bb = [c for j, c in enumerate(b) if j not in (lo, hi)] + [f"[{b[lo]}, {b[hi]}]"]
                    out.append(f"* {bb[0]}: " + ", ".join(f"{re.sub(r'[(][^)]*[)]', '', h).strip().lower()} {v}"
                                                         for h, v in zip(hh[1:], bb[1:])))
                    continue
                for h, v in zip(head[1:], b[1:]):
                    hh = re.sub(r"\s*\(([^)]*)\)", "", h).strip().lower()
                    unit = re.search(r"\(([^)]*)\)", h)
                    u = f" {unit.group(1)}" if unit and unit.group(1) not in ("%",) else ("%" if unit else "")
                    parts.append(f"{hh} {v}{u}" if style != 2 else f"{v}{u} {hh}")
                sep = ", " if style != 1 else "; "
                out.append(f"* {b[0]}: " + sep.join(parts))
    return "\n".join(out)
