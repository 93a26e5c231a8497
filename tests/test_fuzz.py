"""Property-based fuzzing of the public entry points: whatever a caller passes, `formulate(...)`,
`.solve()`, `Problem.from_dict` and the CLI's file reading raise nothing but `MilpsynthError`
subclasses (and finish). Budgets are bounded (a few hundred examples in all, well under 30 s):
most examples use the rule-based classifier, which is fast; a few go through the default pipeline.
"""
from __future__ import annotations

import os
import warnings

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from milpsynth import formulate  # noqa: E402
from milpsynth.document import Problem  # noqa: E402
from milpsynth.errors import MilpsynthError  # noqa: E402

SCALE = int(os.environ.get("MILPSYNTH_FUZZ_SCALE", "1"))   # more examples, random ones, when exploring


def fuzz(n: int):
    """Settings of one property: n examples, no deadline per example, reproducible, nothing saved."""
    return settings(max_examples=n * SCALE, deadline=None, derandomize=SCALE == 1, suppress_health_check=list(HealthCheck),
                    database=None)


def _run(description, solve: bool = True, **kw) -> None:
    """formulate (and solve what formulates); only milpsynth's own errors may come out."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            problem = formulate(description, **kw)
        except MilpsynthError:
            return
        assert isinstance(problem, Problem)
        str(problem)
        problem.to_dict()
        if solve:
            try:
                problem.solve(time_limit=2.0)
            except MilpsynthError:
                pass


# -- building blocks of descriptions: names, numbers in every format, sentences -------------------

NAMES = st.one_of(
    st.sampled_from(["chairs", "tables", "toy trucks", "type X", "type-x", "Property 1", "A", "I", "éclairs",
                     "😀", "🎉 boxes", "茶", "日本 tea", "x1", "bi_x", "the", "non-AC seats", "cell-phones"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12))
NUMBERS = st.one_of(
    st.integers(-10**6, 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["-$12", "$-12", "–5", "−7", "3–5", "-20%", "4 000", "4\u202f000", "10 200", "1e3", "2.5E-4",
                     "1.200,50", "1,5", "½", "1½", "⅔", "1" * 400, "0", "$0.50", "twice", "a third", "40%",
                     "one hundred thousand", "minus 5", "1.200.000", "9" * 20]),
    st.text(alphabet="0123456789,.- $%½e\u202f", min_size=1, max_size=10))
TEMPLATES = st.sampled_from([
    "Maximize profit: {a} ({n}) and {b} ({m}).", "Minimize the total cost of {a} and {b}: {n} and {m}.",
    "At most {n} {a} can be made.", "At least {n} {b} must be made.", "The total of {a} and {b} is at most {n}.",
    "Each {a} loses {n} and each {b} earns {m}.", "If we make {a}, then we make {b}.",
    "The number of {a} cannot exceed {n} times the number of {b}.", "At most {n}% of the total is {a}.",
    "Last year the shop sold {n} {a}.", "The shop is not required to make at least {n} {b}.",
    "There is no longer a limit on the number of {a}.", "{a} {n} {b} {m}", "Which of {a} and {b} should be opened?",
    "A firm is choosing which of {a}, {b} and {c} to fund; each costs {n}. The budget is {m}.",
    "How many {a} and {b} should be made to maximize profit? Each {a} gives {n} and each {b} gives {m}.",
])


KNOWN = st.sampled_from(["chairs", "tables", "stools"])     # the decisions of the anchoring objective


@st.composite
def sentences(draw):
    name = st.one_of(KNOWN, KNOWN, NAMES)
    return draw(TEMPLATES).format(a=draw(name), b=draw(name), c=draw(name), n=draw(NUMBERS), m=draw(NUMBERS))


@st.composite
def descriptions(draw):
    """Sentences of odd names and numbers; most of them after an objective that names three decisions
    (so that the constraints' templates, the linker and the solver are reached)."""
    parts = draw(st.lists(sentences(), min_size=1, max_size=6))
    if draw(st.integers(0, 3)):
        parts.insert(0, "Maximize profit: chairs ($3), tables ($5) and stools (${}).".format(draw(NUMBERS)))
    shape = draw(st.sampled_from(["paragraphs", "list", "free text"]))
    if shape == "list":
        return parts
    return ("\n\n" if shape == "paragraphs" else " ").join(parts)


# -- the properties --------------------------------------------------------------------------------------

@fuzz(150)
@given(st.text(max_size=300), st.sampled_from(["raise", "skip"]))
def test_any_string(text, on_error):
    _run(text, classify="rules", on_error=on_error)


@fuzz(150)
@given(descriptions(), st.sampled_from(["raise", "skip"]))
def test_descriptions_built_of_odd_names_and_numbers(description, on_error):
    _run(description, classify="rules", on_error=on_error)


ANYTHING = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                    max_size=3), max_leaves=8)


@fuzz(100)
@given(st.one_of(ANYTHING, st.lists(st.text(max_size=40), max_size=4), st.sets(st.text(min_size=1, max_size=5)),
                 st.binary(max_size=20), st.frozensets(st.integers())))
def test_descriptions_of_any_type(description):
    _run(description, classify="rules")


OBJ_AND_BOUND = "Maximize profit: chairs ($3) and tables ($5).\n\nAt most 40 chairs can be made."


@fuzz(150)
@given(types=st.one_of(st.none(), ANYTHING, st.dictionaries(st.integers(-1, 4), ANYTHING, max_size=3),
                       st.dictionaries(st.integers(1, 2), st.integers(-2, 15), max_size=2)),
       slots=st.one_of(st.none(), ANYTHING, st.dictionaries(st.integers(1, 2), ANYTHING, max_size=2),
                       st.dictionaries(st.integers(1, 2), st.dictionaries(
                           st.sampled_from(["var", "vars", "bound", "coefs", "sense", "share", "subset", "total",
                                            "left", "right", "factor", "if", "then"]),
                           st.one_of(ANYTHING, st.sampled_from(["chairs", "tables", "bi_chairs"]),
                                     st.lists(st.sampled_from(["chairs", "tables", "x"]), max_size=3),
                                     st.dictionaries(st.sampled_from(["chairs", "tables"]), st.floats()))),
                           max_size=2)),
       variables=st.one_of(st.none(), ANYTHING, st.lists(NAMES, max_size=3),
                           st.dictionaries(st.sampled_from(["chairs", "tables", "sofas"]),
                                           st.sampled_from(["integer", "continuous", "binary", "bogus"]))),
       on_error=st.one_of(st.sampled_from(["raise", "skip"]), ANYTHING),
       stage=st.one_of(st.just({}), st.dictionaries(st.sampled_from(["classify", "generate", "split", "bogus"]),
                                                    st.one_of(st.text(max_size=6), ANYTHING), max_size=1)))
def test_overrides_of_any_shape(types, slots, variables, on_error, stage):
    components = {"classify": "rules", **stage}
    _run(OBJ_AND_BOUND, types=types, slots=slots, variables=variables, on_error=on_error, **components)


@fuzz(12)
@given(descriptions())
def test_the_default_pipeline(description):
    _run(description, solve=False)


@fuzz(100)
@given(ANYTHING)
def test_from_dict_of_anything(data):
    try:
        Problem.from_dict(data)
    except MilpsynthError:
        pass


@fuzz(60)
@given(st.one_of(st.binary(max_size=60), st.text(max_size=60).map(lambda t: t.encode("utf-8")),
                 st.sampled_from([b"\xef\xbb\xbf[\"a\"]", b"{\"paragraphs\": 3}", b"[" * 5000, b"{", b"[1]",
                                  b"\xff\xfe", b"\"just a string\"", b"{\"text\": \"x\"}"])),
       st.sampled_from(["d.txt", "d.json"]))
def test_cli_reads_any_bytes(tmp_path_factory, data, name):
    from milpsynth.cli import read_description
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    try:
        got = read_description(str(path))
    except MilpsynthError:
        return
    assert isinstance(got, str) or (isinstance(got, list) and all(isinstance(p, str) for p in got))
