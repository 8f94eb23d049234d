// Reads the keys assistants put in a rule file's front matter, leniently: invalid YAML falls back to `key: value` lines.
import type { FrontMatter } from '../../spec/model.js';
import type { RuleProblem } from './model.js';

/** The front matter keys that matter to any assistant, normalised. */
export interface RuleFields {
  description?: string;
  /** A skill's `name`, or a `title`. */
  name?: string;
  /** `globs` (Cursor, Windsurf, Continue, Trae), `paths` (Claude, Kilo, Cline), `applyTo` (Copilot) and
   * `fileMatchPattern` (Kiro), merged. */
  globs: string[];
  alwaysApply?: boolean;
  /** Windsurf's `trigger`. */
  trigger?: string;
  /** Kiro's `inclusion` (always, fileMatch, manual, auto). */
  inclusion?: string;
  /** Augment's `type` (always_apply, agent_requested, manual). */
  ruleType?: string;
  excludeAgent?: string;
}

export interface FieldReading {
  fields: RuleFields;
  /** The top-level keys the front matter holds, in order. */
  keys: string[];
  problems: RuleProblem[];
}

type Data = Record<string, unknown>;

/** The fields of a parsed front matter; every problem is recorded, no key is lost to a YAML error. */
export function readRuleFields(frontMatter: FrontMatter | undefined, path: string): FieldReading {
  const problems: RuleProblem[] = [];
  if (!frontMatter) return { fields: { globs: [] }, keys: [], problems };
  const lineOf = (key: string): number => keyLine(frontMatter, key);
  const { error, data } = frontMatter;
  let map: Data = {};
  let lenient = false;
  if (error && frontMatter.raw === '' && frontMatter.endLine === 1) {
    problems.push({ path, line: error.line, message: `${error.message}, expected a closing \`---\` line` });
  } else if (error) {
    problems.push({
      path,
      line: error.line,
      message: `Invalid YAML in front matter (${error.message}), expected valid YAML (quote values that start with \`*\` or hold \`: \`); read line by line instead`,
    });
    map = readLines(frontMatter.raw);
    lenient = true;
  } else if (isMap(data)) {
    map = data;
  } else if (data !== null && data !== undefined) {
    problems.push({
      path,
      line: frontMatter.line,
      message: `Unexpected ${kindOf(data)} as front matter, expected a mapping of keys such as \`description\` and \`globs\``,
    });
    map = readLines(frontMatter.raw);
    lenient = true;
  }
  const report = (key: string, message: string): void => {
    problems.push({ path, line: lineOf(key), message });
  };
  return { fields: typedFields(map, lenient, report), keys: Object.keys(map), problems };
}

function typedFields(
  map: Data,
  lenient: boolean,
  report: (key: string, message: string) => void,
): RuleFields {
  const fields: RuleFields = { globs: [] };
  const text = (key: string): string | undefined => {
    const value = map[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const out = String(value).trim();
      return out === '' ? undefined : out;
    }
    report(key, `Unexpected ${kindOf(value)} for \`${key}\`, expected a string`);
    return undefined;
  };
  const description = text('description');
  const name = text('name') ?? text('title');
  const trigger = text('trigger');
  const inclusion = text('inclusion');
  const ruleType = text('type');
  const excludeAgent = text('excludeAgent');
  if (description !== undefined) fields.description = description;
  if (name !== undefined) fields.name = name;
  if (trigger !== undefined) fields.trigger = trigger;
  if (inclusion !== undefined) fields.inclusion = inclusion;
  if (ruleType !== undefined) fields.ruleType = ruleType;
  if (excludeAgent !== undefined) fields.excludeAgent = excludeAgent;
  for (const key of ['globs', 'paths', 'applyTo', 'fileMatchPattern'])
    fields.globs.push(...globList(map[key], key, report));
  const always = flag(map['alwaysApply'], lenient, report);
  if (always !== undefined) fields.alwaysApply = always;
  return fields;
}

function globList(value: unknown, key: string, report: (key: string, message: string) => void): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return splitGlobs(value);
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => {
      if (typeof item === 'string') return splitGlobs(item);
      report(key, `Unexpected ${kindOf(item)} in \`${key}\`, expected a glob string`);
      return [];
    });
  }
  report(key, `Unexpected ${kindOf(value)} for \`${key}\`, expected a glob or a list of globs`);
  return [];
}

function flag(
  value: unknown,
  lenient: boolean,
  report: (key: string, message: string) => void,
): boolean | undefined {
  if (value === undefined || value === null || typeof value === 'boolean') return value ?? undefined;
  const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (word === 'true' || word === 'false') {
    if (!lenient)
      report('alwaysApply', `Unexpected string "${word}" for \`alwaysApply\`, expected a boolean`);
    return word === 'true';
  }
  report('alwaysApply', `Unexpected ${kindOf(value)} for \`alwaysApply\`, expected true or false`);
  return undefined;
}

/** `*.ts, src/**` or `[*.ts, "*.tsx"]` → the globs; commas inside `{a,b}` stay. */
export function splitGlobs(value: string): string[] {
  const text = value.trim().replace(/^\[([\s\S]*)\]$/, '$1');
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
      continue;
    }
    if (ch === '{') depth++;
    if (ch === '}') depth = Math.max(0, depth - 1);
    current += ch;
  }
  out.push(current);
  return out.map((glob) => unquote(glob.trim())).filter((glob) => glob !== '');
}

/** Top-level `key: value` lines and `- item` lines below a key with no value. */
function readLines(raw: string): Data {
  const out: Data = {};
  let key: string | undefined;
  for (const line of raw.split(/\r?\n/)) {
    const pair = /^([A-Za-z_][\w-]*)\s*:(.*)$/.exec(line);
    if (pair) {
      key = pair[1] ?? '';
      const value = (pair[2] ?? '').trim();
      out[key] = value === '' ? [] : unquote(value);
      continue;
    }
    const item = /^\s*-\s(.*)$/.exec(line);
    const list: unknown = key === undefined ? undefined : out[key];
    if (item && key !== undefined && Array.isArray(list)) {
      out[key] = [...(list as unknown[]), unquote((item[1] ?? '').trim())];
    }
  }
  return out;
}

function unquote(value: string): string {
  const quoted = /^(["'])([\s\S]*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}

/** The 1-based document line of `key:` in the front matter, else the front matter's first line. */
export function keyLine(frontMatter: FrontMatter, key: string): number {
  const index = frontMatter.raw
    .split(/\r?\n/)
    .findIndex((line) => line.startsWith(`${key}:`) || line.startsWith(`${key} :`));
  return index < 0 ? frontMatter.line : frontMatter.line + 1 + index;
}

function isMap(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'mapping' : typeof value;
}
