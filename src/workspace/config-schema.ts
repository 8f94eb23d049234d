// The shape of techspec.config.json, validated with zod where it enters.
import { z } from 'zod';
import { MAX_GLOB_LENGTH } from '../text/glob.js';

/** A glob of the config: picomatch refuses 64 KiB, and no real glob comes near our limit. */
const glob = z.string().min(1).max(MAX_GLOB_LENGTH);

export const severitySetting = z.enum(['off', 'warn', 'error']);
export type SeveritySetting = z.infer<typeof severitySetting>;

const ruleSetting = z.union([
  severitySetting,
  z.tuple([severitySetting]),
  z.tuple([severitySetting, z.record(z.string(), z.unknown())]),
]);

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /**
   * The rule set to start from: `recommended` (the default: only rules that are nearly always right) or `strict`
   * (also the rules of taste and those not yet precise enough to be on by default).
   */
  extends: z.enum(['recommended', 'strict']).optional(),
  /** Path of a template Markdown file, relative to the config file. */
  template: z.string().min(1).optional(),
  /** Built-in alias presets to apply (default: en-variants and pt-BR). */
  presets: z.array(z.string()).optional(),
  /** Extra heading titles per template section id. */
  aliases: z.record(z.string(), z.array(z.string().min(1))).optional(),
  /** Globs of spec files to lint when no path is given. */
  specs: z.array(glob).optional(),
  /** Globs never linted. */
  ignore: z.array(glob).optional(),
  /**
   * Globs of rule files the team keeps where no assistant looks (`rules/**` Markdown files): they count as rule files for
   * Standards Compliance, `techspec rules` and the context engine, alongside every assistant's own folders.
   */
  ruleFiles: z.array(glob).optional(),
  rules: z.record(z.string(), ruleSetting).optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;

export const DEFAULT_SPEC_GLOBS: readonly string[] = [
  '**/techspec.md',
  '**/_techspec.md',
  '**/techspec-*.md',
];
export const DEFAULT_IGNORES: readonly string[] = ['**/node_modules/**', '**/.git/**'];
