"""The `eval` subcommand: `milpsynth eval PROBLEMS.jsonl [--save-models DIR] [--json REPORT]`.

The main command line wires it in with `add_parser(subparsers)`; `run(args)` returns the exit code
(0 when the evaluation ran, whatever the accuracy; 2 when the input could not be read).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import MilpsynthError


def add_parser(subparsers) -> argparse.ArgumentParser:
    from ..cli import add_command
    p = add_command(
        subparsers, "eval", help="formulate, solve and judge problems against their reference models",
        description="For each problem of a JSON-lines file (li2023 records {id, paragraphs, true_model}, or "
                    "NL4Opt annotated documents): formulate, solve, and judge against the reference at the "
                    "solution level (continuous and integer readings) and structurally. Prints a "
                    "per-problem table, ACC1 (solution), ACC1 (structural) and ACC3 (per paragraph). "
                    "Records that carry only text (or question) and answer (MAMO, C^3-Bench) are judged by "
                    "the answer: the optimum within 1e-4 relative, or equal after the rounding the question "
                    "asks for.")
    p.add_argument("problems", metavar="PROBLEMS.jsonl", help="JSON-lines file of problems")
    p.add_argument("--save-models", metavar="DIR",
                   help="write DIR/<id>.lp for every problem that produced a model (default: none written)")
    p.add_argument("--json", metavar="REPORT", help="write the report as JSON to REPORT (default: not written)")
    p.add_argument("--time-limit", type=float, default=30.0, metavar="S", help="HiGHS time limit per solve, s")
    p.add_argument("--verbose", "-v", action="store_true", help="print each problem's verdict")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--split", choices=("work", "blind"), default=None,
                   help="records with a split field: judge only that half (a blind half prints its score "
                        "alone) (default: all)")
    p.add_argument("--gold-variables", action="store_true",
                   help="give the generator the annotated decisions (NL4Opt records): a diagnostic that "
                        "leaves the errors of splitting, classification and slot filling")
    from ..llm.cli_options import add_llm_options
    add_llm_options(p)
    p.set_defaults(func=run)
    return p


def _run_by_answer(args, records) -> int:
    from ..llm.cli_options import formulate_options, recording_formulate
    from .by_answer import evaluate_answers
    try:
        llm = formulate_options(args)
        report = evaluate_answers(records, split=args.split, time_limit=args.time_limit,
                                  progress=not args.no_progress,
                                  formulate=recording_formulate(getattr(args, "transcript", None), llm, records=False),
                                  **llm)
    except MilpsynthError as exc:
        print(f"milpsynth eval: {exc}", file=sys.stderr)
        return 2
    return _print_report(report, args)


def _print_report(report, args) -> int:
    """The table, the summary, the count and time; the JSON report when asked. Exit code 0."""
    from ..cli import plural
    print(report.table())
    print()
    print(report.summary())
    print(f"({plural(len(report.problems), 'problem')} in {report.seconds:.2f} s)")
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
        print(f"report written to {args.json}")
    return 0


def run(args: argparse.Namespace) -> int:
    from ..cli import tidy_numbers
    from .report import evaluate, is_answer_record, read_jsonl
    try:
        records = read_jsonl(args.problems)
        if records and all(is_answer_record(r) for r in records):
            return _run_by_answer(args, records)
        if args.split is not None:
            records = [r for r in records if r.get("split") == args.split]
        from ..llm.cli_options import formulate_options, recording_formulate
        llm = formulate_options(args)
        report = evaluate(records, save_models=args.save_models, time_limit=args.time_limit,
                          progress=not getattr(args, "no_progress", False),
                          gold_variables=getattr(args, "gold_variables", False),
                          formulate=recording_formulate(getattr(args, "transcript", None), llm, records=True), **llm)
    except MilpsynthError as exc:
        print(f"milpsynth eval: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "verbose", False):
        for p in report.problems:
            print(f"== problem {p.id}")
            print(tidy_numbers(p.verdict) if p.verdict is not None else f"  no verdict: {p.error}")
            for u in p.reference_unread:
                print(f"  reference unread: {u}")
        print()
    return _print_report(report, args)


def main(argv=None) -> int:
    """Stand-alone entry (`python -m milpsynth.evaluation.cli`); `milpsynth eval` is the same."""
    from ..cli import HelpFormatter
    parser = argparse.ArgumentParser(prog="milpsynth", formatter_class=HelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
