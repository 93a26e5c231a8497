"""Before/after of the numpy runtime's two speed-ups, in one process under the same load: the old
path (every token through the last layer, one batch at a time on BLAS threads) against the new one
(first token only in the last layer, batches in threads), alternating runs; and the prediction
differences between the two on the li2023 val paragraphs and the second-source statements.

    .venv/bin/python benchmarks/bench_classifier_paths.py [--model DIR] [--threads 2] [--runs 5]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--out", default=None)
    a = ap.parse_args(argv)
    import numpy as np

    from finetune.data import read_split
    from finetune.second_val import load
    from milpsynth.classifier import load_classifier
    from milpsynth.classifier.context import context_text
    clf = load_classifier(a.model, threads=a.threads, runtime="numpy")
    texts, _ = read_split(ROOT.parent / "shared" / "data" / "li2023", "val")
    ctx = None
    if clf.uses_context:
        from finetune.recipe import li2023_split
        ctx = li2023_split("val", ROOT.parent / "shared" / "data" / "li2023")[2]
    model, full = clf.model_, clf.model_.hidden_states
    threads = clf.threads

    def old_path():
        model.hidden_states = lambda ids, mask, tt=None, first_only=False: full(ids, mask, tt, first_only=False)
        clf.threads = None            # workers = 1; BLAS keeps the threads set at load

    def new_path():
        model.hidden_states = full
        clf.threads = threads

    sv = [s.text for s in load().typed()]
    check = texts + sv
    check_ctx = (ctx + [context_text([])] * len(sv)) if ctx else None
    res = {}
    for name, setp in (("old", old_path), ("new", new_path)):
        setp()
        res[name] = clf.predict(check, contexts=check_ctx), clf.decision_function(check, check_ctx)
    diff_type = sum(x.type != y.type for x, y in zip(res["old"][0], res["new"][0]))
    diff_fine = sum(x.fine != y.fine for x, y in zip(res["old"][0], res["new"][0]))
    max_logit = float(np.abs(res["old"][1] - res["new"][1]).max())
    big, big_ctx = texts * a.repeat, (ctx * a.repeat if ctx else None)
    speeds = {"old": [], "new": []}
    for _ in range(a.runs):
        for name, setp in (("old", old_path), ("new", new_path)):
            setp()
            t0 = time.perf_counter()
            clf.predict(big, contexts=big_ctx)
            speeds[name].append(len(big) / (time.perf_counter() - t0))
    rep = {"model": str(a.model or "shipped"), "context": bool(ctx), "threads": a.threads, "n_checked": len(check),
           "type_differs": diff_type, "fine_differs": diff_fine, "max_abs_logit_diff": max_logit,
           "paragraphs_per_second_median": {k: statistics.median(v) for k, v in speeds.items()}, "runs": speeds}
    print(json.dumps(rep, indent=1))
    if a.out:
        Path(a.out).write_text(json.dumps(rep, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
