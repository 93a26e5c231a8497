"""Cold start: what a new user waits for on the first run (median of fresh processes).

    .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--json out.json]

Measures, each in a fresh interpreter:
- `python -m milpsynth example` end to end (formulate + solve + print the README example);
- the first `formulate(...)` + `solve()` of a Python session, timed inside the process, with the
  time to `import milpsynth` beside it;
- `python -m milpsynth --version` (interpreter + CLI start alone).
Also records which heavy modules (torch, transformers, peft, pyomo) the first call imported.
Prints a table and writes a JSON report.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_CALL = r"""
import json, sys, time
t0 = time.perf_counter()
import milpsynth
t1 = time.perf_counter()
from milpsynth.cli import EXAMPLE
f = milpsynth.formulate(EXAMPLE.read_text())
sol = f.solve()
t2 = time.perf_counter()
heavy = sorted(m for m in ("torch", "transformers", "peft", "pyomo") if m in sys.modules)
print(json.dumps({"import_s": t1 - t0, "first_call_s": t2 - t1, "status": str(sol.status), "heavy": heavy}))
"""


def _wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="fresh processes per measure (default 5)")
    ap.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "startup.json"),
                    help="report path (default benchmarks/results/startup.json)")
    args = ap.parse_args(argv)
    py = sys.executable
    rows: dict[str, list[float]] = {"milpsynth example (CLI, end to end)": [],
                                    "import milpsynth": [], "first formulate + solve (in process)": [],
                                    "milpsynth --version": []}
    heavy = None
    for k in range(args.runs):
        print(f"run {k + 1}/{args.runs}", file=sys.stderr)
        rows["milpsynth example (CLI, end to end)"].append(_wall([py, "-m", "milpsynth", "example"]))
        out = subprocess.run([py, "-c", FIRST_CALL], check=True, capture_output=True, text=True, cwd=ROOT)
        info = json.loads(out.stdout.strip().splitlines()[-1])
        rows["import milpsynth"].append(info["import_s"])
        rows["first formulate + solve (in process)"].append(info["first_call_s"])
        heavy = info["heavy"]
        rows["milpsynth --version"].append(_wall([py, "-m", "milpsynth", "--version"]))
    report = {name: {"median_s": statistics.median(v), "min_s": min(v), "max_s": max(v), "runs": v}
              for name, v in rows.items()}
    report["heavy_modules_imported_by_first_call"] = heavy
    width = max(len(n) for n in rows)
    print(f"{'measure':<{width}}  median s  min s  max s")
    for name in rows:
        r = report[name]
        print(f"{name:<{width}}  {r['median_s']:8.2f}  {r['min_s']:5.2f}  {r['max_s']:5.2f}")
    print(f"heavy modules the first call imported: {', '.join(heavy) or 'none'}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"report written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
