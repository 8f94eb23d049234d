// `npm start`: lints the example project in examples/ with the built CLI and explains the exit code, then serves the
// dashboard of that project (`techspec serve`) until Ctrl-C. TECHSPEC_START_NO_SERVE=1 stops after the report.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');

if (!existsSync(path.join(root, 'dist/cli.js'))) {
  // `npm ci` runs the build (prepare); build here too so that a plain `npm start` works after `npm install --ignore-scripts`.
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('npm start: the build failed, see above');
    process.exit(build.status ?? 1);
  }
}
if (!existsSync(examples)) {
  console.error('npm start: examples/ is missing, expected the example project to lint');
  process.exit(2);
}

console.log('$ cd examples && techspec lint\n');
const lint = spawnSync(process.execPath, [path.join(root, 'bin/techspec.js'), 'lint'], {
  cwd: examples,
  stdio: 'inherit',
});

const explanations = {
  0: 'exit code 0: no findings.',
  1: 'exit code 1: findings were reported (expected: examples/ holds a spec with deliberate flaws).',
  2: 'exit code 2: techspec could not lint everything (usage, config or input failure, see above).',
};
const status = lint.status ?? 2;
console.log(`\n${explanations[status] ?? `exit code ${status}: unexpected.`}`);
// Findings are what this demo is for; only a failure to produce the report fails `npm start`.
process.exitCode = status === 0 || status === 1 ? 0 : status;

if (process.exitCode === 0 && !['1', 'true'].includes(process.env.TECHSPEC_START_NO_SERVE ?? '')) {
  console.log('\n$ cd examples && techspec serve   (Ctrl-C stops it; TECHSPEC_START_NO_SERVE=1 skips it)\n');
  const serve = spawn(
    process.execPath,
    [path.join(root, 'bin/techspec.js'), 'serve', '--log-level', 'warn'],
    {
      cwd: examples,
      stdio: 'inherit',
    },
  );
  // Ctrl-C reaches the server too (same process group): wait for it to close instead of dying first.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => serve.kill('SIGTERM'));
  serve.on('exit', (code) => {
    process.exitCode = code ?? 0;
  });
}
