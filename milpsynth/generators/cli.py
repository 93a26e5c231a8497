"""The `generate` subcommand: `milpsynth generate CLASS --sizes 5:20 --per-size 10 --out tsp.jsonl`.

`add_parser(subparsers)` adds it to a parent argparse; `run(args)` executes it and returns the exit
code. `python -m milpsynth.generators.cli ...` runs it stand-alone.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from ..errors import GeneratorError, MilpsynthError
from .base import LEVELS, PERTURBATIONS


def parse_sizes(text: str) -> list[str]:
    """'5:20' (inclusive range, optional ':step'), '10,100,1000', or for jobshop '10x10,5x5'."""
    out: list[str] = []
    for part in str(text).split(","):
        part = part.strip()
        if not part:
            continue
        if ":" in part:
            bits = part.split(":")
            try:
                nums = [int(b) for b in bits]
            except ValueError:
                raise GeneratorError(f"size range {part!r} must be START:STOP or START:STOP:STEP of whole numbers",
                                     field="--sizes") from None
            if len(nums) not in (2, 3) or (len(nums) == 3 and nums[2] < 1) or nums[1] < nums[0]:
                raise GeneratorError(f"size range {part!r} must be START:STOP[:STEP] with START <= STOP, STEP >= 1",
                                     field="--sizes")
            out += [str(v) for v in range(nums[0], nums[1] + 1, nums[2] if len(nums) == 3 else 1)]
        else:
            out.append(part)
    if not out:
        raise GeneratorError(f"no sizes in {text!r}", field="--sizes")
    return out


def add_parser(subparsers) -> argparse.ArgumentParser:
    from ..cli import add_command
    from . import CLASSES
    p = add_command(
        subparsers, "generate", help="generate verified benchmark instances of an OR problem class (JSON lines)",
        description="Generate instances of one of ten OR problem classes, solve each with HiGHS, and write "
                    "one JSON line per instance (C^3-Bench fields plus seed, data, paragraphs, status, "
                    "mip_gap, model_lp, objective_shift). A progress bar and a one-line summary go to "
                    "standard error (--quiet: neither).")
    p.add_argument("problem_class", metavar="CLASS", choices=CLASSES, help="one of: " + ", ".join(CLASSES))
    p.add_argument("--sizes", required=True,
                   help="5:20 (range), 5:20:5 (range with step), 10,100,1000 (list); jobshop JOBSxMACHINES, "
                        "e.g. 3x3,10x10 (required)")
    p.add_argument("--per-size", type=int, default=1, metavar="N", help="instances per size")
    p.add_argument("--seed", type=int, default=0, help="master seed")
    p.add_argument("--perturb", choices=PERTURBATIONS, default="none", help="perturbation")
    p.add_argument("--level", choices=LEVELS, default=None,
                   help="linguistic level (default: plain; hard with --perturb language)")
    p.add_argument("--time-limit", type=float, default=60.0, metavar="S", help="HiGHS time limit per instance, s")
    p.add_argument("--backend", choices=("auto", "pyomo", "highs"), default="auto",
                   help="auto: Pyomo below 2,000 columns, highspy arrays above")
    p.add_argument("--no-lp", action="store_true", help="leave model_lp empty (null)")
    p.add_argument("--out", default="-", metavar="FILE", help="output file (default: -, standard output)")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)
    return p


def summary(cls: str, statuses: Counter, answers: list, seconds: float, out: str = "-") -> str:
    """'2 instances of knapsack in 0.3 s: optimal 2; objectives 80 to 93.5 -> ks.jsonl'."""
    from ..cli import plural
    from ..expr import fmt_num
    text = (f"{plural(sum(statuses.values()), 'instance')} of {cls} in {seconds:.1f} s: "
            + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    known = [a for a in answers if a is not None]
    if len(known) == 1:
        text += f"; objective {fmt_num(known[0])}"
    elif known:
        lo, hi = min(known), max(known)
        text += f"; objectives {fmt_num(lo)}" + ("" if fmt_num(lo) == fmt_num(hi) else f" to {fmt_num(hi)}")
    return text + ("" if out == "-" else f" -> {out}")


def run(args) -> int:
    from . import generate
    try:
        sizes = parse_sizes(args.sizes)
        if args.per_size < 1:
            raise GeneratorError(f"must be at least 1, got {args.per_size}", field="--per-size")
        out = sys.stdout if args.out == "-" else open(args.out, "w")
    except (MilpsynthError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    statuses: Counter = Counter()
    answers: list = []
    try:
        for inst in generate(args.problem_class, sizes=sizes, n=args.per_size, seed=args.seed,
                             perturb=args.perturb, level=args.level, time_limit=args.time_limit,
                             backend=args.backend, with_lp=not args.no_lp, progress=not args.quiet):
            out.write(inst.to_json() + "\n")
            out.flush()
            statuses[inst.status] += 1
            answers.append(inst.answer)
    except MilpsynthError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if out is not sys.stdout:
            out.close()
    if not args.quiet:
        print(summary(args.problem_class, statuses, answers, time.perf_counter() - start, args.out),
              file=sys.stderr)
    return 0


def main(argv=None) -> int:
    from ..cli import HelpFormatter
    parser = argparse.ArgumentParser(prog="python -m milpsynth.generators.cli", formatter_class=HelpFormatter)
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
