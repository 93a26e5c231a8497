"""Benchmark the shipped classifier: val accuracy (coarse/fine), errors, load time, CPU throughput,
for the numpy runtime (the CPU default) and, beside it, torch float32 and torch dynamic int8; the
second-source validation set (MAMO + c3bench work statements, `finetune.second_val`), each
statement alone per runtime and, on the default runtime, read as problems (contexts + problem-level
decoding); the training time the artefact recorded. A model trained with context reads the li2023
val paragraphs with their contexts (`finetune.recipe.li2023_split`).

    .venv/bin/python benchmarks/bench_classifier.py [--data ../shared/data/li2023] [--threads 2]
        [--runs 5] [--model DIR] [--no-torch] [--out benchmarks/results/classifier.json]

Prints a table and writes a JSON report. Throughput: the 110 val paragraphs repeated 10 times
(1,100 paragraphs) classified with batched, length-bucketed inference; median of --runs runs. Load
time: in-process `load_classifier()` with imports already done (median of --runs), and a fresh
interpreter from `import` to a first prediction (median of 3). Agreement: on val, the paragraphs
whose type or fine label differs from the numpy runtime's (with and without direction decoding)
and the largest |logit| difference. The numpy runtime runs first and each torch one after it, all
in this process (numpy's BLAS threads and torch's may contend a little in the torch timings).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNTIMES = {"numpy": {"runtime": "numpy"}, "torch_fp32": {"runtime": "torch", "quantize": False},
            "torch_int8": {"runtime": "torch", "quantize": True}}


def fresh_process_seconds(model, threads: int, kw: dict, n: int = 3) -> float:
    code = ("import time; t=time.perf_counter(); from milpsynth.classifier import load_classifier; "
            f"c=load_classifier({model!r}, threads={threads}, **{kw!r}); "
            "c.predict(['At most 5 buses can be used.']); print(time.perf_counter()-t)")
    return statistics.median(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                  cwd=ROOT, check=True).stdout.split()[-1]) for _ in range(n))


def default_key(clf) -> str:
    return "numpy" if clf.runtime_ == "numpy" else ("torch_int8" if clf.quantize else "torch_fp32")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "li2023"))
    ap.add_argument("--model", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--no-torch", action="store_true", help="the numpy runtime only (torch not imported)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "classifier.json"))
    a = ap.parse_args(argv)

    import numpy as np

    from finetune.data import read_split
    from finetune.evaluate import evaluate
    from milpsynth.classifier import SHIPPED, load_classifier

    texts, labels = read_split(a.data, "val")
    model_dir = Path(a.model) if a.model else SHIPPED
    meta = json.loads((model_dir / "milpsynth_classifier.json").read_text())
    contexts = None
    if meta.get("context"):
        from finetune.recipe import li2023_split
        contexts = li2023_split("val", Path(a.data))[2]
    from finetune.second_val import load as load_second, measure_classifier
    second = load_second()
    size = sum(f.stat().st_size for f in model_dir.iterdir() if f.is_file())
    rep: dict = {"model": str(model_dir), "artefact_bytes": size, "threads": a.threads,
                 "training": meta.get("training"), "train_info": meta.get("train_info"),
                 "train_wall_seconds": meta.get("metrics", {}).get("train_wall_seconds"),
                 "context": bool(contexts), "second_val_skipped": second.skipped,
                 "default_inference": default_key(load_classifier(a.model, threads=a.threads))}
    runtimes = {"numpy": RUNTIMES["numpy"]} if a.no_torch else RUNTIMES
    big = texts * a.repeat
    ref = None
    for key, kw in runtimes.items():
        if kw["runtime"] == "torch":
            import torch
            torch.set_num_threads(a.threads)
        loads = []
        for _ in tqdm(range(a.runs), desc=f"{key}: load"):
            t0 = time.perf_counter()
            clf = load_classifier(a.model, threads=a.threads, **kw)
            loads.append(time.perf_counter() - t0)
        r: dict = {"load_seconds_median": statistics.median(loads),
                   "fresh_process_import_load_predict_seconds_median": fresh_process_seconds(a.model, a.threads, kw)}
        ev = evaluate(clf, texts, labels, contexts)
        clf.align_direction = False
        ev_raw = evaluate(clf, texts, labels, contexts)   # the encoder alone, without direction-consistent decoding
        preds_raw = clf.predict(texts, contexts=contexts)
        clf.align_direction = True
        preds, logits = clf.predict(texts, contexts=contexts), clf.decision_function(texts, contexts)
        if second.statements:
            sv = measure_classifier(clf, second, "paragraph")
            r["second_val_paragraph"] = {k: sv[k] for k in ("n", "correct", "accuracy_coarse", "by_source")}
            if key == rep["default_inference"]:
                sv = measure_classifier(clf, second, "problem")
                r["second_val_problem"] = {k: sv[k] for k in ("n", "correct", "accuracy_coarse", "by_source")}
                r["second_val_problem_errors"] = sv["errors"]
        if ref is None:
            ref = (preds, preds_raw, logits)
        else:
            r["vs_numpy"] = {
                "type_differs": sum(x.type != y.type for x, y in zip(preds, ref[0])),
                "fine_differs": sum(x.fine != y.fine for x, y in zip(preds, ref[0])),
                "raw_type_differs": sum(x.type != y.type for x, y in zip(preds_raw, ref[1])),
                "raw_fine_differs": sum(x.fine != y.fine for x, y in zip(preds_raw, ref[1])),
                "max_abs_logit_diff": float(np.abs(logits - ref[2]).max())}
        clf.predict(texts[:64], contexts=contexts[:64] if contexts else None)  # warm-up
        big_ctx = contexts * a.repeat if contexts else None
        speeds = []
        for _ in tqdm(range(a.runs), desc=f"{key}: throughput"):
            t0 = time.perf_counter()
            clf.predict(big, contexts=big_ctx)
            speeds.append(len(big) / (time.perf_counter() - t0))
        r.update({"val_accuracy_coarse": ev["accuracy_coarse"], "val_accuracy_fine": ev["accuracy_fine"],
                  "errors_coarse": ev["errors_coarse"], "errors_fine": ev["errors_fine"],
                  "raw_model_val_accuracy_coarse": ev_raw["accuracy_coarse"],
                  "raw_model_val_accuracy_fine": ev_raw["accuracy_fine"],
                  "paragraphs_per_second_median": statistics.median(speeds), "runs": speeds,
                  "misclassified": ev["misclassified"], "fine_only_errors": ev["fine_only_errors"]})
        rep[key] = r
        del clf

    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(rep, indent=2) + "\n")
    rows = [("artefact size", f"{size / 1e6:.2f} MB"),
            ("training time (recorded in the artefact)", f"{rep['train_wall_seconds'] or float('nan'):.0f} s"),
            ("reads context", str(rep["context"]))]
    for key in runtimes:
        r = rep[key]
        tag = key + (" (default)" if key == rep["default_inference"] else "")
        rows += [(f"{tag}: load (in process, median)", f"{r['load_seconds_median']:.2f} s"),
                 (f"{tag}: fresh process: import+load+1 prediction",
                  f"{r['fresh_process_import_load_predict_seconds_median']:.2f} s"),
                 (f"{tag}: val coarse accuracy", f"{r['val_accuracy_coarse']:.4f} ({r['errors_coarse']}/{len(texts)} wrong)"),
                 (f"{tag}: val fine accuracy", f"{r['val_accuracy_fine']:.4f} ({r['errors_fine']}/{len(texts)} wrong)"),
                 (f"{tag}: encoder alone (no direction decoding) coarse / fine",
                  f"{r['raw_model_val_accuracy_coarse']:.4f} / {r['raw_model_val_accuracy_fine']:.4f}"),
                 (f"{tag}: throughput (median, {a.threads} threads)", f"{r['paragraphs_per_second_median']:.0f} paragraphs/s")]
        for mode in ("paragraph", "problem"):
            if f"second_val_{mode}" in r:
                v = r[f"second_val_{mode}"]
                rows.append((f"{tag}: second-source val, {'each statement alone' if mode == 'paragraph' else 'as problems'}",
                             f"{v['accuracy_coarse']:.4f} ({v['correct']}/{v['n']}; "
                             + ", ".join(f"{k} {b['correct']}/{b['n']}" for k, b in v["by_source"].items()) + ")"))
        if "vs_numpy" in r:
            v = r["vs_numpy"]
            rows.append((f"{tag}: val paragraphs differing from numpy (type / fine; raw type / fine)",
                         f"{v['type_differs']} / {v['fine_differs']}; {v['raw_type_differs']} / {v['raw_fine_differs']}"
                         f"  (max |logit diff| {v['max_abs_logit_diff']:.2g})"))
    w = max(len(k) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"{k:<{w}}  {v}")
    for e in rep[rep["default_inference"] if rep["default_inference"] in runtimes else "numpy"]["misclassified"]:
        print(f"  wrong: type {e['true_type']} predicted {e['pred_type']} (p={e['prob']:.2f}): {e['text']}")
    print(f"report: {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
