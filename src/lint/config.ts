// The config as lint uses it: the workspace's config with every rule setting resolved against the rule registry.
import type { z } from 'zod';
import { TechspecError } from '../errors.js';
import {
  invalid,
  readConfig,
  readConfigObject,
  type ConfigContext,
  type LoadConfigOptions,
  type RuleSetting,
  type WorkspaceConfig,
} from '../workspace/config.js';
import type { SeveritySetting } from '../workspace/config-schema.js';
import type { Workspace } from '../workspace/workspace.js';
import type { Severity } from './diagnostic.js';
import type { AnyRule } from './rule.js';
import { RULES } from './rules/index.js';

export interface ActiveRule {
  rule: AnyRule;
  severity: Severity;
  options: unknown;
}

export interface ResolvedConfig extends WorkspaceConfig {
  rules: ActiveRule[];
}

/** Finds the nearest config file from `cwd` upwards and resolves it; with none, the defaults. */
export function loadConfig(options: LoadConfigOptions = {}): ResolvedConfig {
  return withRules(readConfig(options), options.strict ?? false);
}

/** The workspace's config with its rule settings resolved, once per workspace state. */
export function lintConfigOf(workspace: Workspace, strict = false): ResolvedConfig {
  return workspace.derive(`lint-config:${strict}`, () => withRules(workspace.config, strict));
}

/** Validates a config object (as read from JSON) and resolves template, aliases and rule settings. */
export function resolveConfig(raw: unknown, context: ConfigContext & { strict: boolean }): ResolvedConfig {
  return withRules(readConfigObject(raw, context), context.strict);
}

/** The workspace config with its rule settings resolved (unknown ids and bad options are config errors). */
export function withRules(config: WorkspaceConfig, strict = false): ResolvedConfig {
  return { ...config, rules: resolveRules(config.ruleSettings, config.where, strict, config.preset) };
}

function resolveRules(
  settings: Readonly<Record<string, RuleSetting>>,
  where: string,
  strict: boolean,
  preset: 'recommended' | 'strict',
): ActiveRule[] {
  const known = new Map(RULES.map((rule) => [rule.id, rule]));
  for (const id of Object.keys(settings)) {
    if (!known.has(id)) {
      throw new TechspecError(
        'CONFIG_INVALID',
        `Unknown rule "${id}" at rules, expected one of the rule ids listed by \`techspec lint --help\``,
        where,
      );
    }
  }
  const active: ActiveRule[] = [];
  for (const rule of RULES) {
    const setting = settings[rule.id];
    const [level, userOptions] = Array.isArray(setting) ? setting : [setting, undefined];
    if (level === 'off') continue;
    // A strict rule runs when the config extends `strict` or names it; `recommended` leaves it off.
    if (level === undefined && rule.strict === true && preset !== 'strict') continue;
    const result = (rule.options as z.ZodType).safeParse(userOptions ?? {});
    if (!result.success) {
      throw invalid(
        where,
        result.error.issues[0],
        userOptions,
        rule.options as z.ZodType,
        `rules.${rule.id}[1]`,
      );
    }
    active.push({ rule, severity: toSeverity(level, rule.severity, strict), options: result.data });
  }
  return active;
}

function toSeverity(level: SeveritySetting | undefined, fallback: Severity, strict: boolean): Severity {
  const severity = level === undefined ? fallback : level === 'warn' ? 'warning' : 'error';
  return strict ? 'error' : severity;
}
