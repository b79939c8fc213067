#!/usr/bin/env bash
# Install the app with its test tools into .venv, then run every check: lint, format, types over
# the whole app, the import contracts (views above media above model; no Qt in the model), and
# the test suite.
# Usage: bash tests/check.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

echo "== ruff (lint)"
.venv/bin/ruff check .
echo "== ruff (format)"
.venv/bin/ruff format --check .
echo "== mypy --strict app (warn_unused_ignores; relaxations listed in pyproject.toml)"
.venv/bin/mypy
echo "== import contracts: views above media above model; the model never imports Qt"
.venv/bin/lint-imports
echo "== pytest"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure, not a pass" >&2
    exit 1
fi
exit "$status"
