// The Build Order is a numbered list whose every step says why it comes there or what it depends on.
import { z } from 'zod';
import type { Block, ListItem, Section } from '../../spec/model.js';
import { defineRule } from '../rule.js';
import { fold } from '../../text/fold.js';
import { childSections, excerpt, sectionIndexes, subtreeSections } from '../../spec/walk.js';
import { replaceBetween, replaceCodeSpans } from '../../text/scan.js';

const SECTION_ID = 'development-sequencing/build-order';
const PARENT_ID = 'development-sequencing';

/** A phase label (`Phase 2`, `Fase 1 —`, `Sprint 3`, `Semana 2`): the place in the plan is the step's reason. */
const PHASE_LABEL =
  /^(?:phase|fase|etapa|stage|sprint|week|semana|wave|onda|milestone|marco|iteration|iteracao)\s*\d/;

/** A step that verifies or ships what came before (tests, a benchmark, a gate, rollout, runbooks): its place is its reason. */
const CLOSING_STEP =
  /^(?:(?:unit|integration|e2e|end-to-end|contract|load)\s+)?(?:tests?|testes?|testing|e2e|benchmarks?|microbenchmarks?|gates?|rollout|deploy|release|runbooks?|docs|documentation|documentacao|validacao final|smoke)\b/;

/** A table column that gives each row's reason, dependency or done criterion. */
const REASON_COLUMN =
  /why|reason|rationale|justif|depend|criteri|porque|por que|motivo|pre-?requisit|requires|requer|bloque/;

/** Words that give a step's reason or dependency, in English and Portuguese (matched without accents). */
const REASON_WORDS = new RegExp(
  '\\b(?:' +
    'because|since|why|so|so that|in order to|depends?|depending|dependen(?:cy|cies|t)|' +
    'independent(?:ly)?|after|before|once|prior|requires?|required|prerequisites?|needs?|' +
    'needed|foundation(?:al)?|unblocks?|blocks|enables?|first|last|final(?:ly)?|then|' +
    'parallel|otherwise|builds on|porque|pois|por que|por causa|dependem?|dependencias?|' +
    'independentes?|apos|antes|depois|requer(?:em)?|requisitos?|pre-requisitos?|precisam?|' +
    'necessari[oa]s?|fundacao|primeir[oa]|ultim[oa]|paralelo|para que|ja que|uma vez que|' +
    'desbloqueia|habilita|permite|garante|sem isso|em seguida|entao|base para|baseado' +
    ')\\b',
);

/** Does a step's text give its reason: a parenthetical, an explanation after a dash or colon, a reason word? */
export function givesReason(text: string, wordsOnly = false): boolean {
  // Code spans become a symbol: `(src/a.ts)` is a file reference, not an explanation.
  const prose = fold(
    replaceBetween(
      replaceCodeSpans(text, () => '§'),
      '<!--',
      '-->',
      () => '',
    ),
  ).replace(/[*_]/g, '');
  if (wordsOnly) return REASON_WORDS.test(prose);
  if (wordyParenthetical(prose)) return true;
  if (/\s[—–-]\s*[^\s—–-]+\s+\S+/.test(prose) || /:\s+\S+\s+\S+/.test(prose)) return true;
  return REASON_WORDS.test(prose) || /,\s+as\s/.test(prose);
}

const FOUND: Partial<Record<Block['kind'], string>> = {
  list: 'bullet list',
  table: 'table',
  code: 'code block',
  paragraph: 'paragraphs',
};

export const buildOrder = defineRule({
  id: 'build-order',
  description: 'Requires the Build Order to be a numbered list whose steps each give a reason or dependency.',
  severity: 'warning',
  strict: true,
  fixable: false,
  messages: {
    notNumbered: 'Unexpected {{found}} in `{{section}}`, expected a numbered list of steps (`1.`, `2.`, …)',
    missingReason:
      'Unexpected step `{{step}}` without a reason, expected why it comes at this point or what it depends on',
    phaseWithoutReason:
      'Unexpected phase `{{step}}` without a reason, expected why it comes at this point or what it depends on',
  },
  options: z.strictObject({}),
  check(doc, ctx) {
    const buildOrders = sectionIndexes(doc, SECTION_ID);
    // No Build Order heading: a numbered list directly under Development Sequencing is the Build Order (as
    // required-sections reads it), and its steps are checked the same way.
    if (buildOrders.length === 0)
      for (const index of sectionIndexes(doc, PARENT_ID))
        for (const list of doc.sections[index]?.blocks ?? [])
          if (list.kind === 'list' && list.ordered) reportSteps(list.items, ctx.report);
    for (const index of buildOrders) {
      const section = doc.sections[index];
      if (!section) continue;
      const ordered = section.blocks.filter((b) => b.kind === 'list' && b.ordered);
      const phases = childSections(doc, index);
      if (ordered.length === 0 && phases.length > 0) {
        // Steps written as subsections (`#### Phase 1`, `#### 1. Task`): each phase states its reason.
        for (const phase of phases) {
          const phaseIndex = doc.sections.indexOf(phase);
          // A phase label (`Phase 2: Carrier integration`) places it in the plan; other headings need reason words
          // (only words count, not the punctuation of `Carrier integration (Week 2)`).
          if (isPhaseLabel(phase.title)) continue;
          if (givesReason(phaseText(subtreeSections(doc, phaseIndex)), true)) continue;
          ctx.report({
            messageId: 'phaseWithoutReason',
            data: { step: excerpt(phase.title) },
            line: phase.heading.line,
            column: phase.heading.column,
          });
        }
        continue;
      }
      if (ordered.length === 0) {
        // A table of steps with a column of reasons, dependencies or done criteria says what a list would.
        if (
          section.blocks.some(
            (b) => b.kind === 'table' && b.header.some((h) => REASON_COLUMN.test(fold(h.text))),
          )
        )
          continue;
        const first = section.blocks.find((b) => FOUND[b.kind] !== undefined);
        if (first)
          ctx.report({
            messageId: 'notNumbered',
            data: { found: FOUND[first.kind] ?? '', section: section.title },
            line: first.line,
          });
        continue;
      }
      for (const list of ordered) if (list.kind === 'list') reportSteps(list.items, ctx.report);
    }
  },
});

type StepReport = (r: { messageId: 'missingReason'; data: { step: string }; line: number }) => void;

/**
 * Every step states why it comes there, but the last (being last is its reason) and steps that verify or ship what
 * came before (tests, a gate, rollout).
 */
function reportSteps(items: readonly ListItem[], report: StepReport): void {
  for (const item of items.slice(0, -1)) {
    if (stepGivesReason(item)) continue;
    report({ messageId: 'missingReason', data: { step: excerpt(item.text) }, line: item.line });
  }
}

function stepGivesReason(item: ListItem): boolean {
  return (
    item.lists.length > 0 || isPhaseLabel(item.text) || isClosingStep(item.text) || givesReason(item.text)
  );
}

/** `**Integration test** covering …`, `Testes E2E`, `Gate de revisão`, `Rollout behind the flag`. */
function isClosingStep(text: string): boolean {
  return CLOSING_STEP.test(fold(text).replace(/[*_`]/g, '').trimStart());
}

/** `Phase 2: Carrier integration`, `**Fase 1 — Fundação**`: emphasis and numbering aside. */
function isPhaseLabel(text: string): boolean {
  return PHASE_LABEL.test(fold(text).replace(/[*_]/g, '').trimStart());
}

/** A phase's heading and its paragraphs (`**Dependencies**: Phase 1`, `**Por que primeiro:** …`). */
function phaseText(sections: readonly Section[]): string {
  return sections
    .flatMap((s) => [s.heading.text, ...s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []))])
    .join('\n');
}

/** A `(…)` with a word of two letters or more in it; one walk where `\([^)]*[a-z]{2,}[^)]*\)` backtracked. */
function wordyParenthetical(text: string): boolean {
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(' && open === -1) open = i;
    else if (text[i] === ')' && open !== -1) {
      if (/[a-z]{2}/.test(text.slice(open + 1, i))) return true;
      open = -1;
    }
  }
  return false;
}
