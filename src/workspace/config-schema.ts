// The shape of techspec.config.json, validated with zod where it enters.
import { z } from 'zod';
import { LANGUAGES } from '../spec/language.js';
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

// Each description is also the editor's hover text through the JSON Schema (src/lint/json-schema.ts).
export const configSchema = z.strictObject({
  $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
  extends: z
    .enum(['recommended', 'strict'])
    .optional()
    .describe(
      'The rule set to start from: "recommended" (the default: only rules that are nearly always right) or "strict" (also the rules of taste and those not yet precise enough to be on by default).',
    ),
  template: z
    .string()
    .min(1)
    .optional()
    .describe('Path of a template Markdown file, relative to the config file.'),
  presets: z
    .array(z.string())
    .optional()
    .describe('Built-in heading alias presets to apply (default: en-variants and pt-BR).'),
  aliases: z
    .record(z.string(), z.array(z.string().min(1)))
    .optional()
    .describe('Extra heading titles per template section id.'),
  specs: z
    .array(glob)
    .optional()
    .describe('Globs of spec files to lint when no path is given; a `!glob` entry excludes.'),
  ignore: z.array(glob).optional().describe('Globs never linted.'),
  ruleFiles: z
    .array(glob)
    .optional()
    .describe(
      "Globs of rule files the team keeps where no assistant looks (`rules/**` Markdown files): they count as rule files for Standards Compliance, `techspec rules` and the context engine, alongside every assistant's own folders.",
    ),
  featureDir: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The folder holding the prd-<feature>/ folders (such as "tasks" or ".specs"); default: learnt from the existing specs, else "tasks".',
    ),
  language: z
    .enum(LANGUAGES)
    .optional()
    .describe(
      "The language new specs and inserted headings are written in; default: learnt from the existing specs, else the template's.",
    ),
  rules: z
    .record(z.string(), ruleSetting)
    .optional()
    .describe('Severity per rule id, alone or as [severity, options].'),
});

export type ConfigFile = z.infer<typeof configSchema>;

// `!` entries exclude: teams name their copy of this very template `techspec-template.md` and keep skills' and
// scaffolds' templates under `assets/` or `templates/`; those are not specs.
export const DEFAULT_SPEC_GLOBS: readonly string[] = [
  '**/techspec.md',
  '**/_techspec.md',
  '**/techspec-*.md',
  '!**/*template*.md',
  '!**/assets/**',
  '!**/templates/**',
];
export const DEFAULT_IGNORES: readonly string[] = ['**/node_modules/**', '**/.git/**'];
