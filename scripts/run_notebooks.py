"""Execute the walkthrough notebooks (notebooks/*.ipynb) top to bottom and save their outputs in place.

    .venv/bin/python scripts/run_notebooks.py                 # every notebook, outputs saved
    .venv/bin/python scripts/run_notebooks.py 1_paragraph_by_paragraph.ipynb --no-save

Each notebook runs in a fresh `python3` kernel (this interpreter's environment) with notebooks/ as
the working directory, a timeout per cell, and stops at the first error (the cell is named). The
saved outputs are then checked for absolute paths of this machine (/work, /root, /tmp, the home
folder): a notebook that leaks one is refused. tests/test_notebooks.py uses `execute` the same way,
without saving. Prints the run time of each notebook.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CELL_TIMEOUT = 600          # seconds per cell; the slowest (notebook 2's short training) takes ~30 s on an idle 2-core machine
KERNEL = "python3"


def notebooks() -> list[Path]:
    """Every walkthrough notebook, in name order."""
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("."))


def leaked_paths(nb) -> list[str]:
    """Absolute paths of a machine found in a notebook's sources or outputs ('/work/...', '/tmp/...')."""
    roots = {"/work", "/root", "/tmp", "/home", str(Path.home()), str(ROOT)}
    pattern = re.compile("|".join(re.escape(r) + r"(?=[/\s'\"]|$)" for r in sorted(roots, key=len, reverse=True)))
    found = []
    for k, cell in enumerate(nb.cells, 1):
        texts = [cell.source]
        for out in cell.get("outputs", []):
            texts.append(out.get("text", ""))
            for key, value in out.get("data", {}).items():
                if key.startswith("text/"):
                    texts.append(value if isinstance(value, str) else "".join(value))
            texts += out.get("traceback", [])
        for text in texts:
            for m in pattern.finditer(text):
                line = text[max(0, m.start() - 30): m.end() + 40].replace("\n", " ")
                found.append(f"cell {k}: ...{line}...")
    return found


def execute(path: Path, *, timeout: int = CELL_TIMEOUT, env: dict | None = None):
    """Run the notebook at `path` in a fresh kernel, notebooks/ as the working directory; returns
    (executed notebook, seconds). A failing cell raises nbclient's CellExecutionError."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    kernel_env = {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "module://matplotlib_inline.backend_inline",
                  **(env or {})}
    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    t0 = time.perf_counter()
    client.execute(env=kernel_env)        # the kernel's environment; this process's is left as it is
    return nb, time.perf_counter() - t0


def main(argv=None) -> int:
    import nbformat
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="notebook file names in notebooks/ (default: all)")
    ap.add_argument("--no-save", action="store_true", help="run only; leave the saved outputs as they are")
    ap.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help="seconds per cell")
    a = ap.parse_args(argv)
    paths = [NOTEBOOKS / n for n in a.names] if a.names else notebooks()
    failed = 0
    for path in paths:
        print(f"{path.name}: running ...", flush=True)
        try:
            nb, seconds = execute(path, timeout=a.timeout)
        except Exception as exc:      # nbclient's CellExecutionError / CellTimeoutError: the cell and its error
            failed += 1
            print(f"{path.name}: FAILED, nothing saved\n{exc}")
            continue
        leaks = leaked_paths(nb)
        if leaks:
            failed += 1
            print(f"{path.name}: REFUSED, absolute paths in the outputs:\n  " + "\n  ".join(leaks[:10]))
            continue
        if not a.no_save:
            nbformat.write(nb, path)
        print(f"{path.name}: {seconds:.1f} s{'' if a.no_save else ', saved'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
