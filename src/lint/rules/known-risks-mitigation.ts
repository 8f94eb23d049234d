// Each known risk comes with its mitigation: in its list item, its table row, or its own subsection.
import { z } from 'zod';
import type { Block, ListItem, Section, Table } from '../../spec/model.js';
import { defineRule } from '../rule.js';
import { fold, plainText } from '../../text/fold.js';
import { childSections, excerpt, sectionIndexes, subtreeSections } from '../../spec/walk.js';
import { isLead } from '../../spec/facts/topics.js';
import { replaceBetween, replaceCodeSpans } from '../../text/scan.js';

const SECTION_ID = 'technical-considerations/known-risks';

const MITIGATION =
  /mitiga|contingen|fallback|workaround|plano b|plan b|remedia|accepted risk|risco aceito|aceitavel|acceptable/;
const MITIGATION_LABEL = /^(?:mitiga\w*|contingen\w*|response|resposta|plano b|plan b)\b/;
const MITIGATION_COLUMN =
  /\b(?:mitiga\w*|contingen\w*|response|resposta|plano(?: b)?|plan(?: b)?|actions?|acao|acoes|tratamento|countermeasures?|how)\b/;
const REMEDY = new RegExp(
  '\\b(?:' +
    'by|via|use|using|avoid|prevent|ensure|guard|switch to|fall back|should|must|handled|covered|limit|' +
    'usar|utilizar|evitar|prevenir|garantir|deve|devem|devera|precisa|precisam|precisamos|tratar|' +
    'cobrindo|limitar|validar|monitorar|documentar|aceitar|' +
    'evita|evitam|testar|testado|verificar|aceito|aceita|coberto|coberta|detecta|detectar|requer|indexar|' +
    'confirmar|configurar|processar|manter|incluir|adicionar|necessari[oa]|intencional|sem acao|nao ha risco' +
    ')\\b',
);
/** A risk told as what may happen, in English or Portuguese: no answer to it. */
const POSSIBILITY = /\b(?:may|might|could|can|pode|podem|podera|poderao|poderia|poderiam)\b/;
const NO_RISK =
  /\b(?:no (?:known |technical |significant |new )?risks?|nenhum risco|sem riscos|nao ha riscos|not applicable|nao se aplica)\b/;
const NOT_A_RISK_TITLE = /\b(?:fora d[oea]s?|out of scope|non-goals|nao objetivos)\b/;

/** A lead that opens questions or research areas, whose list items are not risks. */
const QUESTIONS_LEAD =
  /\b(?:open questions|questions|areas? (?:needing|for) research|perguntas(?: em aberto)?|questoes(?: em aberto)?|duvidas|areas? (?:que precisam|para) (?:de )?pesquisa|a investigar)\b/;
const EMPTY_CELL = /^(?:|-+|—|–|\?|tbd|todo|n\/a|na|none|nenhuma?)$/;

/** Does the text answer the risk: a mitigation word, an arrow, a remedy, or an explanation after the risk? */
export function mentionsMitigation(text: string): boolean {
  // Code spans become a symbol: `A` → `B` inside code names a flow, not a response to the risk.
  const prose = fold(
    replaceCodeSpans(
      replaceBetween(text, '<!--', '-->', () => ''),
      () => '§',
    ),
  );
  if (MITIGATION.test(prose) || /(?:→|->|=>)\s*[^\s§]/.test(prose) || REMEDY.test(prose)) return true;
  // `**Risk label:** answer` or `**Risk label** — answer`: an answer of a few words after the label counts, unless it
  // only tells what may happen (`may report events out of order`, `pode divergir`): that restates the risk.
  const answer = /^\s*\*\*[^*]+(?::\*\*|\*\*\s*[:—–-])(.*)$/s.exec(prose)?.[1] ?? '';
  const words = answer.split(/\s+/).filter((word) => /\w/.test(word)).length;
  if (words >= 3 && !POSSIBILITY.test(answer)) return true;
  // A dash or colon after the risk's own words; a leading `**Label:**` only names the risk, `e.g.:` is no answer.
  const body = prose
    .replace(/^\s*\*\*[^*]+\*\*\s*:?/, '')
    .replace(/\b(?:ex|e\.g|i\.e|eg|ie)\.?:/g, '')
    .replace(/\*/g, '');
  return /\S\s*(?:\s[—–]\s|;\s|:\s)\s*\S+\s+\S+/.test(body) && /^[^—–;:]{12,}/.test(body);
}

export const knownRisksMitigation = defineRule({
  id: 'known-risks-mitigation',
  description: 'Requires a mitigation for each risk listed in Known Risks.',
  severity: 'warning',
  fixable: false,
  messages: {
    missing:
      'Unexpected risk `{{risk}}` without a mitigation, expected how it is mitigated (for example `Mitigation: …`)',
    emptyCell: 'Unexpected empty `{{column}}` cell for risk `{{risk}}`, expected how the risk is mitigated',
    noColumn: 'Unexpected risk table without a mitigation column, expected a column such as `Mitigation`',
  },
  options: z.strictObject({}),
  check(doc, ctx) {
    const missing = (text: string, line: number): void => {
      ctx.report({ messageId: 'missing', data: { risk: excerpt(text) }, line });
    };
    for (const index of sectionIndexes(doc, SECTION_ID)) {
      const section = doc.sections[index];
      if (!section) continue;
      const blocks = section.blocks;
      // The template's own shape: "Potential challenges" then "Mitigation approaches" as separate groups.
      const grouped = blocks.some(
        (b) => b.kind === 'paragraph' && isLead(b.text) && MITIGATION.test(fold(b.text)),
      );
      const structured = blocks.some((b) => b.kind === 'list' || b.kind === 'table');
      let questions = false;
      for (const block of blocks) {
        if (block.kind === 'paragraph')
          questions = QUESTIONS_LEAD.test(fold(block.text)) && isLead(block.text);
        if (block.kind === 'table') checkTable(block, ctx.report);
        else if (block.kind === 'list' && !grouped && !questions && !isRecord(block.items)) {
          for (const item of block.items) {
            if (
              item.lists.length === 0 &&
              !plainText(item.text).trim().endsWith('?') &&
              !mentionsMitigation(item.fullText) &&
              !NO_RISK.test(fold(item.text))
            ) {
              missing(item.text, item.line);
            }
          }
        } else if (block.kind === 'paragraph' && !structured && !isLead(block.text)) {
          if (!mentionsMitigation(block.text) && !NO_RISK.test(fold(block.text)))
            missing(block.text, block.line);
        }
      }
      // One subsection per risk (`#### Risk 1: …`): the mitigation may be anywhere inside it.
      for (const risk of childSections(doc, index)) {
        // `#### Out of scope`, `#### Open questions` under the risks are not risks.
        if (NOT_A_RISK_TITLE.test(fold(risk.title)) || QUESTIONS_LEAD.test(fold(risk.title))) continue;
        const text = subtreeText(subtreeSections(doc, doc.sections.indexOf(risk)));
        if (!mentionsMitigation(text)) missing(risk.title, risk.heading.line);
      }
    }
  },
});

/** A list that is one risk's fields (`Challenge: …`, `Mitigation: …`) rather than a list of risks. */
function isRecord(items: readonly ListItem[]): boolean {
  return items.some((item) => MITIGATION_LABEL.test(fold(plainText(item.text))));
}

type Reporter = (r: {
  messageId: 'emptyCell' | 'noColumn';
  data?: Record<string, string>;
  line: number;
}) => void;

function checkTable(table: Table, report: Reporter): void {
  const headers = table.header.map((cell) => fold(plainText(cell.text)));
  const column = headers.findIndex((h) => MITIGATION_COLUMN.test(h));
  if (column < 0) {
    report({ messageId: 'noColumn', line: table.line });
    return;
  }
  for (const row of table.rows) {
    const cell = row[column];
    const text = fold(plainText((cell?.text ?? '').replace(/<!--[\s\S]*?-->/g, '')));
    if (!EMPTY_CELL.test(text)) continue;
    const risk = excerpt(row.find((c, i) => i !== column && plainText(c.text) !== '')?.text ?? '');
    report({
      messageId: 'emptyCell',
      data: { column: plainText(table.header[column]?.text ?? ''), risk },
      line: cell?.line ?? table.line,
    });
  }
}

function subtreeText(sections: readonly Section[]): string {
  const parts: string[] = [];
  const add = (block: Block): void => {
    if (block.kind === 'paragraph') parts.push(block.text);
    else if (block.kind === 'list') parts.push(...block.items.map((item) => item.fullText));
    else if (block.kind === 'table')
      parts.push(...[block.header, ...block.rows].flat().map((cell) => cell.text));
    else if (block.kind === 'blockquote') block.blocks.forEach(add);
  };
  for (const section of sections) {
    parts.push(section.heading.text);
    section.blocks.forEach(add);
  }
  return parts.join('\n');
}
