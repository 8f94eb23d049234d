#!/usr/bin/env node
// A pass-through MCP stdio server for the real-clients suite: starts `techspec mcp` and relays both directions,
// appending every line to the log file named by TECHSPEC_TAP_LOG as {"dir":"in"|"out","line":…}.
//   node mcp-tap.mjs <path of bin/techspec.js>
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

const log = process.env.TECHSPEC_TAP_LOG;
const bin = process.argv[2];
if (!log || !bin) {
  process.stderr.write('mcp-tap: usage: TECHSPEC_TAP_LOG=<file> node mcp-tap.mjs <bin/techspec.js>\n');
  process.exit(2);
}

const server = spawn(process.execPath, [bin, 'mcp'], { stdio: ['pipe', 'pipe', 'inherit'] });

/** Relays `from` to `to` untouched and logs each complete line with its direction. */
function relay(from, to, dir) {
  let pending = '';
  from.on('data', (chunk) => {
    to.write(chunk);
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines)
      if (line.trim() !== '') appendFileSync(log, `${JSON.stringify({ dir, line })}\n`);
  });
}

relay(process.stdin, server.stdin, 'in');
relay(server.stdout, process.stdout, 'out');
process.stdin.on('end', () => server.stdin.end());
server.on('exit', (code) => process.exit(code ?? 0));
