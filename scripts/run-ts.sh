#!/usr/bin/env bash
# Runs a TypeScript file directly (bundled on the fly by esbuild), for quick experiments.
set -euo pipefail
f="$1"; shift
mkdir -p node_modules/.cache
node_modules/.bin/esbuild "$f" --bundle --platform=node --format=esm --log-level=warning \
  --banner:js="import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);" \
  --outfile=node_modules/.cache/run-ts-$$.mjs && node node_modules/.cache/run-ts-$$.mjs "$@"; rc=$?; rm -f node_modules/.cache/run-ts-$$.mjs; exit $rc
