"""What the benchmark scripts share: writing their JSON report."""
from __future__ import annotations

import json
from pathlib import Path


def write_report(path, report: dict) -> None:
    """Write `report` as indented JSON to `path` (its folder made if need be) and say where."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"report: {path}")
