// What the suite expects to find in a client's requests: the command text as it should expand, the rule files whose
// marker reached a prompt, the lint findings a tool result carries, and what `techspec rules` and the server declare.
import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { strings } from './fake-model.js';
import { BIN, RULE_MARKERS, commandBody, techspec } from './repo.js';

/** A Markdown command (Claude Code, Kilo) as the assistant should send it: the body with `$ARGUMENTS` filled in. */
export function expandMarkdownCommand(fileText: string, args: string): string {
  return commandBody(fileText).replaceAll('$ARGUMENTS', args).trim();
}

/**
 * A Gemini TOML command's prompt with `{{args}}` filled in. Reads the two string forms a generator writes: a literal
 * multi-line string (`'''`, first newline dropped as TOML says) or a basic one-line string (JSON escapes).
 */
export function expandGeminiCommand(toml: string, args: string): string {
  const literal = /^prompt\s*=\s*'''\r?\n?([\s\S]*?)'''/m.exec(toml);
  const basic = /^prompt\s*=\s*("(?:[^"\\]|\\.)*")\s*$/m.exec(toml);
  const prompt = literal?.[1] ?? (basic?.[1] === undefined ? undefined : (JSON.parse(basic[1]) as string));
  if (prompt === undefined) throw new Error(`No prompt = '''…''' or "…" in the Gemini command:\n${toml}`);
  return prompt.replaceAll('{{args}}', args).trim();
}

/** The rule files (keys of RULE_MARKERS) whose marker line is in `text`, sorted. */
export function rulesIn(text: string): string[] {
  return Object.entries(RULE_MARKERS)
    .filter(([, marker]) => text.includes(marker))
    .map(([file]) => file)
    .sort();
}

export interface Finding {
  ruleId: string;
  line: number;
}

interface LintJson {
  results: { file: string; diagnostics: Finding[] }[];
}

/** `rule@line` for every finding of a `techspec lint --format json` report, in report order. */
export function findings(report: LintJson): string[] {
  return report.results.flatMap((r) => r.diagnostics.map((d) => `${r.file}:${d.ruleId}@${d.line}`));
}

/** The lint report inside a tool result, whatever the client wrapped around it (text blocks, `<untrusted_context>`). */
export function reportInToolResult(result: unknown): LintJson {
  const text = strings(result);
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end < start)
    throw new Error(`No JSON object in the tool result: ${text.slice(0, 500)}`);
  return JSON.parse(text.slice(start, end + 1)) as LintJson;
}

/** What `techspec lint --format json <spec>` reports in `root`: the answer lint_spec must give through any client. */
export function cliFindings(root: string, spec: string): string[] {
  const result = techspec(root, ['lint', '--format', 'json', spec]);
  return findings(JSON.parse(result.stdout) as LintJson);
}

export interface RuleSourceJson {
  tool: string;
  path: string;
  activation: string;
  globs: string[];
}

/** `techspec rules --format json` for the marker files of one tool. */
export function reportedRules(root: string, tool: string): RuleSourceJson[] {
  const result = techspec(root, ['rules', '--format', 'json']);
  const report = JSON.parse(result.stdout) as { sources: RuleSourceJson[] };
  return report.sources.filter((s) => s.tool === tool && s.path in RULE_MARKERS);
}

/** Always-on means loaded up front; the Kilo wording "always (paths: not honoured …)" counts as always too. */
export function alwaysOn(source: RuleSourceJson): boolean {
  return source.activation.startsWith('always');
}

/** The tool names the real server lists over stdio (asked with the MCP SDK's own client). */
export async function serverTools(root: string): Promise<string[]> {
  const client = new Client({ name: 'techspec-clients-suite', version: '0.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp'],
    cwd: root,
    stderr: 'ignore',
  });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    return tools.map((t) => t.name).sort();
  } finally {
    await client.close();
  }
}

/** `techspec mcp --http --port 0` in `root`; resolves with its URL once it says where it serves. */
export function startHttpServer(root: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`techspec mcp --http said no URL within 20 s: ${said}`));
    }, 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString('utf8');
      const url = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(said)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({ url, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`techspec mcp --http exited ${code ?? '?'} before serving: ${said}`));
    });
  });
}
