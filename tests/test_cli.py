import json
import subprocess
import sys

from milpsynth.cli import main


def test_formulate_text_file_with_solve_and_lp(tmp_path, capsys):
    src = tmp_path / "p.txt"
    src.write_text("Maximise profit: each chair earns $5 and each table earns $8. How many chairs and tables?\n\n"
                   "There are 100 hours available. Each chair takes 2 hours and each table takes 5 hours.\n")
    lp = tmp_path / "m.lp"
    assert main(["formulate", str(src), "--solve", "--lp", str(lp)]) == 0
    out = capsys.readouterr().out
    assert "2*chairs + 5*tables <= 100  [p2 type 3]" in out and "objective (maximize): 250" in out
    assert lp.read_text().startswith("\\ milpsynth model")


def test_formulate_json_list_to_json(tmp_path, capsys):
    src = tmp_path / "p.json"
    src.write_text(json.dumps(["Maximise profit: each chair earns $5 and each table earns $8. How many chairs "
                               "and tables?", "At most 10 chairs and tables in total."]))
    assert main(["formulate", str(src), "--json", "--solve"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["solution"]["status"] == "optimal" and d["solution"]["objective"] == 80


def test_errors_are_one_line_not_a_traceback(tmp_path, capsys):
    src = tmp_path / "p.txt"
    src.write_text("At most 10 chairs.")
    assert main(["formulate", str(src)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("milpsynth: error:") and "Traceback" not in err
    assert main(["formulate", str(tmp_path / "missing.txt")]) == 2


def test_python_dash_m_example():
    out = subprocess.run([sys.executable, "-m", "milpsynth", "example"], capture_output=True, text=True, check=True)
    assert "status: optimal" in out.stdout and "bi_ships <= bi_aeroplanes" in out.stdout


# -- polish: --version, defaults in --help, no dead options, plurals, number formatting ----------------

import argparse  # noqa: E402
from collections import Counter  # noqa: E402

import pytest  # noqa: E402

import milpsynth  # noqa: E402
from milpsynth import cli  # noqa: E402
from milpsynth.expr import fmt_num  # noqa: E402


def _subparsers(parser):
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out == f"milpsynth {milpsynth.__version__}\n"


def test_every_option_of_every_command_shows_its_default():
    parser = cli.build_parser()
    subs = _subparsers(parser)
    assert set(subs) >= {"formulate", "example", "eval", "generate"}
    for name, sp in subs.items():
        fmt = sp._get_formatter()
        assert isinstance(fmt, cli.HelpFormatter), name
        for action in sp._actions:
            if not action.option_strings or "-h" in action.option_strings:
                continue
            text = fmt._get_help_string(action)
            assert "(default" in text or "(required)" in text, f"{name} {action.option_strings}: {text!r}"
        sp.format_help()   # every help string formats
    help_text = subs["formulate"].format_help()
    assert "(default: 30)" in help_text and "(default: auto)" in help_text and "(default: off)" in help_text
    assert "(default: 60)" in subs["generate"].format_help()


def test_example_always_solves_and_has_no_solve_option(capsys):
    parser = cli.build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["example", "--solve"])
    assert "always solves" in _subparsers(parser)["example"].format_help()
    assert parser.parse_args(["example"]).solve is True
    assert parser.parse_args(["formulate", "x.txt"]).solve is False


def test_plural():
    assert [cli.plural(n, "instance") for n in (0, 1, 2)] == ["0 instances", "1 instance", "2 instances"]
    assert cli.plural(3, "child", "children") == "3 children"


def test_fmt_num_keeps_its_outputs_and_drops_float_noise():
    assert [fmt_num(x) for x in (2, 2.0, -3.0, 0.4, 1 / 3, 0.001, 12.5)] == ["2", "2", "-3", "0.4", "0.333333",
                                                                           "0.001", "12.5"]
    assert fmt_num(3.9000000000000004) == "3.9" and fmt_num(2.9999999999999996) == "3"
    assert fmt_num(1234567.25) == "1234567" and fmt_num(1e-5) == "1e-05" and fmt_num(1e20) == "1e+20"
    assert fmt_num(float("inf")) == "inf" and fmt_num(-0.0) == "0"
    assert fmt_num(359.99999399999996, 12) == "359.999994"


def test_tidy_numbers():
    assert (cli.tidy_numbers("generated optimal 359.99399999999997, reference optimal 354.0 at M=1e+06; p=0.55.")
            == "generated optimal 359.994, reference optimal 354 at M=1e+06; p=0.55.")


def test_generate_summary_counts_and_numbers():
    from milpsynth.generators.cli import summary
    assert (summary("knapsack", Counter(optimal=1), [3.9000000000000004], 0.31)
            == "1 instance of knapsack in 0.3 s: optimal 1; objective 3.9")
    assert (summary("tsp", Counter(optimal=2, time_limit=1), [10.0, None, 3.9000000000000004], 2.0, "t.jsonl")
            == "3 instances of tsp in 2.0 s: optimal 2, time_limit 1; objectives 3.9 to 10 -> t.jsonl")


def test_generate_prints_one_instance(tmp_path, capsys):
    out = tmp_path / "k.jsonl"
    assert main(["generate", "knapsack", "--sizes", "5", "--no-lp", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 instance of knapsack" in err and "1 instances" not in err and len(out.read_text().splitlines()) == 1


def test_eval_prints_one_problem(tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": 1, "paragraphs": ["Maximize profit: $3 per chair.", "At most 4 chairs."],
                                "true_model": "Maximize 3*chairs\nchairs <= 4"}) + "\n")
    assert main(["eval", str(path), "--no-progress", "-v", "--time-limit", "10"]) == 0
    out = capsys.readouterr().out
    assert "(1 problem in " in out and "1 problems" not in out


def test_a_new_subcommand_is_one_function(monkeypatch, capsys):
    """How `check`/`diagnose` will be added: add_command + func=, listed in COMMANDS."""
    def add_hello(sub):
        p = cli.add_command(sub, "hello", help="say hello")
        p.add_argument("--name", default="world", help="whom to greet")
        p.set_defaults(func=lambda args: print(f"hello {args.name}") or 0)
        return p
    monkeypatch.setattr(cli, "COMMANDS", cli.COMMANDS + (add_hello,))
    assert main(["hello"]) == 0 and capsys.readouterr().out == "hello world\n"
    assert "(default: world)" in _subparsers(cli.build_parser())["hello"].format_help()
