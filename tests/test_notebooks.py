"""Every walkthrough notebook (notebooks/*.ipynb) runs top to bottom without an error, and what it
shows names no absolute path of this machine.

Each notebook runs in a fresh `python3` kernel with notebooks/ as the working directory and a timeout
per cell (scripts/run_notebooks.py, which also saves the outputs when run by hand). A notebook whose
metadata says `"milpsynth": {"needs_data": ["li2023"]}` is skipped where those data sets are absent.
The pictures a notebook saves go to a temporary folder, so the committed ones stay as they are.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import DATA

ROOT = Path(__file__).resolve().parents[1]


def _runner():
    spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "scripts" / "run_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


runner = _runner()
NOTEBOOKS = runner.notebooks()


def test_there_are_walkthroughs():
    names = [p.name for p in NOTEBOOKS]
    assert {"1_paragraph_by_paragraph.ipynb", "2_fine_tuning_the_classifier.ipynb",
            "3_problems_with_data.ipynb"} <= set(names), names


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path):
    import nbformat
    nb = nbformat.read(path, as_version=4)
    needs = nb.metadata.get("milpsynth", {}).get("needs_data", [])
    missing = [d for d in needs if not (DATA / d).exists()]
    if missing:
        pytest.skip(f"{path.name} reads ../shared/data/{missing[0]}, not found at {DATA} (set MILPSYNTH_DATA)")
    executed, _ = runner.execute(path, env={"MILPSYNTH_NOTEBOOK_FIGURES": str(tmp_path / "figures")})
    errors = [out for cell in executed.cells for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    assert not errors, errors[0].get("ename")
    assert any(out for cell in executed.cells for out in cell.get("outputs", [])), "the notebook showed nothing"
    assert not runner.leaked_paths(executed), runner.leaked_paths(executed)[:3]
    # the committed copy is what a code host shows: no machine's paths in it either
    assert not runner.leaked_paths(nb), runner.leaked_paths(nb)[:3]


def test_leaked_paths_are_found():
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output
    nb = new_notebook(cells=[new_code_cell("print(1)", outputs=[
        new_output("stream", name="stdout", text="saved to /tmp/xyz/model.bin\n")])])
    assert runner.leaked_paths(nb) and "/tmp/xyz" in runner.leaked_paths(nb)[0]
    clean = nbformat.from_dict(nb)
    clean.cells[0].outputs = [new_output("stream", name="stdout", text="saved to runs/model.bin\n")]
    assert runner.leaked_paths(clean) == []
