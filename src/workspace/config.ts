// Finds, validates and resolves configuration: every key checked, every error naming the file, key and value.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { TechspecError } from '../errors.js';
import { expectation, unknownKeys } from './issues.js';
import { MAX_TEXT_BYTES } from '../limits.js';
import { readInside } from '../confine.js';
import { loadDefaultTemplate } from '../spec/default-template.js';
import type { Language } from '../spec/language.js';
import { DEFAULT_PRESETS, PRESETS, mergeAliases } from '../spec/presets.js';
import {
  alignTemplate,
  indexSections,
  loadTemplate,
  type SectionIndex,
  type Template,
} from '../spec/template.js';
import { DEFAULT_IGNORES, DEFAULT_SPEC_GLOBS, configSchema, type ConfigFile } from './config-schema.js';

/** A rule's setting as written in the config: a level, or a level and options (checked by lint's registry). */
export type RuleSetting = NonNullable<ConfigFile['rules']>[string];

/** The config as the workspace reads it: every key checked except rule options, which lint resolves. */
export interface WorkspaceConfig {
  /** Directory the config lives in (or the working directory): the repository root for path checks. */
  root: string;
  file: string | undefined;
  template: Template;
  /** The config's `template` file as written (relative to the root), when it names one. */
  templateFile?: string;
  sections: SectionIndex;
  specs: readonly string[];
  ignore: readonly string[];
  /** Globs of rule files outside every assistant's folders (`ruleFiles`), relative to the root. */
  ruleFiles: readonly string[];
  /** The `rules` key as written (lint resolves it against its registry: `resolveRules`). */
  ruleSettings: Readonly<Record<string, RuleSetting>>;
  /** Where errors about this config point: its file, or `config`. */
  where: string;
  /** The rule set to start from (`extends`): `recommended` leaves the `strict` rules off unless named. */
  preset: 'recommended' | 'strict';
  /** `featureDir` and `language` as the config sets them (src/workflow/layout.ts learns them otherwise). */
  featureDir?: string;
  language?: Language;
}

export const CONFIG_FILES = ['techspec.config.json', '.techspecrc.json', 'package.json'] as const;

export interface LoadConfigOptions {
  cwd?: string;
  /** An explicit config file: it must exist. */
  configFile?: string;
  /** Treat every warning as an error. */
  strict?: boolean;
}

/** Finds the nearest config file from `cwd` upwards and reads it; with none, the defaults. */
export function readConfig(options: LoadConfigOptions = {}): WorkspaceConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const file = options.configFile ? path.resolve(cwd, options.configFile) : findConfigFile(cwd);
  if (options.configFile && (!file || !existsSync(file))) {
    throw new TechspecError(
      'CONFIG_NOT_FOUND',
      `Config file ${options.configFile} does not exist`,
      options.configFile,
    );
  }
  const raw = file ? readConfigFile(file) : {};
  return readConfigObject(raw, { root: file ? path.dirname(file) : cwd, file });
}

/**
 * One line about a project template's headings that map onto no known section (see alignTemplate), or undefined
 * when every heading mapped: shown on stderr, so that a team knows which sections no content rule reads.
 */
export function unmappedNotice(config: WorkspaceConfig): string | undefined {
  const titles = config.template.unmapped;
  if (titles.length === 0) return undefined;
  const names = titles.map((title) => `\`${title}\``).join(', ');
  return (
    `${config.file ?? 'config'}: template heading${titles.length === 1 ? '' : 's'} ${names} ` +
    'match no known section, so only the structure rules read them; expected a title of the default template ' +
    'or a preset, or one listed under aliases.<section-id> in the config'
  );
}

function findConfigFile(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = configFileIn(dir);
    if (file !== undefined) return file;
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return undefined;
  }
}

/** The path of the config file techspec would load in `dir` itself, if any (package.json with a `techspec` key). */
export function configFileIn(dir: string): string | undefined {
  for (const name of CONFIG_FILES) {
    const candidate = path.join(dir, name);
    if (!existsSync(candidate)) continue;
    if (name !== 'package.json' || hasTechspecKey(candidate)) return candidate;
  }
  return undefined;
}

function hasTechspecKey(file: string): boolean {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'techspec' in parsed;
  } catch {
    return false;
  }
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    // A regular file of at most 1 MiB, not a link out of its own folder.
    text = readInside(path.dirname(file), file, 'config file', MAX_TEXT_BYTES).bytes.toString('utf8');
  } catch (error) {
    throw new TechspecError('CONFIG_PARSE', `Cannot read config file: ${(error as Error).message}`, file);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return path.basename(file) === 'package.json' ? (parsed as Record<string, unknown>).techspec : parsed;
  } catch (error) {
    throw new TechspecError('CONFIG_PARSE', `Invalid JSON: ${(error as Error).message}`, file);
  }
}

export interface ConfigContext {
  root: string;
  file: string | undefined;
}

/** Validates a config object (as read from JSON) and resolves template and aliases; rule settings are kept as written. */
export function readConfigObject(raw: unknown, context: ConfigContext): WorkspaceConfig {
  const where = context.file ?? 'config';
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw invalid(where, parsed.error.issues[0], raw, configSchema);
  const config: ConfigFile = parsed.data;
  const reference = loadDefaultTemplate();
  // A project's template is read through the default one: its headings get the known ids the rules are keyed to.
  const template = config.template
    ? alignTemplate(
        readTemplate(context.root, config.template, where),
        reference,
        mergeAliases([...Object.values(PRESETS), config.aliases ?? {}]),
      )
    : reference;
  const ids = new Set(template.sections.map((s) => s.id));
  for (const name of config.presets ?? []) {
    if (!(name in PRESETS)) {
      const known = Object.keys(PRESETS).join(', ');
      throw new TechspecError(
        'CONFIG_INVALID',
        `Unknown preset "${name}" at presets, expected one of: ${known}`,
        where,
      );
    }
  }
  for (const id of Object.keys(config.aliases ?? {})) {
    if (!ids.has(id)) {
      throw new TechspecError(
        'CONFIG_INVALID',
        `Unknown section id "${id}" at aliases, expected a section id of the template such as "${[...ids][0] ?? ''}"`,
        where,
      );
    }
  }
  const presets = (config.presets ?? DEFAULT_PRESETS).map((name) => PRESETS[name] ?? {});
  const aliases = mergeAliases([...presets, config.aliases ?? {}]);
  return {
    root: context.root,
    file: context.file,
    template,
    ...(config.template === undefined ? {} : { templateFile: config.template }),
    sections: indexSections(template, aliases),
    specs: config.specs ?? DEFAULT_SPEC_GLOBS,
    ignore: [...DEFAULT_IGNORES, ...(config.ignore ?? [])],
    ruleFiles: config.ruleFiles ?? [],
    ruleSettings: config.rules ?? {},
    where,
    preset: config.extends ?? 'recommended',
    ...(config.featureDir === undefined ? {} : { featureDir: config.featureDir }),
    ...(config.language === undefined ? {} : { language: config.language }),
  };
}

/** The config's `template`: a regular file of at most 1 MiB inside the config's folder, through no link out of it. */
function readTemplate(root: string, file: string, where: string): Template {
  const full = path.resolve(root, file);
  let text: string;
  try {
    text = readInside(root, file, 'template', MAX_TEXT_BYTES).bytes.toString('utf8');
  } catch (error) {
    if (!(error instanceof TechspecError)) throw error;
    if (error.code === 'NOT_FOUND') {
      throw new TechspecError(
        'TEMPLATE_NOT_FOUND',
        `Template "${file}" at template does not exist, expected a Markdown file relative to the config`,
        where,
      );
    }
    throw new TechspecError(
      error.code === 'PATH_OUTSIDE' ? 'PATH_OUTSIDE' : 'TEMPLATE_INVALID',
      `${error.message} (the config's template)`,
      where,
    );
  }
  const template = loadTemplate(text);
  if (template.sections.length === 0) {
    throw new TechspecError(
      'TEMPLATE_INVALID',
      `Template "${file}" has no level-2 headings, expected one heading per section`,
      full,
    );
  }
  return template;
}

type Issue = z.core.$ZodIssue | undefined;

export function invalid(
  where: string,
  issue: Issue,
  raw: unknown,
  schema: z.ZodType,
  prefix?: string,
): TechspecError {
  const keyPath = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  const at = keyPath || '(root)';
  if (issue === undefined) return new TechspecError('CONFIG_INVALID', `Invalid value at ${at}`, where);
  const unknown = unknownKeys(issue);
  if (unknown.length > 0) {
    const names = unknown.map((key) => `"${key}"`).join(', ');
    const noun = unknown.length === 1 ? 'key' : 'keys';
    return new TechspecError(
      'CONFIG_INVALID',
      `Unknown ${noun} ${names} at ${at}, ${expectation(issue, schema)}`,
      where,
    );
  }
  const value = valueAt(raw, issue.path);
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  return new TechspecError(
    'CONFIG_INVALID',
    `Invalid value at ${at}${shown}: ${expectation(issue, schema)}`,
    where,
  );
}

function valueAt(raw: unknown, keys: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
