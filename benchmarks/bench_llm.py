"""Language-model generation: template-guided (milpsynth.llm) against a direct baseline, per data set.

    python benchmarks/bench_llm.py --model ~/.cache/milpsynth-models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf \
        --route template --sets li2023,nl4opt,mamo_work,mamo_blind [--no-hints] [--samples 3] [--repair-rounds 0]
    python benchmarks/bench_llm.py --table          # the table of every configuration recorded so far

One configuration per run (run each under `flock /tmp/milpsynth-heavy.lock`); its figures are merged
into benchmarks/bench_llm.json and the table (benchmarks/bench_llm.txt) is rewritten.
- template: `formulate(text, llm=LlamaCpp(model), samples, repair_rounds, hints)`, judged by
  `milpsynth.evaluation` (li2023 / NL4Opt: solution level against the reference model; MAMO: the
  optimum against the stated answer).
- algebra: `formulate(text, llm=..., llm_stages=("algebra",))`: the model writes the whole problem as
  formulas (`milpsynth.llm.algebra`), which the offline formula reader splits, types and fits; judged
  as template.
- direct: the same model writes the whole model as a CPLEX LP file in one reply; the file is read
  by HiGHS (highspy, as data) and solved; judged the same way (li2023 / NL4Opt: its optimum equal
  to the reference's, integer or continuous reading).
Samples are fixed and seeded (`--n-*`, `--seed`); the MAMO blind half is drawn by seed from the
blind ids and scored only as a whole. Greedy decoding unless --samples > 1; 2 threads.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
REPORT = Path(__file__).with_name("bench_llm.json")
TABLE = Path(__file__).with_name("bench_llm.txt")
SETS = {"li2023": ("li2023/dev_problems.jsonl", None), "nl4opt": ("nl4opt/generation_dev.jsonl", None),
        "mamo_work": ("mamo/easylp_dev.jsonl", "work"), "mamo_blind": ("mamo/easylp_dev.jsonl", "blind")}

DIRECT_PROMPT = """Write a complete mixed-integer linear programming model for the problem below as a CPLEX LP file:
an objective section (Maximize or Minimize), "Subject To" with one named constraint per line, a "Bounds"
section if needed, "General" for integer variables and "Binary" for yes/no variables, then "End".
Use short variable names. Answer with the LP file only.

Problem:
{text}"""


def records(name: str, n: int | None, seed: int) -> list[dict]:
    path, split = SETS[name]
    lines = [json.loads(x) for x in (DATA / path).read_text(encoding="utf-8").splitlines() if x.strip()]
    if split is not None:
        lines = [r for r in lines if r.get("split") == split]
    if n is not None and n < len(lines):
        ids = sorted(str(r.get("id", r.get("doc_id", i))) for i, r in enumerate(lines))
        keep = set(random.Random(seed).sample(ids, n))
        lines = [r for i, r in enumerate(lines) if str(r.get("id", r.get("doc_id", i))) in keep]
    return lines


def lp_text(raw: str) -> str:
    m = re.search(r"```(?:\w+)?\n(.*?)```", raw, re.S)
    return (m.group(1) if m else raw).strip()


def solve_lp(text: str):
    """(status, objective) of an LP file's model, read by HiGHS as data."""
    import highspy
    with tempfile.NamedTemporaryFile("w", suffix=".lp", delete=False) as fh:
        fh.write(text + "\n")
        path = fh.name
    try:
        h = highspy.Highs()
        h.silent()
        h.setOptionValue("time_limit", 20.0)
        if h.readModel(path) == highspy.HighsStatus.kError:      # a warning still reads the model
            return "unreadable", None
        h.run()
        status = h.modelStatusToString(h.getModelStatus()).lower()
        if "optimal" in status:
            return "optimal", float(h.getInfo().objective_function_value)
        return ("infeasible" if "infeasible" in status else "unbounded" if "unbounded" in status else status), None
    finally:
        os.unlink(path)


def reference_optima(true_model: str) -> list[float]:
    from milpsynth.evaluation.numeric import solve_numeric
    from milpsynth.reference import parse_reference
    ref = parse_reference(true_model)
    out = []
    for kind in ("integer", "continuous"):
        num = ref.instantiate(1e6, kind)
        r = solve_numeric(num.variables, num.constraints, num.objective)
        if r.objective is not None:
            out.append(r.objective)
    return out


def problem_text(r: dict) -> str:
    if "text" in r or "question" in r:
        return r.get("text", r.get("question"))
    if "paragraphs" in r:
        return "\n\n".join(r["paragraphs"])
    from milpsynth.nl4opt import to_record
    return "\n\n".join(to_record(r)["paragraphs"])


def run_direct(llm, name: str, recs: list[dict]) -> dict:
    from milpsynth.evaluation.by_answer import answer_matches
    from milpsynth.llm.base import Request
    from milpsynth.nl4opt import is_nl4opt_line, to_record
    ok, secs = 0, []
    for i, r in enumerate(recs):
        if is_nl4opt_line(r):
            r = to_record(r)
        text = problem_text(r)
        t0 = time.perf_counter()
        raw = llm.generate(Request([{"role": "user", "content": DIRECT_PROMPT.format(text=text)}], max_tokens=700))
        status, objective = solve_lp(lp_text(raw))
        if "answer" in r:
            stated = r.get("status") if r.get("status") not in (None, "optimal") else None
            good = answer_matches(objective, status, r.get("answer"), stated, text)[0]
        else:
            good = objective is not None and any(abs(objective - o) <= 1e-6 * max(1.0, abs(o))
                                                 for o in reference_optima(r["true_model"]))
        ok += good
        secs.append(time.perf_counter() - t0)
        print(f"  {name} direct {i + 1}/{len(recs)}: {ok} right so far", file=sys.stderr, flush=True)
    return {"right": ok, "n": len(recs), "median_s": statistics.median(secs) if secs else None}


def run_template(llm, name: str, recs: list[dict], samples: int, repair_rounds: int, hints: bool,
                 transcripts: str | None = None, llm_stages=None) -> dict:
    from milpsynth import formulate
    from milpsynth.llm.cli_options import write_transcript
    kw = dict(llm=llm, samples=samples, repair_rounds=repair_rounds, hints=hints, on_error="skip")
    if llm_stages:
        kw["llm_stages"] = llm_stages
    keep = transcripts if transcripts and name != "mamo_blind" else None     # never the blind half's

    def run(source, pid):
        problem = formulate(source, **kw)
        write_transcript(keep, [problem], [pid])
        return problem
    if name.startswith("mamo"):
        from milpsynth.evaluation.by_answer import evaluate_answers
        ids = iter(str(r.get("id")) for r in recs)
        rep = evaluate_answers(recs, split=SETS[name][1], formulate=lambda text: run(text, next(ids)))
    else:
        from milpsynth.evaluation import evaluate
        rep = evaluate(recs, formulate=lambda r: run(r["paragraphs"], str(r.get("id"))))
    if keep:
        with open(keep + ".results.jsonl", "a", encoding="utf-8") as fh:
            for p in rep.problems:
                fh.write(json.dumps({"set": name, "id": p.id, "ok": p.solution_ok,
                                     "error": p.error, "seconds": round(p.seconds, 1)}) + "\n")
    right = sum(p.solution_ok for p in rep.problems)
    secs = [p.seconds for p in rep.problems]
    return {"right": right, "n": len(rep.problems), "median_s": statistics.median(secs) if secs else None}


def commit() -> str:
    import subprocess
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def key(args, name: str) -> str:
    model = Path(args.model).name.split("-instruct")[0] if args.model else "-"
    extra = "" if args.route == "direct" else (f" hints={'on' if args.hints else 'off'} samples={args.samples} "
                                               f"repair={args.repair_rounds}")
    return f"{model} | {name} | {args.route}{extra}"


def write_table(results: dict) -> str:
    rows = [("model | set | route (options)", "right/n", "share", "median s/problem")]
    for k in sorted(results):
        r = results[k]
        if "skipped" in r:
            rows.append((k, "-", "-", r["skipped"]))
            continue
        rows.append((k, f"{r['right']}/{r['n']}", f"{r['right'] / r['n']:.2f}" if r["n"] else "-",
                     f"{r['median_s']:.1f}" if r.get("median_s") is not None else "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    text = "\n".join(lines)
    TABLE.write_text(text + "\n", encoding="utf-8")
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", help="GGUF file (llama.cpp, in process)")
    ap.add_argument("--route", choices=("template", "algebra", "direct"), default="template",
                    help="template: the paper's stages; algebra: the model writes the whole problem as formulas, "
                         "the offline formula reader types them (llm_stages=('algebra',)); direct: an LP file")
    ap.add_argument("--sets", default="li2023,nl4opt,mamo_work,mamo_blind")
    ap.add_argument("--n-li2023", type=int, default=None, help="default: all 10")
    ap.add_argument("--n-nl4opt", type=int, default=30)
    ap.add_argument("--n-mamo-work", type=int, default=30)
    ap.add_argument("--n-mamo-blind", type=int, default=40)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--samples", type=int, default=1)
    ap.add_argument("--repair-rounds", type=int, default=2)
    ap.add_argument("--no-hints", dest="hints", action="store_false")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--transcripts", metavar="OUT.jsonl",
                    help="append the exchanges of every problem (never of the blind half) to OUT.jsonl")
    ap.add_argument("--table", action="store_true", help="only print the table of the recorded results")
    args = ap.parse_args(argv)
    results = json.loads(REPORT.read_text()) if REPORT.exists() else {}
    if args.table:
        print(write_table(results))
        return 0
    names = [s for s in args.sets.split(",") if s]
    if not args.model or not Path(args.model).expanduser().is_file():
        why = f"no GGUF model at {args.model!r}" if args.model else "no --model given"
        print(f"skipped: {why}")
        return 0
    try:
        import xllamacpp  # noqa: F401
    except ImportError:
        print("skipped: xllamacpp is not installed (pip install 'milpsynth[llamacpp]')")
        return 0
    from milpsynth.llm import LlamaCpp
    llm = LlamaCpp(Path(args.model).expanduser(), threads=args.threads, n_ctx=4096)
    for name in names:
        k = key(args, name)
        if not (DATA / SETS[name][0]).is_file():
            results[k] = {"skipped": f"no data at ../shared/data/{SETS[name][0]}"}
            continue
        n = {"li2023": args.n_li2023, "nl4opt": args.n_nl4opt, "mamo_work": args.n_mamo_work,
             "mamo_blind": args.n_mamo_blind}[name]
        recs = records(name, n, args.seed)
        print(f"{k}: {len(recs)} problems", flush=True)
        t0 = time.perf_counter()
        if args.route == "direct":
            res = run_direct(llm, name, recs)
        else:
            res = run_template(llm, name, recs, args.samples, args.repair_rounds, args.hints, args.transcripts,
                               ("algebra",) if args.route == "algebra" else None)
        res["wall_s"] = round(time.perf_counter() - t0, 1)
        res["seed"], res["threads"] = args.seed, args.threads
        res["commit"] = commit()
        results = json.loads(REPORT.read_text()) if REPORT.exists() else {}
        results[k] = res
        REPORT.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{k}: {res['right']}/{res['n']}  median {res['median_s']:.1f} s/problem", flush=True)
    print(write_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
