"""Benchmark the shipped entity tagger: ner_dev entity F1 (micro and per label), load time, CPU speed,
for the numpy runtime (the CPU default) and, beside it, torch.

    .venv/bin/python benchmarks/bench_tagger.py [--data ../shared/data/nl4opt] [--threads 2]
        [--runs 5] [--model DIR] [--no-torch] [--out benchmarks/results/tagger.json]

Prints a table and writes a JSON report. F1: exact span + label, micro over entities, on the gold
tokens (the published figure's setting) and on the raw text (the tokens joined by spaces, split and
tagged by `tag()`, spans compared as character offsets). Throughput: the 99 ner_dev documents
tagged with `tag()` in batches of 32, median of --runs runs; latency: one document at a time,
median over the documents. Load time: in-process `load_tagger()` with imports done (median), and a
fresh interpreter from `import` to a first `tag()` (median of 3). Agreement: word tags on the gold
tokens that differ from the numpy runtime's, and the largest |log-probability| difference.
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


def fresh_process_seconds(model, threads: int, runtime: str, n: int = 3) -> float:
    code = ("import time; t=time.perf_counter(); from milpsynth.tagger import load_tagger; "
            f"g=load_tagger({model!r}, threads={threads}, runtime={runtime!r}); "
            "g.tag(['Maximize profit: each truck earns $300.']); print(time.perf_counter()-t)")
    return statistics.median(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                  cwd=ROOT, check=True).stdout.split()[-1]) for _ in range(n))


def main(argv=None) -> int:
    from milpsynth.tagger.conll import data_dir
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(data_dir()))
    ap.add_argument("--model", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-torch", action="store_true", help="the numpy runtime only (torch not imported)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "tagger.json"))
    a = ap.parse_args(argv)

    import numpy as np

    from milpsynth.tagger import SHIPPED, load_tagger
    from milpsynth.tagger.conll import read_conll
    from milpsynth.tagger.metrics import evaluate_tagger, joined_text

    docs = read_conll(Path(a.data) / "ner_dev.txt")
    model_dir = Path(a.model) if a.model else SHIPPED
    meta = json.loads((model_dir / "milpsynth_tagger.json").read_text())
    size = sum(f.stat().st_size for f in model_dir.iterdir() if f.is_file())
    rep: dict = {"model": str(model_dir), "artefact_bytes": size, "threads": a.threads, "n_docs": len(docs),
                 "training": meta.get("training"), "train_info": meta.get("train_info"),
                 "default_runtime": load_tagger(a.model, threads=a.threads).runtime_}
    words = [list(d.tokens) for d in docs]
    texts = [joined_text(d.tokens)[0] for d in docs]
    runtimes = ("numpy",) if a.no_torch else ("numpy", "torch")
    ref = None
    for rt in runtimes:
        if rt == "torch":
            import torch
            torch.set_num_threads(a.threads)
        loads = []
        for _ in tqdm(range(a.runs), desc=f"{rt}: load"):
            t0 = time.perf_counter()
            tagger = load_tagger(a.model, threads=a.threads, runtime=rt)
            loads.append(time.perf_counter() - t0)
        r: dict = {"load_seconds_median": statistics.median(loads),
                   "fresh_process_import_load_tag_seconds_median": fresh_process_seconds(a.model, a.threads, rt)}
        for mode in ("viterbi", "argmax"):
            tagger.decoding = mode
            r[f"dev_{mode}"] = evaluate_tagger(tagger, docs)
        tagger.decoding = meta.get("decoding", "viterbi")
        r["decoding"] = tagger.decoding
        scores, tags = tagger.word_scores(words), tagger.tag_words(words)
        if ref is None:
            ref = (scores, tags)
        else:
            r["vs_numpy"] = {"word_tags_differ": sum(x != y for a_, b_ in zip(tags, ref[1]) for x, y in zip(a_, b_)),
                             "max_abs_log_prob_diff": max(float(np.abs(np.nan_to_num(x - y)).max())
                                                          for x, y in zip(scores, ref[0]))}
        tagger.tag(texts[:8])  # warm-up
        speeds = []
        for _ in tqdm(range(a.runs), desc=f"{rt}: throughput"):
            t0 = time.perf_counter()
            tagger.tag(texts)
            speeds.append(len(texts) / (time.perf_counter() - t0))
        r["docs_per_second_median"] = statistics.median(speeds)
        r["throughput_runs"] = speeds
        lat = []
        for t in tqdm(texts, desc=f"{rt}: latency"):
            t0 = time.perf_counter()
            tagger.tag([t])
            lat.append(time.perf_counter() - t0)
        r["single_doc_ms_median"] = 1000 * statistics.median(lat)
        rep[rt] = r
        del tagger

    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(rep, indent=2) + "\n")
    rows = [("artefact size", f"{size / 1e6:.2f} MB")]
    for rt in runtimes:
        r = rep[rt]
        tag = rt + (" (default)" if rt == rep["default_runtime"] else "")
        rows += [(f"{tag}: load (in process, median)", f"{r['load_seconds_median']:.2f} s"),
                 (f"{tag}: fresh process: import+load+1 tag()", f"{r['fresh_process_import_load_tag_seconds_median']:.2f} s"),
                 (f"{tag}: throughput (median, {a.threads} threads, batch 32)", f"{r['docs_per_second_median']:.1f} docs/s"),
                 (f"{tag}: latency, one document (median)", f"{r['single_doc_ms_median']:.0f} ms")]
        for mode in ("viterbi", "argmax"):
            d = r[f"dev_{mode}"]
            m = mode + (" (default)" if mode == r["decoding"] else "")
            rows += [(f"{tag}: {m}: ner_dev micro-F1, gold tokens", f"{d['words']['micro']['f1']:.4f}"),
                     (f"{tag}: {m}: ner_dev micro-F1, raw text", f"{d['text']['micro']['f1']:.4f}")]
        if "vs_numpy" in r:
            v = r["vs_numpy"]
            rows.append((f"{tag}: word tags differing from numpy", f"{v['word_tags_differ']} of {sum(map(len, words))}"
                         f"  (max |log-prob diff| {v['max_abs_log_prob_diff']:.2g})"))
    w = max(len(k) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"{k:<{w}}  {v}")
    first = rep[runtimes[0]]
    dev = first[f"dev_{first['decoding']}"]
    print(f"\n{'label':<10} {'P':>7} {'R':>7} {'F1':>7} {'n':>6}   (gold tokens, {first['decoding']}, {runtimes[0]})")
    for lab, s in dev["words"]["per_label"].items():
        print(f"{lab:<10} {s['precision']:7.4f} {s['recall']:7.4f} {s['f1']:7.4f} {s['support']:6d}")
    m = dev["words"]["micro"]
    print(f"{'micro':<10} {m['precision']:7.4f} {m['recall']:7.4f} {m['f1']:7.4f} {m['support']:6d}")
    print(f"report: {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
