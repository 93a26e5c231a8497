#!/usr/bin/env bash
# Set up milpsynth in a virtual environment at .venv (idempotent; about a minute on a fresh machine).
# torch: this machine has a CPU build of torch 2.13.0 on local disk. Elsewhere, set TORCH_SPEC
# (e.g. TORCH_SPEC="torch --index-url https://download.pytorch.org/whl/cu124") or install torch
# into .venv yourself first; the script keeps any torch already there.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$PY" -m venv .venv
fi
VPY=.venv/bin/python
if ! "$VPY" -c "import torch" >/dev/null 2>&1; then
  # shellcheck disable=SC2086
  "$VPY" -m pip install -q --disable-pip-version-check ${TORCH_SPEC:-torch==2.13.0}
fi
stamp=.venv/.milpsynth-installed
if [[ ! -f $stamp || pyproject.toml -nt $stamp ]]; then
  "$VPY" -m pip install -q --disable-pip-version-check -e ".[ml,dev,llamacpp]"
  touch "$stamp"
fi
