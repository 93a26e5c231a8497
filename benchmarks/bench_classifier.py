"""Benchmark the shipped classifier: val accuracy (coarse/fine), errors, load time, CPU throughput.

    .venv/bin/python benchmarks/bench_classifier.py [--data ../shared/data/li2023] [--threads 2]
        [--runs 5] [--model DIR] [--out benchmarks/results/classifier.json]

Prints a table and writes a JSON report. Throughput: the 110 val paragraphs repeated 10 times
(1,100 paragraphs) classified with batched, length-bucketed inference; median of --runs runs, for
the float32 merged model and the dynamic-int8 one. Load time: in-process `load_classifier()` with
imports already done (median of --runs), and a fresh interpreter from `import` to a first prediction.
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "li2023"))
    ap.add_argument("--model", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "classifier.json"))
    a = ap.parse_args(argv)

    import torch
    torch.set_num_threads(a.threads)
    from finetune.data import read_split
    from finetune.evaluate import evaluate
    from milpsynth.classifier import SHIPPED, load_classifier

    texts, labels = read_split(a.data, "val")
    model_dir = Path(a.model) if a.model else SHIPPED
    meta = json.loads((model_dir / "milpsynth_classifier.json").read_text())
    size = sum(f.stat().st_size for f in model_dir.iterdir() if f.is_file())
    rep: dict = {"model": str(model_dir), "artefact_bytes": size, "threads": a.threads,
                 "training": meta.get("training"), "train_info": meta.get("train_info")}

    loads = []
    for _ in tqdm(range(a.runs), desc="load"):
        t0 = time.perf_counter()
        load_classifier(a.model, threads=a.threads)
        loads.append(time.perf_counter() - t0)
    rep["load_seconds_median"] = statistics.median(loads)
    code = ("import time; t=time.perf_counter(); from milpsynth.classifier import load_classifier; "
            f"c=load_classifier({a.model!r}, threads={a.threads}); c.predict(['At most 5 buses can be used.']); "
            "print(time.perf_counter()-t)")
    colds = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                                  check=True).stdout.split()[-1]) for _ in tqdm(range(3), desc="fresh process")]
    rep["fresh_process_import_load_predict_seconds_median"] = statistics.median(colds)

    big = texts * a.repeat
    for quant in (False, True):
        clf = load_classifier(a.model, threads=a.threads, quantize=quant)
        ev = evaluate(clf, texts, labels)
        clf.align_direction = False
        ev_raw = evaluate(clf, texts, labels)       # the encoder alone, without direction-consistent decoding
        clf.align_direction = True
        clf.predict(texts[:64])  # warm-up
        speeds = []
        for _ in tqdm(range(a.runs), desc=f"throughput int8={quant}"):
            t0 = time.perf_counter()
            clf.predict(big)
            speeds.append(len(big) / (time.perf_counter() - t0))
        key = "int8" if quant else "fp32"
        rep[key] = {"val_accuracy_coarse": ev["accuracy_coarse"], "val_accuracy_fine": ev["accuracy_fine"],
                    "errors_coarse": ev["errors_coarse"], "errors_fine": ev["errors_fine"],
                    "raw_model_val_accuracy_coarse": ev_raw["accuracy_coarse"],
                    "raw_model_val_accuracy_fine": ev_raw["accuracy_fine"],
                    "paragraphs_per_second_median": statistics.median(speeds), "runs": speeds,
                    "misclassified": ev["misclassified"], "fine_only_errors": ev["fine_only_errors"]}
    shipped_q = bool(meta.get("inference", {}).get("quantize", False))
    rep["default_inference"] = "int8" if shipped_q else "fp32"

    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(rep, indent=2) + "\n")
    rows = [("artefact size", f"{size / 1e6:.2f} MB"),
            ("load (in process, median)", f"{rep['load_seconds_median']:.2f} s"),
            ("fresh process: import+load+1 prediction", f"{rep['fresh_process_import_load_predict_seconds_median']:.2f} s")]
    for key in ("fp32", "int8"):
        r = rep[key]
        tag = key + (" (default)" if key == rep["default_inference"] else "")
        rows += [(f"{tag}: val coarse accuracy", f"{r['val_accuracy_coarse']:.4f} ({r['errors_coarse']}/{len(texts)} wrong)"),
                 (f"{tag}: val fine accuracy", f"{r['val_accuracy_fine']:.4f} ({r['errors_fine']}/{len(texts)} wrong)"),
                 (f"{tag}: encoder alone (no direction decoding) coarse / fine",
                  f"{r['raw_model_val_accuracy_coarse']:.4f} / {r['raw_model_val_accuracy_fine']:.4f}"),
                 (f"{tag}: throughput (median, {a.threads} threads)", f"{r['paragraphs_per_second_median']:.0f} paragraphs/s")]
    w = max(len(k) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"{k:<{w}}  {v}")
    for e in rep[rep["default_inference"]]["misclassified"]:
        print(f"  wrong: type {e['true_type']} predicted {e['pred_type']} (p={e['prob']:.2f}): {e['text']}")
    print(f"report: {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
