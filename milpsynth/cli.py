"""Command line: `milpsynth formulate|example|eval|generate ...` (also `python -m milpsynth`).

Adding a subcommand: write `add_<name>(subparsers)` that calls `add_command(subparsers, NAME, ...)`,
adds its options and sets `func=` (a callable `args -> exit code`), then list it in `COMMANDS`
(or give a module with `add_parser(subparsers)` / `run(args)` and list it in `COMMAND_MODULES`).
`main()` runs `args.func(args)` and turns a `MilpsynthError` into a one-line message and exit code 2.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Callable

from .errors import MilpsynthError

EXAMPLE = Path(__file__).resolve().parent / "data" / "haus_toys.txt"


# -- shared by every subcommand ---------------------------------------------------------------------

def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 instance', '2 instances', '0 instances'; `many` for an irregular plural: plural(2, 'child', 'children')."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


_DECIMAL = re.compile(r"(?<![\w.])-?\d+\.\d+(?:e[+-]?\d+)?(?!\w|\.\d)")


def tidy_numbers(text: str, digits: int = 12) -> str:
    """Text made elsewhere with raw floats, each decimal through `fmt_num` (12 significant digits):
    'optimal 359.99399999999997' -> 'optimal 359.994', '354.0' -> '354', '0.25' stays."""
    from .expr import fmt_num
    return _DECIMAL.sub(lambda m: fmt_num(float(m.group()), digits), str(text))


class HelpFormatter(argparse.HelpFormatter):
    """Every option's help ends with its default: '(default: 30)', '(default: off)' for a flag.

    Help that already says '(default...' is left as written (for defaults better said in words), and
    so is that of a required option (say '(required)' in it)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 28, width=None):
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:   # argparse sizes the column without the subcommands' indent
            for sub in self._iter_indented_subactions(action):
                self._action_max_length = max(self._action_max_length,
                                              len(self._format_action_invocation(sub)) + self._current_indent)

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if (not action.option_strings or action.required or action.default is argparse.SUPPRESS
                or "(default" in text or text is argparse.SUPPRESS):
            return text
        from .expr import fmt_num
        d = action.default
        if isinstance(d, bool) and action.nargs == 0:
            shown = "on" if d else "off"
        elif d is None:
            shown = "none"
        elif isinstance(d, float):
            shown = fmt_num(d)
        else:
            shown = str(d)
        return f"{text} (default: {shown.replace('%', '%%')})".lstrip()


def add_command(subparsers, name: str, *, help: str, description: str | None = None,
                **kwargs) -> argparse.ArgumentParser:
    """A subcommand parser whose --help shows every default (use it for every subcommand)."""
    return subparsers.add_parser(name, help=help, description=description or help,
                                 formatter_class=HelpFormatter, **kwargs)


# -- formulate / example ------------------------------------------------------------------------------

def read_text(path: str) -> str:
    """The UTF-8 text of a file ('-': standard input), a byte-order mark skipped; an InputError
    naming the file when it cannot be read or is not UTF-8."""
    from .errors import InputError
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", None)
            data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8", "surrogateescape")
        else:
            data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", field=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x}); save it as UTF-8",
                         field=path) from None


def parse_json(raw: str, path: str):
    """JSON data of a file's text; an InputError naming the file when it does not parse."""
    from .errors import InputError
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc}", field=path) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", field=path) from None


def read_description(path: str):
    """A text file of blank-line paragraphs, or JSON: a list of paragraphs, {"paragraphs": [...]} or
    {"text": "..."} ('-' reads stdin). A UTF-8 byte-order mark is skipped. What cannot be read is an
    InputError naming the file: bytes that are not UTF-8, JSON that does not parse (a text that
    opens with '[' or '{', or any text of a .json file, is taken for JSON, never read as words),
    nesting too deep, or JSON of another shape."""
    from .errors import InputError
    raw = read_text(path)
    start = raw.lstrip()[:1]
    if start not in ("[", "{") and not path.lower().endswith(".json"):
        return raw
    parsed = parse_json(raw, path)
    if isinstance(parsed, dict):
        if isinstance(parsed.get("paragraphs"), list):
            parsed = parsed["paragraphs"]
        elif isinstance(parsed.get("text"), str):
            return parsed["text"]
        else:
            raise InputError('a JSON object must hold "paragraphs" (a list of strings) or "text" (a string); '
                             f"got keys {sorted(parsed)[:5]}", field=path)
    if isinstance(parsed, str):
        return parsed
    if not isinstance(parsed, list):
        raise InputError(f"a JSON description is a list of paragraphs, got {type(parsed).__name__}", field=path)
    for i, item in enumerate(parsed):
        if not isinstance(item, str):
            raise InputError(f"paragraph {i + 1} must be a string, got {type(item).__name__}", field=path)
    return parsed


def _formulate_and_report(source, args) -> int:
    from . import formulate
    from .llm.cli_options import formulate_options, write_transcript
    problem = formulate(source, on_error=args.on_error, classify=args.classifier, **formulate_options(args))
    write_transcript(getattr(args, "transcript", None), [problem])
    sol = problem.solve(time_limit=args.time_limit) if args.solve else None
    if args.lp:
        problem.write_lp(args.lp)
    if args.json:
        out = problem.to_dict()
        if sol is not None:
            out["solution"] = sol.to_dict()
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(problem)
        if getattr(args, "explain", False):
            print()
            print(problem.explain())
        if sol is not None:
            print()
            print(sol.report() if getattr(args, "report", False) else sol.explain())
        if args.lp:
            print(f"\nwrote {args.lp}")
    return 0


def _add_formulate_options(p: argparse.ArgumentParser, *, solve_option: bool) -> None:
    if solve_option:
        p.add_argument("--solve", action="store_true", help="solve with HiGHS and explain the solution")
    p.add_argument("--json", action="store_true", help="print the problem (and solution) as JSON")
    p.add_argument("--explain", action="store_true",
                   help="also print each paragraph beside its model elements, read back in words")
    p.add_argument("--report", action="store_true",
                   help="explain the solution with every paragraph's slack and, for LPs, duals and ranging")
    p.add_argument("--lp", metavar="OUT", help="write the model as a CPLEX LP file (default: not written)")
    p.add_argument("--time-limit", type=float, default=30.0, metavar="S",
                   help="HiGHS time limit in seconds" + (" (with --solve)" if solve_option else ""))
    _add_reading_options(p)


def _add_reading_options(p: argparse.ArgumentParser) -> None:
    """How a description is read: --on-error and --classifier (every command that formulates)."""
    from .pipeline import available
    p.add_argument("--on-error", choices=("raise", "skip"), default="raise",
                   help="raise: stop at the first paragraph that cannot be formulated; skip: leave it out "
                        "and say why")
    p.add_argument("--classifier", choices=available("classify"), default="auto",
                   help="paragraph classifier: lora (shipped transformer), rules, or auto (lora where the "
                        "ml extra is installed, else rules)")


def _run_formulate(args) -> int:
    return _formulate_and_report(read_description(args.file), args)


def _run_example(args) -> int:
    print(f"example: {EXAMPLE.name}\n")
    print(EXAMPLE.read_text(encoding="utf-8").strip() + "\n")
    return _formulate_and_report(read_description(str(EXAMPLE)), args)


def add_formulate(sub) -> argparse.ArgumentParser:
    p = add_command(sub, "formulate", help="formulate a described problem (and solve it with --solve)",
                    description="Formulate the problem a text describes as a MILP and print it, each element "
                                "with the paragraph it came from; --solve also solves it with HiGHS and "
                                "explains the solution.")
    p.add_argument("file", metavar="FILE", help="text with blank-line paragraphs, or a JSON list of paragraphs ('-': stdin)")
    _add_formulate_options(p, solve_option=True)
    from .llm.cli_options import add_llm_options
    add_llm_options(p)
    p.set_defaults(func=_run_formulate)
    return p


def add_example(sub) -> argparse.ArgumentParser:
    p = add_command(sub, "example", help="formulate and solve the bundled example problem (always solves)",
                    description=f"Print the bundled example ({EXAMPLE.name}, the Haus Toys problem), "
                                "formulate it, solve it with HiGHS and explain the solution. It always "
                                "solves: the options are those of `formulate` less --solve.")
    _add_formulate_options(p, solve_option=False)
    p.set_defaults(func=_run_example, solve=True)
    return p


def _add_problem_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="text with blank-line paragraphs, or a JSON list of paragraphs ('-': stdin)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    _add_reading_options(p)


def read_plan(path: str) -> dict:
    """A plan: a JSON object {decision: value} (a file, or '-' for standard input)."""
    from .errors import InputError
    plan = parse_json(read_text(path), path)
    if not isinstance(plan, dict):
        raise InputError('a plan is a JSON object of decisions and values, e.g. {"trucks": 10}', field=path)
    return plan


def _problem(args):
    """The problem FILE describes, formulated with the command's options."""
    from . import formulate
    return formulate(read_description(args.file), on_error=args.on_error, classify=args.classifier)


def _run_check(args) -> int:
    result = _problem(args).check(read_plan(args.plan))
    print(json.dumps(result.to_dict(), indent=2) if args.json else result)
    return 0 if result.feasible else 1


def add_check(sub) -> argparse.ArgumentParser:
    p = add_command(sub, "check", help="what-if: check a plan against the model without solving",
                    description="Formulate FILE, then evaluate PLAN.json ({decision: value}) without solving: "
                                "its objective and every paragraph it breaks, by how much. Indicators not "
                                "given follow their quantities; decisions left out count as 0. Exit code 1 "
                                "when the plan breaks the model.")
    _add_problem_options(p)
    p.add_argument("plan", metavar="PLAN.json", help="JSON object of decision values ('-': stdin)")
    p.set_defaults(func=_run_check)
    return p


def _run_diagnose(args) -> int:
    d = _problem(args).diagnose(time_limit=args.time_limit)
    print(json.dumps(d.to_dict(), indent=2) if args.json else d)
    return 0


def add_diagnose(sub) -> argparse.ArgumentParser:
    p = add_command(sub, "diagnose", help="why a model is infeasible or unbounded, and what would fix it",
                    description="Formulate and solve FILE; if it is infeasible, name the paragraphs that "
                                "conflict and the smallest change of their limits that makes it feasible, "
                                "with the plan that change allows; if unbounded, the decisions nothing "
                                "limits and the bound that is missing.")
    _add_problem_options(p)
    p.add_argument("--time-limit", type=float, default=30.0, metavar="S", help="HiGHS time limit per solve, s")
    p.set_defaults(func=_run_diagnose)
    return p


# -- the parser -----------------------------------------------------------------------------------------

# Subcommands defined here, in the order --help lists them: each adds its parser and sets func=.
COMMANDS: tuple[Callable, ...] = (add_formulate, add_example, add_check, add_diagnose)
# Subcommands defined in their own modules: `add_parser(subparsers)` (setting func=) and `run(args)`.
COMMAND_MODULES: tuple[str, ...] = ("milpsynth.evaluation.cli", "milpsynth.generators.cli")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    parser = argparse.ArgumentParser(prog="milpsynth", formatter_class=HelpFormatter,
                                     description="Natural-language decision problems to mixed-integer linear "
                                                 "programs, solved with HiGHS. `milpsynth COMMAND --help` "
                                                 "lists a command's options and their defaults.")
    parser.add_argument("--version", action="version", version=f"milpsynth {__version__}",
                        help="print 'milpsynth VERSION' and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    for module in COMMAND_MODULES:
        mod = __import__(module, fromlist=["add_parser"])
        sp = mod.add_parser(sub)
        if sp is not None and sp.get_default("func") is None:
            sp.set_defaults(func=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except MilpsynthError as exc:
        print(f"milpsynth: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
