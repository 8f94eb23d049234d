// Reads rule fixtures: real Markdown files whose HTML comments state the diagnostics they expect.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createProject, listFiles, type Project } from '../src/workspace/project.js';

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/rules');

export interface Expectation {
  ruleId: string;
  line: number;
}

export interface Fixture {
  ruleId: string;
  name: string;
  file: string;
  text: string;
  valid: boolean;
  expected: Expectation[];
  options: Record<string, unknown> | undefined;
}

/** `<!-- expect: rule-id -->` marks its own line; `+N` marks N lines below; several are comma-separated. */
export function readExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split('\n').forEach((lineText, index) => {
    for (const match of lineText.matchAll(/<!--\s*expect:\s*([^>]*?)\s*-->/g)) {
      for (const part of (match[1] ?? '').split(',')) {
        const parsed = /^\s*([a-z0-9-]+)\s*(?:\+(\d+))?\s*$/.exec(part);
        if (!parsed?.[1]) throw new Error(`Bad expectation "${part}" on line ${index + 1}`);
        out.push({ ruleId: parsed[1], line: index + 1 + Number(parsed[2] ?? 0) });
      }
    }
  });
  return out.sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}

function readOptions(text: string): Record<string, unknown> | undefined {
  const match = /<!--\s*options:\s*([\s\S]*?)\s*-->/.exec(text);
  return match?.[1] ? (JSON.parse(match[1]) as Record<string, unknown>) : undefined;
}

export function readFixtures(): Fixture[] {
  if (!existsSync(FIXTURES)) return [];
  const out: Fixture[] = [];
  for (const ruleId of readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, ruleId);
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.md')) continue;
      const file = path.join(dir, name);
      const text = readFileSync(file, 'utf8');
      out.push({
        ruleId,
        name,
        file,
        text,
        valid: name.startsWith('valid-'),
        expected: readExpectations(text),
        options: readOptions(text),
      });
    }
  }
  return out;
}

/** A rule's fixtures may sit beside a `project/` folder: the repository that path checks see. */
export function fixtureProject(ruleId: string): Project | undefined {
  const root = path.join(FIXTURES, ruleId, 'project');
  return existsSync(root) ? createProject(root, listFilesNoGit(root)) : undefined;
}

function listFilesNoGit(root: string): string[] {
  // The fixture folder lives inside this repository's git work tree; list it as plain files.
  return listFiles(root).filter((file) => !file.startsWith('..'));
}
