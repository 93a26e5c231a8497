"""How formulate's time grows with the length of the description: a table of time against size.

    .venv/bin/python benchmarks/bench_input_size.py [--sizes 1000,2500,5000,10000,20000,40000]
        [--source synthetic|nl4opt] [--data ../shared/data] [--classifier auto] [--out FILE]

Free text (one paragraph) of each size is formulated (on_error='skip') once the models are loaded;
the time of each stage is measured, so that what grows faster than the text shows where. Times are
CPU seconds of this process (all its threads), which other work on the machine does not inflate;
wall-clock seconds are in the report too. BLAS runs one thread (set OMP_NUM_THREADS to change). With --repeat N the fastest of N runs is kept. Text:
`synthetic` (the default, needs no data) is a furniture maker with ever more products, each with a
profit, a labour rate and a bound; `nl4opt` repeats NL4Opt generation_dev documents one after the
other (many decisions, many facts). A size above `milpsynth.api.MAX_CHARS` is refused with an
InputError, listed as such. Prints a table and writes a JSON report (benchmarks/results/ is
git-ignored).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# one BLAS thread: spinning threads on a busy machine would make the CPU times say nothing
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

_ADJ = ["red", "blue", "green", "small", "large", "wooden", "steel", "plastic", "deluxe", "basic", "silver",
        "golden", "oak", "pine", "glass", "leather"]
_NOUN = [("chair", "chairs"), ("table", "tables"), ("desk", "desks"), ("lamp", "lamps"), ("shelf", "shelves"),
         ("bed", "beds"), ("sofa", "sofas"), ("stool", "stools"), ("cabinet", "cabinets"), ("bench", "benches")]


def synthetic_text(size: int) -> str:
    parts = ["A furniture maker makes many kinds of furniture."]
    i = 0
    while sum(len(p) + 1 for p in parts) < size:
        adj, (one, many) = _ADJ[i % len(_ADJ)], _NOUN[(i // len(_ADJ)) % len(_NOUN)]
        parts.append(f"Each {adj} {one} gives a profit of ${3 + i % 7} and takes {1 + i % 4} hours of labor.")
        parts.append(f"At most {10 + i} {adj} {many} can be sold.")
        i += 1
    parts.append("There are 500 hours of labor available. How many of each should be made to maximize profit?")
    return " ".join(parts)


def nl4opt_text(size: int, data: Path) -> str:
    path = data / "nl4opt" / "generation_dev.jsonl"
    docs = [v["document"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
            for v in json.loads(line).values()]
    out, i = [], 0
    while sum(len(d) + 1 for d in out) < size:
        out.append(docs[i % len(docs)])
        i += 1
    return " ".join(out)[:size]


def run_one(text: str, pipeline) -> dict:
    from milpsynth.api import make_problem
    from milpsynth.errors import MilpsynthError
    from milpsynth.pipeline import STAGES
    row: dict = {"chars": len(text), "stages": {}}
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        problem = make_problem(text)
        problem.on_error = "skip"
        for stage in STAGES:
            t = time.process_time()
            problem = pipeline.run_stage(stage, problem)
            row["stages"][stage] = round(time.process_time() - t, 3)
        row.update(variables=len(problem.variables.quantities), constraints=len(problem.constraints),
                   statements=len(problem.paragraphs), outcome="model")
    except MilpsynthError as exc:
        row["outcome"] = f"{type(exc).__name__}: {exc}"[:120]
    row["wall_seconds"] = round(time.perf_counter() - t0, 3)
    row["seconds"] = round(time.process_time() - c0, 3)
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2500,5000,10000,20000,40000,60000")
    ap.add_argument("--source", choices=("synthetic", "nl4opt"), default="synthetic")
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data"))
    ap.add_argument("--classifier", default="auto")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is kept")
    ap.add_argument("--out", default=None, help="JSON report (default: benchmarks/results/input_size_SOURCE.json)")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    from milpsynth import api
    from milpsynth.api import _pipeline
    MAX_CHARS = getattr(api, "MAX_CHARS", None)
    pipeline = _pipeline({"classify": args.classifier})
    run_one(synthetic_text(800), pipeline)            # load the models before timing
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = []
    print(f"{'chars':>7} {'cpu s':>8} {'s/KB':>6} {'wall s':>7}  {'split':>6} {'vars':>6} {'class':>6} {'gen':>6} "
          f"{'link':>6}  outcome")
    for size in sizes:
        text = synthetic_text(size) if args.source == "synthetic" else nl4opt_text(size, Path(args.data))
        row = min((run_one(text, pipeline) for _ in range(max(1, args.repeat))), key=lambda r: r["seconds"])
        rows.append(row)
        st = row["stages"]
        cells = " ".join(f"{st.get(s, float('nan')):6.2f}" for s in ("split", "variables", "classify", "generate", "link"))
        outcome = row["outcome"] if row["outcome"] != "model" else \
            f"{row['variables']} decisions, {row['constraints']} constraints"
        print(f"{row['chars']:7d} {row['seconds']:8.2f} {row['seconds'] / row['chars'] * 1000:6.2f} "
              f"{row['wall_seconds']:7.2f}  {cells}  {outcome}", flush=True)
    out = Path(args.out or ROOT / "benchmarks" / "results" / f"input_size_{args.source}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"source": args.source, "classifier": args.classifier, "max_chars": MAX_CHARS,
                               "rows": rows}, indent=2), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
