// Turns a zod issue from the config into the words a user needs: the allowed values of an enum (also inside a
// union such as a rule's `"warn"` / `["warn", {…}]`), and the valid keys where a key is unknown.
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** The object keys the schema accepts at `path` (through optionals, defaults, records, arrays), if it is an object. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let current: unknown = schema;
  for (const key of [...path, undefined]) {
    current = unwrap(current);
    if (key === undefined) break;
    const def = defOf(current);
    if (def?.type === 'object') current = (def.shape as Record<PropertyKey, unknown>)[key];
    else if (def?.type === 'record') current = def.valueType;
    else if (def?.type === 'array') current = def.element;
    else return undefined;
  }
  const def = defOf(current);
  return def?.type === 'object' ? Object.keys(def.shape as object) : undefined;
}

interface Def {
  type: string;
  shape?: unknown;
  valueType?: unknown;
  element?: unknown;
  innerType?: unknown;
}

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let def = defOf(current); def?.innerType !== undefined; def = defOf(current)) current = def.innerType;
  return current;
}

const quote = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

/** The enum values an issue (or any branch of a union issue) would have accepted. */
function allowedValues(issue: Issue): unknown[] {
  if (issue.code === 'invalid_value') return [...issue.values];
  if (issue.code !== 'invalid_union') return [];
  return [...new Set(issue.errors.flat().flatMap((inner) => allowedValues(inner)))];
}

/** What was expected, in words; `schema` is the one the issue came from (for the valid keys). */
export function expectation(issue: Issue, schema: z.ZodType): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = keysAt(schema, issue.path);
    return keys === undefined ? issue.message : `expected one of the keys: ${keys.join(', ')}`;
  }
  const values = allowedValues(issue);
  if (values.length > 0) {
    const asArray =
      issue.code === 'invalid_union' &&
      issue.errors.some((branch) => branch.some((inner) => inner.code !== 'invalid_value'))
        ? ` (alone, or first in an array such as [${JSON.stringify(values[0])}, { …options }])`
        : '';
    return `expected one of ${quote(values)}${asArray}`;
  }
  return issue.message;
}

/** The unknown keys of an `unrecognized_keys` issue, for naming them in the message. */
export function unknownKeys(issue: Issue): string[] {
  return issue.code === 'unrecognized_keys' ? issue.keys : [];
}
