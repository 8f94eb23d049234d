// Whether a spec says its code exists: the front matter `status` that makes the things it introduces checkable.
import { fold } from '../lint/rules/support/spec-text.js';
import { frontMatterValue } from '../spec/front-matter.js';
import type { SpecDocument } from '../spec/model.js';

/** Status values (English and Portuguese, any case, accents ignored) that say the spec's work is in the code. */
export const IMPLEMENTED_STATUSES: readonly string[] = [
  'implemented',
  'done',
  'complete',
  'completed',
  'shipped',
  'released',
  'delivered',
  'implementado',
  'implementada',
  'concluido',
  'concluida',
  'entregue',
  'finalizado',
  'finalizada',
];

/** The spec's `status:` when it is one of IMPLEMENTED_STATUSES, else undefined. */
export function implementedStatus(doc: SpecDocument): string | undefined {
  const status = frontMatterValue(doc, 'status');
  return status !== undefined && IMPLEMENTED_STATUSES.includes(fold(status.trim()))
    ? status.trim()
    : undefined;
}

export interface Introduced {
  /** The spec's status when it says the work is implemented. */
  implemented?: string;
  /** Names the code had at the baseline, and the baseline's label. */
  atBaseline: ReadonlySet<string>;
  baseline?: string;
}

/**
 * Why a name the code lacks is drift: the spec says it is implemented, or the code had it at the baseline (`had`
 * says how, e.g. `it was declared`); undefined when it is still planned.
 */
export function whyDrift(name: string, introduced: Introduced, had: string): string | undefined {
  if (introduced.implemented !== undefined) return `the spec's status is \`${introduced.implemented}\``;
  return introduced.atBaseline.has(name) ? `${had} at baseline \`${introduced.baseline ?? ''}\`` : undefined;
}
