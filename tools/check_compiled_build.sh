#!/usr/bin/env bash
# The compiled build, checked the way users make it (docs/scale.md): a new virtual
# environment, `WIKIROUND_MYPYC=1 pip install .` with pip's build isolation, so that the
# build finds only what the build hook asks for. Then the whole test suite runs on that
# install (not on the source tree), and must neither fail nor skip anything.
#
#   bash tools/check_compiled_build.sh
#
# Needs a C compiler and Python's headers, as the compiled build does. CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'compiled build: %s\n' "$*"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

say "new virtual environment"
python -m venv "$work/venv"
py="$work/venv/bin/python"
say "WIKIROUND_MYPYC=1 pip install . (build isolation)"
WIKIROUND_MYPYC=1 "$py" -m pip install --quiet .
# The test tools only: the package stays the compiled one just installed.
mapfile -t test_tools < <("$py" -c '
import tomllib
with open("pyproject.toml", "rb") as file:
    print("\n".join(tomllib.load(file)["project"]["optional-dependencies"]["test"]))')
"$py" -m pip install --quiet "${test_tools[@]}"

# Asked from outside the source tree, so that nothing can come from src/ by accident.
loaded="$(cd "$work" && "$py" -c 'import wikiround.lossy._tree as t; print(t.__file__)')"
case "$loaded" in
    "$work"/venv/*.so) say "compiled modules in use: $loaded" ;;
    *) say "ERROR: Python imports the pure module, not the compiled one: $loaded"; exit 1 ;;
esac

say "the whole suite on the compiled build"
summary="$work/summary.txt"
status=0
HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-dev}" \
    "$py" -m pytest -q -p no:cacheprovider tests >"$summary" 2>&1 || status=$?
tail -n 30 "$summary"
[ "$status" -eq 0 ] || { say "ERROR: the suite failed on the compiled build"; exit 1; }
if tail -n 1 "$summary" | grep -Eq "skipped|xfailed|deselected"; then
    say "ERROR: tests were skipped on the compiled build"; exit 1
fi
say "passed"
