#!/usr/bin/env node
// The techspec command. `--version` is answered here, before anything else loads; the rest goes to dist/cli.js.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const cli = new URL('../dist/cli.js', import.meta.url);
  let run;
  try {
    ({ run } = await import(cli.href));
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(cli.pathname)) throw error;
    process.stderr.write('techspec: dist/cli.js is missing, expected a built package: run `npm run build`\n');
    process.exitCode = 2;
  }
  if (run) await run(args);
}
