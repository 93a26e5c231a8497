"""MAMO EasyLP offline (no language model): work and blind halves side by side, failures by kind.

    .venv/bin/python benchmarks/bench_mamo_offline.py [--data ../shared/data/mamo/easylp_dev.jsonl]
        [--out benchmarks/results/mamo_offline.json] [--rows] [--classifier DIR]

Each problem is formulated stage by stage (split, variables, classify, generate, link), solved and
judged by its answer (`milpsynth.evaluation.by_answer.answer_matches`). A problem that fails is put in
the kind of the first thing that went wrong:

    split      the split stage raised, or after it there is no statement that states the objective
    variables  the variables stage raised
    classify   the classify stage raised or left no / two objectives
    generate   a template could not be filled (GenerationError, NonLinearError, VariableError ...)
    solve      the model came out infeasible, unbounded or could not be solved
    wrong      solved to an optimum that is not the answer
    ok         solved to the answer

The work half is read and tuned on: its kinds and (with --rows) its rows are printed. The blind half is
measured as a whole: its score alone, no kinds, no rows, nothing of its documents is printed or saved.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _report import write_report  # noqa: E402  (benchmarks/ is the script's folder)

KINDS = ("ok", "wrong", "solve", "generate", "classify", "variables", "split")


def run_one(text: str, pipeline) -> tuple[str, str, float | None, str | None]:
    """(kind, message, objective, status) of one problem run stage by stage."""
    from milpsynth.api import make_problem
    from milpsynth.errors import MilpsynthError
    from milpsynth.pipeline import STAGES
    try:
        problem = make_problem(text)
    except MilpsynthError as exc:
        return "split", f"{type(exc).__name__}: {exc}", None, None
    from milpsynth.api import _class_problem
    found = _class_problem(problem)        # as formulate() does: one of the ten OPT-Engine classes first
    if found is not None:
        problem = found
        stages = ()
    else:
        stages = STAGES
    for stage in stages:
        try:
            problem = pipeline.run_stage(stage, problem)
        except MilpsynthError as exc:
            kind = {"link": "generate"}.get(stage, stage)
            return kind, f"{type(exc).__name__}: {exc}", None, None
        except Exception as exc:  # noqa: BLE001 - an internal error is counted under its stage
            return {"link": "generate"}.get(stage, stage), f"internal {type(exc).__name__}: {exc}", None, None
    try:
        sol = problem.solve(time_limit=10)
    except Exception as exc:  # noqa: BLE001
        return "solve", f"{type(exc).__name__}: {exc}", None, None
    return "", "", sol.objective, sol.status.value


def judge(record: dict, text: str, pipeline) -> tuple[str, str, float | None]:
    """(kind, message, objective) of `text` run as `record`'s problem and judged by its answer."""
    from milpsynth.evaluation.by_answer import answer_matches
    kind, message, objective, status = run_one(text, pipeline)
    if not kind:
        stated = record.get("status") if record.get("status") not in (None, "optimal") else None
        ok, message = answer_matches(objective, status, record.get("answer"), stated, text)
        kind = "ok" if ok else ("wrong" if status == "optimal" else "solve")
    return kind, message, objective


def read_records(path: Path) -> list[dict] | None:
    """The records of a jsonl file, or None (said on stderr) where it is absent."""
    if not path.is_file():
        print(f"no {path}: give --data the MAMO EasyLP jsonl", file=sys.stderr)
        return None
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def measure(records: list[dict], classifier: str | None = None) -> list[dict]:
    """Each record judged; `classifier` a classifier directory to use instead of the shipped one."""
    from milpsynth.pipeline import Pipeline, create
    pipeline = Pipeline(classify=create("classify", "lora", path=classifier)) if classifier else Pipeline()
    out = []
    for r in records:
        t0 = time.perf_counter()
        kind, message, objective = judge(r, r["text"], pipeline)
        out.append({"id": r.get("id"), "kind": kind, "message": message, "objective": objective,
                    "answer": r.get("answer"), "seconds": time.perf_counter() - t0})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "mamo" / "easylp_dev.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "mamo_offline.json"))
    ap.add_argument("--rows", action="store_true", help="print the work half's rows (never the blind half's)")
    ap.add_argument("--classifier", default=None, help="classifier directory to use (default: the shipped one)")
    a = ap.parse_args(argv)
    path = Path(a.data)
    records = read_records(path)
    if records is None:
        return 2
    from milpsynth import formulate
    formulate("Maximize profit: each chair earns $5. At most 10 chairs.")      # load models before timing
    halves = {}
    for half in ("work", "blind"):
        rows = measure([r for r in records if r.get("split") == half], a.classifier)
        halves[half] = rows
    work, blind = halves["work"], halves["blind"]

    def score(rows):
        return sum(r["kind"] == "ok" for r in rows) / len(rows) if rows else 0.0

    kinds = Counter(r["kind"] for r in work)
    print(f"{'':<12} {'work':>8} {'blind':>8}")
    print(f"{'problems':<12} {len(work):>8} {len(blind):>8}")
    print(f"{'solved':<12} {sum(r['kind'] == 'ok' for r in work):>8} {sum(r['kind'] == 'ok' for r in blind):>8}")
    print(f"{'accuracy':<12} {score(work):>8.3f} {score(blind):>8.3f}")
    print(f"{'gap':<12} {score(work) - score(blind):>8.3f}")
    print("\nwork half, first failure by kind:")
    for k in KINDS:
        print(f"  {k:<10} {kinds.get(k, 0):4d}")
    seconds = [r["seconds"] for r in work + blind]
    print(f"\nmedian s per problem (formulate+solve): {statistics.median(seconds):.4f}")
    if a.rows:
        for r in work:
            if r["kind"] != "ok":
                print(f"{r['id']:<15} {r['kind']:<9} {r['message'][:110]}")
    report = {"data": str(path), "work": {"n": len(work), "accuracy": score(work), "kinds": dict(kinds),
                                          "problems": work},
              "blind": {"n": len(blind), "accuracy": score(blind)},
              "gap": score(work) - score(blind), "median_seconds": statistics.median(seconds)}
    write_report(a.out, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
