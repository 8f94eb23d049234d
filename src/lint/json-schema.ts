// The JSON Schema of techspec.config.json, generated from the zod schemas (the config's and each rule's options),
// so editors complete and check the file; schema/techspec.config.schema.json is this, written out (a test keeps
// them equal).
import { z } from 'zod';
import { RULES } from './rules/index.js';
import { configSchema, severitySetting } from '../workspace/config-schema.js';

/** Where the shipped schema lives inside the package. */
export const CONFIG_SCHEMA_FILE = 'schema/techspec.config.schema.json';
/** The schema on the web, for a config in a repository that does not install techspec locally. */
export const CONFIG_SCHEMA_URL = `https://raw.githubusercontent.com/techspec-dev/techspec/main/${CONFIG_SCHEMA_FILE}`;

/** The config schema with every rule's id and options spelled out, as JSON Schema (draft 2020-12). */
export function configJsonSchema(): Record<string, unknown> {
  const rules = Object.fromEntries(
    RULES.map((rule) => [
      rule.id,
      z
        .union([
          severitySetting,
          z.tuple([severitySetting]),
          z.tuple([severitySetting, rule.options as z.ZodType]),
        ])
        .optional()
        .describe(rule.description),
    ]),
  );
  const schema = configSchema.extend({ rules: z.strictObject(rules).optional() });
  return {
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    $id: CONFIG_SCHEMA_URL,
    title: 'techspec.config.json',
  };
}

/** The schema as the shipped file holds it. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
