"""Fine-tune the paragraph classifier and save it as a milpsynth classifier directory.

    python -m finetune.train --data ../shared/data/li2023 --out runs/clf [--base PATH_OR_NAME]
        [--extra datasets/li2023_handwritten.jsonl] [--seed 0 --epochs 25 --lr 2e-3 --r 16 ...]

Trains on <data>/train.jsonl (+ any --extra files), reports metrics on <data>/val.jsonl after every
epoch (unless --no-eval), writes <out>/ (adapter + milpsynth_classifier.json) and <out>/eval.json +
<out>/eval_confusion.png. On a CUDA machine it trains in bf16 (fp16 on older GPUs); for several GPUs
run it under `accelerate launch -m finetune.train ...` or `torchrun --nproc_per_node N -m finetune.train ...`.
`--context` trains the context recipe (`finetune.recipe`: li2023 train + datasets/ + generator
statements + style families, each paragraph read with its problem's decisions) and evaluates on
val with contexts and on the second-source set (`finetune.second_val`).
`--keep best` keeps the epoch with the best val coarse accuracy: that selects on val, so its val
figure is optimistic; the shipped model uses `--keep last`.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from milpsynth.classifier.base import BUNDLED_BASE
from milpsynth.classifier.training import TrainConfig


def config_args(ap: argparse.ArgumentParser) -> None:
    d = TrainConfig()
    ap.add_argument("--base", default=BUNDLED_BASE, help=f"HF model directory or name (default: {BUNDLED_BASE}, bundled)")
    ap.add_argument("--seed", type=int, default=d.seed)
    ap.add_argument("--epochs", type=float, default=d.epochs)
    ap.add_argument("--lr", type=float, default=d.lr)
    ap.add_argument("--batch-size", type=int, default=d.batch_size)
    ap.add_argument("--r", type=int, default=d.r, help="LoRA rank")
    ap.add_argument("--alpha", type=int, default=d.alpha, help="LoRA alpha (default 2r)")
    ap.add_argument("--dropout", type=float, default=d.dropout, help="LoRA dropout")
    ap.add_argument("--targets", default=",".join(d.targets), help="comma-separated LoRA target modules")
    ap.add_argument("--label-smoothing", type=float, default=d.label_smoothing)
    ap.add_argument("--class-weight", choices=["none", "sqrt", "balanced"], default=d.class_weight)
    ap.add_argument("--weight-decay", type=float, default=d.weight_decay)
    ap.add_argument("--warmup", type=float, default=d.warmup)
    ap.add_argument("--max-length", type=int, default=d.max_length)
    ap.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    ap.add_argument("--device", default=None, help="auto (default), cpu, cuda[:n]")
    ap.add_argument("--extra", action="append", default=[], help="extra training JSON lines (repeatable)")
    ap.add_argument("--init-adapter", default=None,
                    help="continue training from this classifier directory's adapter (e.g. the shipped one)")


def config_from(a, **over) -> TrainConfig:
    return TrainConfig(epochs=a.epochs, lr=a.lr, batch_size=a.batch_size, r=a.r, alpha=a.alpha, dropout=a.dropout,
                       targets=tuple(t for t in a.targets.split(",") if t), weight_decay=a.weight_decay,
                       warmup=a.warmup, label_smoothing=a.label_smoothing, class_weight=a.class_weight,
                       max_length=a.max_length, seed=a.seed, threads=a.threads, device=a.device,
                       init_adapter=a.init_adapter, **over)


def main(argv=None) -> int:
    from milpsynth.classifier.estimator import LoraClassifier

    from .data import read_extra, read_split
    from .evaluate import evaluate, write_report
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="directory with train.jsonl and val.jsonl")
    ap.add_argument("--out", required=True, help="output directory for the classifier")
    ap.add_argument("--keep", choices=["last", "best"], default="last")
    ap.add_argument("--no-eval", action="store_true", help="do not evaluate on val.jsonl")
    ap.add_argument("--context", action="store_true", help="train the context recipe (finetune.recipe)")
    ap.add_argument("--styles", type=int, default=800, help="style-family examples in the context recipe")
    ap.add_argument("--per-class", type=int, default=30, help="generator statements per class in the context recipe")
    ap.add_argument("--recipe", type=int, choices=[1, 2], default=1,
                    help="context recipe version (2 adds the version-2 style families)")
    ap.add_argument("--styles-v2", type=int, default=600, help="version-2 style examples (--recipe 2)")
    ap.add_argument("--quantize-default", action="store_true",
                    help="record in the artefact that CPU inference should use dynamic int8")
    config_args(ap)
    a = ap.parse_args(argv)
    cfg = config_from(a, keep=a.keep)
    contexts = val_contexts = None
    if a.context:
        from .recipe import li2023_split, training_set
        texts, labels, contexts = training_set(seed=a.seed, n_styles=a.styles, per_class=a.per_class,
                                                data_dir=Path(a.data), version=a.recipe,
                                                n_styles_v2=a.styles_v2)
        xt, xl = [], []
        val = None if a.no_eval else li2023_split("val", Path(a.data))
        val_contexts = val[2] if val else None
    else:
        texts, labels = read_split(a.data, "train")
        xt, xl = read_extra(a.extra)
        val = None if a.no_eval else read_split(a.data, "val")
    clf = LoraClassifier(base=a.base, config=cfg, device=a.device, threads=a.threads)
    t0 = time.perf_counter()
    clf.fit(texts + xt, labels + xl, contexts=contexts, eval_texts=val[0] if val else None,
            eval_labels=val[1] if val else None, eval_contexts=val_contexts, out_dir=a.out)
    wall = time.perf_counter() - t0
    if int(os.environ.get("RANK", "0")) != 0:
        return 0
    metrics = {"train_wall_seconds": wall, "n_train": len(texts), "n_extra": len(xt), "extra": a.extra}
    for rec in clf.log_history_:
        if "eval_accuracy_coarse" in rec:
            print(f"epoch {rec['epoch']:>5.1f}  val coarse {rec['eval_accuracy_coarse']:.4f}  "
                  f"fine {rec['eval_accuracy_fine']:.4f}  loss {rec['eval_loss']:.4f}")
    if a.context:
        metrics.update({"recipe": "context", "recipe_version": a.recipe, "n_styles": a.styles,
                        "n_styles_v2": a.styles_v2 if a.recipe == 2 else 0, "n_train": len(texts)})
    if val:
        rep = evaluate(clf, *val[:2], contexts=val_contexts)
        write_report(rep, a.out)
        metrics.update({"val_accuracy_coarse": rep["accuracy_coarse"], "val_accuracy_fine": rep["accuracy_fine"]})
        print(f"val: coarse {rep['accuracy_coarse']:.4f} fine {rep['accuracy_fine']:.4f}")
        for e in rep["misclassified"]:
            print(f"  true {e['true_type']:>2} pred {e['pred_type']:>2}: {e['text'][:100]}")
    if not a.no_eval:
        from .second_val import load, measure_classifier
        sv = load()
        if sv.statements:
            for mode in ("paragraph", "problem"):
                r2 = measure_classifier(clf, sv, mode)
                metrics[f"second_val_{mode}_accuracy_coarse"] = r2["accuracy_coarse"]
                metrics[f"second_val_{mode}_correct"] = f"{r2['correct']}/{r2['n']}"
                print(f"second-source val ({mode}): {r2['correct']}/{r2['n']} = {r2['accuracy_coarse']:.4f}")
    clf.save(a.out, metrics=metrics)
    if a.quantize_default:
        meta_path = Path(a.out) / "milpsynth_classifier.json"
        meta = json.loads(meta_path.read_text())
        meta["inference"] = {"quantize": True}
        meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    print(f"trained in {wall:.0f} s; saved to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
