"""Benchmark of the class readers (milpsynth.classes): C^3-Bench by answer, and the project's own generators.

    .venv/bin/python benchmarks/bench_classes.py [--data ../shared/data/c3bench] [--time-limit 60]
        [--files canonical,constraint_augmentation,objective_perturbation] [--splits work,blind]
        [--own-per-combo 1] [--no-own] [--out benchmarks/results/classes.json]
    .venv/bin/python benchmarks/bench_classes.py --examples benchmarks/class_models.txt

1. C^3-Bench: every row of each file and half goes through `formulate_class(question)` (recognition,
   reading, the generator's model, HiGHS) and is judged by `answer_matches` (relative tolerance 1e-3
   for TSP, whose answers use unrounded distances, 1e-4 otherwise). The work half is printed as a
   table by class x size bucket with its failure kinds; the blind half as aggregate counts only (per
   class and size bucket), never its texts or per-row results.
2. Own generators: all ten classes x 3 wordings (scenarios) x 3 levels x {none, objective, augment} at
   small sizes, read back through `formulate_class` and compared with the generator's own optimum.
3. Time vs size: median read (recognition + reading), build (the array model and its HiGHS copy) and
   solve (HiGHS) seconds per class x size bucket, and accuracy per size bucket, for each half (the
   blind half as aggregates per class x bucket only).
Results go to benchmarks/results/classes.json (the blind half as aggregates only).
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from milpsynth.classes import formulate_class  # noqa: E402
from milpsynth.classes.problem import C3_NAMES  # noqa: E402
from milpsynth.errors import MilpsynthError  # noqa: E402
from milpsynth.evaluation.by_answer import answer_matches  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FILES = ("canonical", "constraint_augmentation", "objective_perturbation")
CLASS_ORDER = ("BinPacking", "Knapsack", "TSP", "JobShop", "Portfolio", "Inventory", "NetworkFlow", "Transportation",
               "Production", "Pollution")


BUCKETS = ("<=10", "11-20", ">20")


def bucket(size) -> str:
    """Size buckets by the class's own size number (the first number of the size: items, cities, jobs...)."""
    m = re.search(r"\d+", str(size))
    n = int(m.group(0)) if m else 0
    return "<=10" if n <= 10 else "11-20" if n <= 20 else ">20"


def rel_tol(cls: str) -> float:
    return 1e-3 if cls == "TSP" else 1e-4


def run_one(text: str, answer, cls: str, time_limit: float) -> dict:
    t0, c0 = time.perf_counter(), time.process_time()
    out = {"ok": False, "kind": "", "seconds": 0.0, "detected": None, "read": None, "build": None, "solve": None}
    try:
        p = formulate_class(text)
        out["read"] = time.perf_counter() - t0
        if p is None:
            out["kind"] = "not recognised"
        else:
            out["detected"] = C3_NAMES[p.problem_class]
            if out["detected"] != cls:
                out["kind"] = f"recognised as {out['detected']}"
            tb = time.perf_counter()
            am = p.build()
            am.to_highs()               # the build alone, timed (solve makes its own HiGHS copy of `am`)
            out["build"] = time.perf_counter() - tb
            sol = p.solve(time_limit=time_limit, am=am)
            out["solve"] = sol.seconds
            ok, why = answer_matches(sol.objective, sol.status.value, answer, None, text, rel_tol(cls))
            out["ok"] = bool(ok) and out["detected"] == cls
            out["why"] = why
            out["unplaced"] = len(p.unplaced)
            if not out["kind"] and not ok:
                out["kind"] = "time limit" if sol.status.value == "time_limit" else \
                    ("wrong optimum" if sol.status.value == "optimal" else f"status {sol.status.value}")
    except MilpsynthError as exc:
        out["kind"] = f"{type(exc).__name__}"
        out["why"] = str(exc)
    except Exception as exc:   # noqa: BLE001 - one broken row must not end the run
        out["kind"] = f"internal {type(exc).__name__}"
        out["why"] = str(exc)
    out["seconds"] = time.perf_counter() - t0
    out["cpu"] = time.process_time() - c0      # this process's CPU seconds: robust to other jobs on the machine
    return out


def table(rows: list[dict]) -> str:
    """Class x size bucket: ok/n per cell, with a total column."""
    head = ["class"] + list(BUCKETS) + ["all"]
    lines = [head]
    for cls in CLASS_ORDER + ("all",):
        rs = [r for r in rows if cls == "all" or r["class"] == cls]
        if not rs:
            continue
        cells = [cls]
        for b in BUCKETS + ("all",):
            sub = [r for r in rs if b == "all" or r["bucket"] == b]
            cells.append(f"{sum(r['ok'] for r in sub)}/{len(sub)}" if sub else "-")
        lines.append(cells)
    w = [max(len(x[i]) for x in lines) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w[i]) for i, c in enumerate(x)) for x in lines)


def _median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def timing(rows: list[dict]) -> dict:
    """Median read, build, solve and read+build+solve seconds per class x size bucket (and per bucket)."""
    out = {}
    for cls in CLASS_ORDER + ("all",):
        for b in BUCKETS + ("all",):
            sub = [r for r in rows if (cls == "all" or r["class"] == cls) and (b == "all" or r["bucket"] == b)]
            if not sub:
                continue
            total = [None if r["solve"] is None else r["read"] + r["build"] + r["solve"] for r in sub]
            out.setdefault(cls, {})[b] = {"n": len(sub), "read": _median(r["read"] for r in sub),
                                          "build": _median(r["build"] for r in sub),
                                          "solve": _median(r["solve"] for r in sub), "total": _median(total),
                                          "cpu_total": _median(r.get("cpu") for r in sub),
                                          "max_total": max((t for t in total if t is not None), default=None)}
    return out


def timing_table(t: dict, key: str | None = None) -> str:
    """Class x size bucket: median read+build+solve ms (read/build/solve), with 'all'; or the median of
    one other timing field (`key`)."""
    head = ["class"] + list(BUCKETS) + ["all"]
    lines = [head]
    for cls, cells in t.items():
        row = [cls]
        for b in BUCKETS + ("all",):
            c = cells.get(b)
            if key is not None:
                row.append("-" if c is None or c.get(key) is None else f"{1000 * c[key]:.0f}")
                continue
            row.append("-" if c is None or c["total"] is None else
                       f"{1000 * c['total']:.0f} ({1000 * c['read']:.0f}/{1000 * c['build']:.0f}/"
                       f"{1000 * c['solve']:.0f})")
        lines.append(row)
    w = [max(len(x[i]) for x in lines) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w[i]) for i, c in enumerate(x)) for x in lines)


def c3bench(data_dir: Path, files, splits, time_limit: float) -> dict:
    out = {}
    for f in files:
        path = data_dir / f"{f}_dev.jsonl"
        if not path.exists():
            print(f"(no {path}; skipped)")
            continue
        rows_all = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        for split in splits:
            rows = [r for r in rows_all if r.get("split") == split]
            res = []
            for r in rows:
                o = run_one(r["question"], r["answer"], r["problem_class"], time_limit)
                o.update({"class": r["problem_class"], "bucket": bucket(r["size"])})
                res.append(o)
            n_ok = sum(x["ok"] for x in res)
            key = f"{f}/{split}"
            print(f"\n== {key}: {n_ok}/{len(res)} = {n_ok / max(1, len(res)):.3f} by answer")
            print(table(res))
            rec = {"n": len(res), "ok": n_ok, "accuracy": n_ok / max(1, len(res)),
                   "by_class": {c: [sum(x["ok"] for x in res if x["class"] == c),
                                    sum(1 for x in res if x["class"] == c)] for c in CLASS_ORDER
                                if any(x["class"] == c for x in res)},
                   "by_bucket": {b: [sum(x["ok"] for x in res if x["bucket"] == b),
                                     sum(1 for x in res if x["bucket"] == b)] for b in ("<=10", "11-20", ">20")},
                   "median_seconds": statistics.median(x["seconds"] for x in res) if res else None,
                   "timing": timing(res)}
            print("median ms per problem, read+build+solve (read/build/solve) wall clock, by class x size bucket:")
            print(timing_table(rec["timing"]))
            print("median CPU ms per problem (this process), by class x size bucket:")
            print(timing_table(rec["timing"], "cpu_total"))
            if split == "work":
                kinds: dict[str, int] = {}
                for x in res:
                    if not x["ok"]:
                        k = f"{x['class']}: {x['kind']}"
                        kinds[k] = kinds.get(k, 0) + 1
                rec["failure_kinds"] = kinds
                rec["unplaced_rows"] = sum(1 for x in res if x.get("unplaced"))
                if kinds:
                    print("failure kinds (work): " + "; ".join(f"{k} x{v}" for k, v in sorted(kinds.items())))
            rec["_seconds"] = [x["seconds"] for x in res]
            out[key] = rec
    return out


def own_generators(per_combo: int, time_limit: float) -> dict:
    from milpsynth.classes.corpus import own_corpus
    res = []
    for inst in own_corpus(per_combo=per_combo, seed=1000, solve=True):
        t0 = time.perf_counter()
        ok, kind = False, ""
        try:
            p = formulate_class(inst["question"])
            if p is None:
                kind = "not recognised"
            elif p.problem_class != inst["problem_class"]:
                kind = f"recognised as {p.problem_class}"
            else:
                sol = p.solve(time_limit=time_limit)
                ok, _ = answer_matches(sol.objective, sol.status.value, inst["answer"], None, "", 1e-6)
                kind = "" if ok else "wrong optimum"
                if ok and p.unplaced:
                    kind = "ok, with unplaced statements"
        except MilpsynthError as exc:
            kind = type(exc).__name__
        res.append({"class": inst["problem_class"], "level": inst["level"], "scenario": inst["scenario"],
                    "perturb": inst["perturb"], "ok": bool(ok), "kind": kind,
                    "seconds": time.perf_counter() - t0})
    n_ok = sum(r["ok"] for r in res)
    print(f"\n== own generators (10 classes x 3 wordings x 3 levels x 3 perturbations x {per_combo}): "
          f"{n_ok}/{len(res)} = {n_ok / max(1, len(res)):.3f}")
    by = {}
    for r in res:
        by.setdefault(r["class"], [0, 0])
        by[r["class"]][0] += r["ok"]
        by[r["class"]][1] += 1
    print("  " + ", ".join(f"{c} {a}/{b}" for c, (a, b) in by.items()))
    fails = [f"{r['class']}/{r['level']}/{r['scenario']}/{r['perturb']}: {r['kind']}" for r in res if r["kind"]]
    for f in fails[:20]:
        print("  " + f)
    return {"n": len(res), "ok": n_ok, "accuracy": n_ok / max(1, len(res)), "by_class": by, "failures": fails,
            "median_seconds": statistics.median(r["seconds"] for r in res) if res else None,
            "_seconds": [r["seconds"] for r in res]}


def examples(path: Path) -> None:
    """One printed model per class (a generated instance with extra statements, scenario 1) to `path`."""
    from milpsynth.classes.corpus import own_statement
    from milpsynth.generators import CLASSES
    out = []
    for cls in CLASSES:
        s = own_statement(cls, level="plain", scenario=1, perturb="augment", seed=4, solve=True)
        p = formulate_class(s["question"])
        out.append(f"===== {cls}: print(formulate(text))  (generator's optimum {s['answer']:g}, "
                   f"solved {p.solve().objective:g})\n{p}\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {path}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data" / "c3bench"))
    ap.add_argument("--files", default=",".join(FILES))
    ap.add_argument("--splits", default="work,blind")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--own-per-combo", type=int, default=1)
    ap.add_argument("--no-own", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "classes.json"))
    ap.add_argument("--examples", default=None, help="write one printed model per class to this file and stop")
    args = ap.parse_args(argv)
    if args.examples:
        examples(Path(args.examples))
        return 0
    t0 = time.perf_counter()
    result = {"platform": platform.platform(), "python": sys.version.split()[0], "time_limit": args.time_limit}
    result["c3bench"] = c3bench(Path(args.data), [f for f in args.files.split(",") if f],
                                [s for s in args.splits.split(",") if s], args.time_limit)
    if not args.no_own:
        result["own_generators"] = own_generators(args.own_per_combo, args.time_limit)
    secs = [s for v in result["c3bench"].values() for s in v.pop("_seconds")]
    if "own_generators" in result:
        secs_own = result["own_generators"].pop("_seconds")
    else:
        secs_own = []
    result["median_read_build_solve_seconds"] = {
        "c3bench": statistics.median(secs) if secs else None,
        "own_generators": statistics.median(secs_own) if secs_own else None}
    result["total_seconds"] = time.perf_counter() - t0
    print(f"\nmedian read+build+solve: C^3-Bench {result['median_read_build_solve_seconds']['c3bench']}, own "
          f"{result['median_read_build_solve_seconds']['own_generators']} s; total {result['total_seconds']:.0f} s")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, default=float), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
