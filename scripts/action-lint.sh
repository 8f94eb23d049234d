#!/usr/bin/env bash
# The lint step of action.yml: builds techspec in the action's folder when needed, then lints with the inputs
# (INPUT_PATHS, INPUT_FORMAT github|sarif, INPUT_FAIL_LEVEL error|warning|none, INPUT_SARIF_FILE).
# Exit codes are techspec's: 0 clean, 1 findings at or above the fail level, 2 bad input or config.
set -uo pipefail
root="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this as a step of action.yml}"
format="${INPUT_FORMAT:-github}"
level="${INPUT_FAIL_LEVEL:-error}"
args=(lint --format "$format")
case "$format" in
  github) ;;
  sarif) args+=(--output "${INPUT_SARIF_FILE:-techspec.sarif}") ;;
  *) echo "techspec action: Invalid format \"$format\", expected github or sarif" >&2; exit 2 ;;
esac
case "$level" in
  error | none) ;;
  warning) args+=(--max-warnings 0) ;;
  *) echo "techspec action: Invalid fail-level \"$level\", expected error, warning or none" >&2; exit 2 ;;
esac
if [ ! -f "$root/dist/cli.js" ]; then
  (cd "$root" && npm ci --no-audit --no-fund >&2) || { echo "techspec action: npm ci failed in $root" >&2; exit 2; }
fi
# Globs go to techspec unexpanded: it reads `!` patterns and matches against the repository's file list.
set -f
read -r -a paths <<<"${INPUT_PATHS:-}"
set +f
node "$root/bin/techspec.js" "${args[@]}" "${paths[@]}"
code=$?
if [ "$code" = 1 ] && [ "$level" = none ]; then code=0; fi
exit "$code"
