"""Free text the rules were not written on: formulate and solve the NL4Opt ner_train documents.

    .venv/bin/python benchmarks/bench_free_text.py [--data ../shared/data/nl4opt] [--range START:STOP]
        [--out benchmarks/results/free_text.json]

The generation rules were written reading the 99 generation_dev documents' failures; ner_train's
713 documents were never read for that (the tagger learnt their tags, so variable identification
is at its best there). They carry no reference model, so this measures coverage, not accuracy:
how many documents give a model without an error, how many of those HiGHS solves to an optimum,
how many statements were skipped, and what the errors say. The text is rebuilt from the tokens
(spaces before punctuation removed, '$ 10' -> '$10'). Prints a table and writes a JSON report.
Documents 356 on (the second half) have never been read to write a rule; 0-355 were, from the
third release on, so quote the second half as the figure for unseen text.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _report import write_report  # noqa: E402  (benchmarks/ is the script's folder)


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r"\s+([.,;:?!%)\]'’]|n't|'s)", r"\1", text)
    text = re.sub(r"([$(\[])\s+", r"\1", text)
    return re.sub(r"\s+-\s+", "-", text)


def error_kind(message: str) -> str:
    """The error message without its particulars (numbers, quoted names, lists)."""
    m = re.sub(r"paragraph \d+: ", "", message)
    m = re.sub(r"\(known:.*?\)|\[.*?\]|'[^']*'|\d+(\.\d+)?", "…", m)
    return m[:90]


def main(argv=None) -> int:
    from milpsynth.tagger.conll import data_dir, read_conll
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(data_dir()))
    ap.add_argument("--range", default=":", metavar="START:STOP",
                    help="documents START..STOP-1 (default all); 0:356 is the half read while writing rules "
                         "(from 2026-11-25), 356: the half kept unread")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "free_text.json"))
    a = ap.parse_args(argv)
    path = Path(a.data) / "ner_train.txt"
    if not path.is_file():
        print(f"no {path}: give --data the NL4Opt folder", file=sys.stderr)
        return 2

    from milpsynth import formulate
    from milpsynth.errors import MilpsynthError
    start, _, stop = a.range.partition(":")
    first = int(start or 0)
    docs = read_conll(path)[first: int(stop) if stop else None]
    formulate("Maximize profit: each chair earns $5. At most 10 chairs.")      # load models before timing
    rows, errors, seconds = [], Counter(), []
    for i, d in enumerate(tqdm(docs, desc="formulate", unit="doc")):
        text = detokenize(list(d.tokens))
        t0 = time.perf_counter()
        row = {"doc": first + i, "status": None, "error": None, "skipped": 0, "statements": 0}   # no data copied
        try:
            p = formulate(text, on_error="skip")
            row["statements"] = len(p.paragraphs)
            row["skipped"] = sum(q.skipped is not None for q in p.paragraphs)
            row["status"] = p.solve(time_limit=10).status.value
        except MilpsynthError as exc:
            row["error"] = f"{type(exc).__name__}: {exc}"
            errors[f"{type(exc).__name__}: {error_kind(str(exc))}"] += 1
        seconds.append(time.perf_counter() - t0)
        rows.append(row)
    n = len(rows)
    status = Counter(r["status"] for r in rows if r["status"])
    with_skips = sum(r["skipped"] > 0 for r in rows if r["status"])
    statements = sum(r["statements"] for r in rows)
    whole = sum(r["status"] == "optimal" and not r["skipped"] for r in rows)
    skipped = sum(r["skipped"] for r in rows)
    report = {"n_docs": n, "formulated": n - sum(errors.values()), "status": dict(status),
              "optimal_with_every_statement": whole,
              "docs_with_skipped_statements": with_skips, "statements": statements, "skipped_statements": skipped,
              "median_seconds": statistics.median(seconds) if seconds else None,
              "errors": dict(errors.most_common()), "documents": rows}
    print(f"{'documents':<40} {n}")
    print(f"{'formulated (no error)':<40} {report['formulated']} ({report['formulated'] / n:.1%})")
    for k, v in status.most_common():
        print(f"{'  solved: ' + k:<40} {v}")
    print(f"{'  with a statement skipped':<40} {with_skips}")
    print(f"{'statements skipped / all':<40} {skipped}/{statements}")
    print(f"{'optimal, every statement used':<40} {whole} ({whole / n:.1%}): at most this many are right")
    print(f"{'median s per document (formulate+solve)':<40} {report['median_seconds']:.3f}")
    print("errors (whole document):")
    for k, v in errors.most_common(12):
        print(f"  {v:4d}  {k}")
    write_report(a.out, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
