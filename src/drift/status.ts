// Whether a spec says its code exists: the front matter `status` that makes the things it introduces checkable.
import { fold } from '../text/fold.js';
import { frontMatterValue } from '../spec/front-matter.js';
import type { SpecDocument } from '../spec/model.js';

/** Status values (English and Portuguese, any case, accents ignored) that say the spec's work is in the code. */
const IMPLEMENTED_STATUSES: readonly string[] = [
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

/** What makes something the code lacks drift: the spec's status, or the baseline's label when the code had it then. */
export interface DriftStatus {
  /** The spec's status when it says the work is implemented. */
  implemented?: string | undefined;
  /** The baseline's label. */
  baseline?: string | undefined;
}

export interface Introduced extends DriftStatus {
  /** Names the code had at the baseline. */
  atBaseline: ReadonlySet<string>;
}

/**
 * Why something the code lacks is drift: the spec says it is implemented, or the code had it at the baseline (`had`
 * says where and how, e.g. `it was declared`; undefined when the baseline lacked it too); undefined when it is still
 * planned.
 */
export function whyDrift(status: DriftStatus, had: string | undefined): string | undefined {
  if (status.implemented !== undefined) return `the spec's status is \`${status.implemented}\``;
  return had === undefined ? undefined : `${had} at baseline \`${status.baseline ?? ''}\``;
}
