"""k-fold cross-validation on train.jsonl only (val.jsonl is never read), for choosing settings.

    python -m finetune.cv --data ../shared/data/li2023 --folds 3 --name base --out runs/cv.jsonl [train options]

Appends one JSON line per setting to --out: per-fold coarse/fine accuracy, mean, the errors.
Extra (hand-written) data is only ever added to the training folds.

`--context` cross-validates the context recipe (`finetune.recipe`, `--recipe 1|2`): the li2023
train rows of the other folds plus all the recipe's other data train, the held-out fold is read
with its contexts.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time

from milpsynth.labels import FINE_TO_TYPE


def main(argv=None) -> int:
    from milpsynth.classifier.estimator import LoraClassifier

    from .data import read_extra, read_split, stratified_folds
    from .train import config_args, config_from
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--fold-seed", type=int, default=0)
    ap.add_argument("--only-folds", default=None, help="comma-separated fold numbers to run (default all)")
    ap.add_argument("--name", default="setting")
    ap.add_argument("--context", action="store_true", help="cross-validate the context recipe")
    ap.add_argument("--recipe", type=int, choices=[1, 2], default=1)
    ap.add_argument("--styles", type=int, default=800)
    ap.add_argument("--styles-v2", type=int, default=600)
    ap.add_argument("--per-class", type=int, default=30)
    ap.add_argument("--out", default="runs/cv.jsonl")
    config_args(ap)
    a = ap.parse_args(argv)
    cfg = config_from(a)
    texts, labels = read_split(a.data, "train")
    xt, xl = read_extra(a.extra)
    ctx = None
    if a.context:
        from pathlib import Path

        from .recipe import li2023_split, training_set
        ctx = li2023_split("train", Path(a.data))[2]
    folds = stratified_folds(labels, a.folds, a.fold_seed)
    run = [int(f) for f in a.only_folds.split(",")] if a.only_folds else range(a.folds)
    res = {"name": a.name, "config": cfg.to_dict(), "extra": a.extra, "folds": [],
           "context_recipe": a.recipe if a.context else None}
    for k in run:
        held = set(folds[k])
        tr = [i for i in range(len(texts)) if i not in held]
        te = sorted(held)
        t0 = time.perf_counter()
        if a.context:
            tt, tl, tc = training_set(seed=a.seed, n_styles=a.styles, per_class=a.per_class, data_dir=Path(a.data),
                                      li2023_indices=tr, version=a.recipe, n_styles_v2=a.styles_v2)
            clf = LoraClassifier(base=a.base, config=cfg, threads=a.threads).fit(tt, tl, contexts=tc, progress=False)
        else:
            clf = LoraClassifier(base=a.base, config=cfg, threads=a.threads).fit(
                [texts[i] for i in tr] + xt, [labels[i] for i in tr] + xl, progress=False)
        secs = time.perf_counter() - t0
        preds = clf.predict([texts[i] for i in te], contexts=[ctx[i] for i in te] if ctx else None)
        coarse = sum(p.type == FINE_TO_TYPE[labels[i]] for p, i in zip(preds, te)) / len(te)
        fine = sum(p.fine == labels[i] for p, i in zip(preds, te)) / len(te)
        errs = [(FINE_TO_TYPE[labels[i]], p.type, texts[i][:90]) for p, i in zip(preds, te)
                if p.type != FINE_TO_TYPE[labels[i]]]
        res["folds"].append({"fold": k, "coarse": coarse, "fine": fine, "seconds": secs, "errors": errs})
        print(f"[{a.name}] fold {k}: coarse {coarse:.4f} fine {fine:.4f} ({len(errs)} type errors, {secs:.0f} s)",
              flush=True)
    cs = [f["coarse"] for f in res["folds"]]
    fs = [f["fine"] for f in res["folds"]]
    res["coarse_mean"] = statistics.mean(cs)
    res["fine_mean"] = statistics.mean(fs)
    res["type_errors"] = sum(len(f["errors"]) for f in res["folds"])
    print(f"[{a.name}] mean coarse {res['coarse_mean']:.4f} fine {res['fine_mean']:.4f} "
          f"({res['type_errors']} type errors in {sum(len(folds[k]) for k in run)})", flush=True)
    with open(a.out, "a") as fh:
        fh.write(json.dumps(res) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
