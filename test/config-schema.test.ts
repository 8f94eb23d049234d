// Invariant: schema/techspec.config.schema.json (shipped in the package, used as `$schema` by init) is exactly what
// the zod schemas generate; UPDATE_CONFIG_SCHEMA=1 rewrites it after a change to the config or a rule's options.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from '../src/lint/json-schema.js';
import { configSchema } from '../src/workspace/config-schema.js';
import { RULES } from '../src/lint/rules/index.js';

const file = path.resolve(import.meta.dirname, '..', CONFIG_SCHEMA_FILE);

describe('the shipped config schema', () => {
  it('matches the zod schemas', () => {
    if (process.env.UPDATE_CONFIG_SCHEMA === '1') writeFileSync(file, configJsonSchemaText());
    expect(readFileSync(file, 'utf8')).toBe(configJsonSchemaText());
  });

  it('lists every config key and every rule id', () => {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as {
      properties: Record<string, { properties?: Record<string, unknown> }>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(Object.keys(configSchema.shape));
    expect(Object.keys(schema.properties.rules?.properties ?? {})).toEqual(RULES.map((rule) => rule.id));
    expect(schema.additionalProperties).toBe(false);
  });
});
