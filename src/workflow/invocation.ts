// How the repository runs techspec, for what init writes (MCP entries, command texts, `$schema`): a local dependency
// in its package.json runs through `npx techspec`; otherwise the `techspec` binary installed on PATH (a global
// install or `npm link`). `npx techspec` without a local dependency would ask the registry.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_SCHEMA_FILE, CONFIG_SCHEMA_URL } from '../lint/json-schema.js';

export interface Invocation {
  /** The command words before techspec's own arguments: `['npx', 'techspec']` or `['techspec']`. */
  argv: readonly string[];
  /** True when the repository's package.json depends on techspec. */
  local: boolean;
}

const DEPENDENCY_KEYS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** How `root` runs techspec, read from its package.json (none, or no techspec in it: the installed binary). */
export function invocationFor(root: string): Invocation {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    manifest = undefined;
  }
  const local = DEPENDENCY_KEYS.some((key) => {
    const deps = (manifest as Record<string, unknown> | undefined)?.[key];
    return typeof deps === 'object' && deps !== null && 'techspec' in deps;
  });
  return { argv: local ? ['npx', 'techspec'] : ['techspec'], local };
}

/** The shell words for `techspec <args>`: `npx techspec lint` or `techspec lint`. */
export function commandLine(invocation: Invocation, ...args: string[]): string {
  return [...invocation.argv, ...args].join(' ');
}

/** An MCP stdio entry's command and arguments. */
export function stdioEntry(invocation: Invocation, ...args: string[]): { command: string; args: string[] } {
  const [command = 'techspec', ...rest] = invocation.argv;
  return { command, args: [...rest, ...args] };
}

/** What `$schema` points at: the installed package's copy when local, the published one otherwise. */
export function schemaReference(invocation: Invocation): string {
  return invocation.local ? `./node_modules/techspec/${CONFIG_SCHEMA_FILE}` : CONFIG_SCHEMA_URL;
}
