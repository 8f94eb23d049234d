#!/usr/bin/env bash
# Runs a TypeScript file directly (bundled on the fly by esbuild), for quick experiments.
set -euo pipefail
f="$1"; shift
node_modules/.bin/esbuild "$f" --bundle --platform=node --format=esm --log-level=warning \
  --banner:js="import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);" \
  --outfile=/tmp/run-ts-$$.mjs && node /tmp/run-ts-$$.mjs "$@"; rc=$?; rm -f /tmp/run-ts-$$.mjs; exit $rc
