// Reads the front matter of a parsed spec: the fields (`feature`, `status`, `baseline`) techspec's commands record.
import type { SpecDocument } from './model.js';

/** A top-level scalar of the front matter, as a string; undefined when absent, not a scalar or unparsable. */
export function frontMatterValue(doc: SpecDocument, key: string): string | undefined {
  const data = doc.frontMatter?.error ? undefined : doc.frontMatter?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const value = (data as Record<string, unknown>)[key];
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
