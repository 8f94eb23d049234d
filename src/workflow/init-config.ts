// The files `techspec init` writes besides the assistants' ones: the config with its defaults spelled out, the
// `.gitignore` line for techspec's cache folder, and the template copy.
import path from 'node:path';
import type { z } from 'zod';
import { configFileIn } from '../workspace/config.js';
import { findProjectRoot } from '../workspace/root.js';
import { DEFAULT_SPEC_GLOBS } from '../workspace/config-schema.js';
import { RULES } from '../lint/rules/index.js';
import { DEFAULT_PRESETS } from '../spec/presets.js';

export const CONFIG_FILE = 'techspec.config.json';
// Named so that no default spec glob (techspec.md, techspec-*.md in any folder) takes the template for a spec.
export const TEMPLATE_COPY = 'templates/spec-template.md';
export const IGNORE_LINE = '.techspec/';

/** Option defaults longer than this many items (marker regexes, label lists) stay implicit: they would bury the rest. */
const MAX_SPELLED_ITEMS = 3;

/**
 * The config file text: presets, spec globs, ignores and every rule with its default severity and its short option
 * defaults; `template` when the project keeps a copy of the template.
 */
export function defaultConfigText(template: string | undefined): string {
  const rules: Record<string, unknown> = {};
  for (const rule of RULES) {
    // Rules of the strict preset are left out, so that `"extends": "strict"` turns them on.
    if (rule.strict === true) continue;
    const level = rule.severity === 'warning' ? 'warn' : 'error';
    const defaults = (rule.options as z.ZodType).parse({}) as Record<string, unknown>;
    const spelled = Object.fromEntries(Object.entries(defaults).filter(([, value]) => isShort(value)));
    rules[rule.id] = Object.keys(spelled).length === 0 ? level : [level, spelled];
  }
  const config = {
    ...(template === undefined ? {} : { template }),
    presets: [...DEFAULT_PRESETS],
    specs: [...DEFAULT_SPEC_GLOBS],
    ignore: [],
    rules,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function isShort(value: unknown): boolean {
  if (Array.isArray(value)) return value.length <= MAX_SPELLED_ITEMS;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length <= MAX_SPELLED_ITEMS;
  return true;
}

/** The name of the config file techspec would load at `root`, if any (package.json with a `techspec` key). */
export function existingConfig(root: string): string | undefined {
  const file = configFileIn(root);
  return file === undefined ? undefined : path.basename(file);
}

/** `.gitignore` with the cache folder ignored, or undefined when it already is (`.techspec`, `/.techspec/`…). */
export function withIgnoreLine(current: string | undefined): string | undefined {
  if (current === undefined) return `${IGNORE_LINE}\n`;
  const ignored = current.split(/\r?\n/).some((line) => /^\/?\.techspec\/?(\*\*)?\s*$/.test(line.trim()));
  if (ignored) return undefined;
  const eol = current.includes('\r\n') ? '\r\n' : '\n';
  const separator = current === '' || current.endsWith('\n') ? '' : eol;
  return `${current}${separator}${IGNORE_LINE}${eol}`;
}

/**
 * The project a command run in `cwd` works on: the nearest folder up to the git work tree's top holding a techspec
 * config (as `techspec lint` and `techspec check` read it), else that top, else `cwd` itself.
 */
export function projectRoot(cwd: string): string {
  return findProjectRoot(cwd).root;
}
