#!/usr/bin/env bash
# Make the project's environment: a virtual environment with the pinned packages, and (with --browser)
# Debian's Chromium for the browser tests. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  # The quiz plugin was called "quiz-plugin" before it became the package mkdocs-quiz-banks: one copy, not two.
  .venv/bin/python -m pip uninstall --quiet --disable-pip-version-check -y quiz-plugin 2>/dev/null || true
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  touch "$stamp"
fi
# Chromium, and fontconfig with DejaVu (it has Georgian letters; a test asks fontconfig which fonts cover Georgian).
if [ "${1:-}" = "--browser" ] && { ! command -v chromium >/dev/null 2>&1 || ! command -v fc-list >/dev/null 2>&1; }; then
  echo "Installing Debian's Chromium and fonts for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fontconfig fonts-dejavu-core >/dev/null
fi
