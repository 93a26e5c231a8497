"""Benchmark of the generators: scaling well past C^3-Bench sizes, and the array fast path.

    .venv/bin/python benchmarks/bench_generators.py [--time-limit 60] [--repeats 5] [--json FILE]

1. Scaling: one instance per (class, size), generated and solved with HiGHS (single thread, time
   limit); reports status, gap, model size, solve time and the whole generation time (sampling,
   model, solve, statement, LP text).
2. Fast path: transportation with n=400 customers (80 suppliers, 32,000 columns): build+solve
   through the generator's highspy array path and through Pyomo, against a hand-written highspy
   model of the same data; medians over repeats, ratios to the hand-written model.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from milpsynth.generators import get  # noqa: E402
from milpsynth.generators.base import instance_seed  # noqa: E402
from milpsynth.generators import CLASSES  # noqa: E402

SCALING = [("tsp", 50), ("knapsack", 1000), ("binpacking", 100), ("transportation", 200), ("jobshop", "10x10"),
           ("inventory", 365), ("netflow", 200), ("portfolio", 1000), ("production", 200), ("pollution", 500)]
C3_LARGEST = {"tsp": 20, "knapsack": 30, "binpacking": 40, "transportation": 10}


def scaling(time_limit: float) -> list[dict]:
    rows = []
    for cls, size in tqdm(SCALING, desc="scaling", unit="inst"):
        g = get(cls)
        s = g.parse_size(size)
        seed = instance_seed(0, CLASSES.index(cls), g.size_key(s), 0)
        t0 = time.perf_counter()
        inst = g.make(s, seed, "none", time_limit=time_limit)
        total = time.perf_counter() - t0
        am = g.build_arrays(inst.data)
        rows.append({"class": cls, "size": s, "columns": am.n, "rows": am.num_rows,
                     "integer_columns": int(sum(int(np.prod(b.shape)) for b in am.blocks.values() if b.integer)),
                     "status": inst.status, "answer": inst.answer, "mip_gap": inst.mip_gap,
                     "solve_s": round(inst.solve_seconds, 3), "total_s": round(total, 3),
                     "question_chars": len(inst.question), "tries": inst.tries,
                     "c3bench_largest": C3_LARGEST.get(cls)})
    return rows


def hand_written_transportation(data):
    """A transportation LP written directly against highspy, as an expert would (the reference)."""
    import highspy
    from milpsynth.highs import new_highs

    c = np.asarray(data["costs"], dtype=float)
    S, n = c.shape
    h = new_highs()
    inf = highspy.kHighsInf
    h.addVars(S * n, np.zeros(S * n), np.full(S * n, inf))
    h.changeColsCost(S * n, np.arange(S * n, dtype=np.int32), c.ravel())
    idx = np.arange(S * n, dtype=np.int32)
    # supply rows: row i holds columns i*n .. i*n+n-1
    h.addRows(S, np.full(S, -inf), np.asarray(data["supplies"], dtype=float),
              S * n, np.arange(0, S * n, n, dtype=np.int32), idx, np.ones(S * n))
    # demand rows: row j holds columns j, n+j, 2n+j, ...
    dem = np.asarray(data["demands"], dtype=float)
    h.addRows(n, dem, dem, S * n, np.arange(0, S * n, S, dtype=np.int32),
              idx.reshape(S, n).T.ravel().astype(np.int32), np.ones(S * n))
    h.run()
    return h.getInfo().objective_function_value


def square_transportation(n: int, rng) -> dict:
    """n suppliers x n customers, drawn like the generator's data (a harder variant for the timing)."""
    demand = rng.integers(10, 101, n)
    total = int(np.ceil(demand.sum() * rng.uniform(1.1, 1.4)))
    supply = np.maximum(1, np.ceil(rng.dirichlet(np.ones(n)) * total)).astype(int)
    return {"supplies": supply.tolist(), "demands": demand.tolist(),
            "costs": rng.integers(1, 51, size=(n, n)).tolist()}


def fast_path(repeats: int, n: int = 400, square: bool = False) -> dict:
    g = get("transportation")
    rng = np.random.default_rng(400)
    data = square_transportation(n, rng) if square else g.sample(n, rng)
    times = {"hand_written": [], "fast_path": [], "pyomo": []}
    objs = {}
    for _ in tqdm(range(repeats), desc="fast path", unit="rep"):
        t = time.perf_counter()
        objs["hand_written"] = hand_written_transportation(data)
        times["hand_written"].append(time.perf_counter() - t)
        t = time.perf_counter()
        objs["fast_path"] = g.solve(data, backend="highs", time_limit=None).objective
        times["fast_path"].append(time.perf_counter() - t)
    for _ in tqdm(range(max(1, repeats // 2 + 1)), desc="pyomo path", unit="rep"):
        t = time.perf_counter()
        objs["pyomo"] = g.solve(data, backend="pyomo", time_limit=None).objective
        times["pyomo"].append(time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"variant": "square n x n" if square else "generator (n customers, ceil(n/5) suppliers)",
            "n_customers": n, "suppliers": len(data["supplies"]), "columns": len(data["supplies"]) * n,
            "repeats": {k: len(v) for k, v in times.items()}, "times_s": times, "median_s": med,
            "objective": objs,
            "same_optimum": max(objs.values()) - min(objs.values()) <= 1e-6 * max(1.0, abs(objs["hand_written"])),
            "ratio_fast_path": med["fast_path"] / med["hand_written"],
            "ratio_pyomo": med["pyomo"] / med["hand_written"]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--json", default=str(Path(__file__).with_name("bench_generators.json")))
    ap.add_argument("--skip-scaling", action="store_true")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    report = {"machine": {"python": platform.python_version(), "processor": platform.processor(),
                          "highs_threads": "default"}, "time_limit_s": args.time_limit}
    fps = [fast_path(args.repeats), fast_path(args.repeats, square=True)]
    report["fast_path"] = fps
    if not args.skip_scaling:
        report["scaling"] = scaling(args.time_limit)
        print("\nScaling (one instance each, seed 0, HiGHS single thread, time limit "
              f"{args.time_limit:g} s)")
        print("| class | size | C^3 max | columns (int) | rows | status | gap | solve s | total s | text chars |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for r in report["scaling"]:
            gap = "-" if r["mip_gap"] is None else f"{r['mip_gap']:.2%}"
            print(f"| {r['class']} | {r['size']} | {r['c3bench_largest'] or '-'} | {r['columns']} "
                  f"({r['integer_columns']}) | {r['rows']} | {r['status']} | {gap} | {r['solve_s']:.2f} | "
                  f"{r['total_s']:.2f} | {r['question_chars']} |")
    for fp in fps:
        print(f"\nFast path, transportation n={fp['n_customers']} ({fp['suppliers']} suppliers, {fp['columns']} "
              f"columns; {fp['variant']}), build+solve, median of {fp['repeats']['fast_path']} "
              f"(Pyomo {fp['repeats']['pyomo']})")
        print("| path | median s | ratio to hand-written highspy |")
        print("|---|---|---|")
        for k in ("hand_written", "fast_path", "pyomo"):
            print(f"| {k} | {fp['median_s'][k]:.3f} | {fp['median_s'][k] / fp['median_s']['hand_written']:.2f}x |")
        print(f"same optimum on all three paths: {fp['same_optimum']} ({fp['objective']['hand_written']:.6g})")
    report["total_s"] = time.perf_counter() - start
    Path(args.json).write_text(json.dumps(report, indent=1))
    print(f"\nwrote {args.json} (total {report['total_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
