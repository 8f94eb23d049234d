// Completion: rule files and skills under Standards Compliance (ranked by the context engine, its reason as detail),
// repository paths under Relevant Files (the engine's ranking first, then every path by prefix), and the template's
// missing section headings, in the spec's language, at the start of a line.
import {
  CompletionItemKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import type { ContextAnswer } from '../context/engine.js';
import { PRESETS } from '../spec/presets.js';
import { normalizeTitle } from '../spec/text.js';
import type { Analysis } from './analysis.js';
import { inSection, RELEVANT_FILES, STANDARDS, wordAt } from './places.js';

/** More than this many prefix matches and the list says it is incomplete: typing narrows it on the server. */
const MAX_ITEMS = 200;

export async function completion(analysis: Analysis, at: Position): Promise<CompletionList> {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const line = at.line + 1;
  if (!analysis.isSpec || line > analysis.doc.lines.length) return empty;
  const character = at.character - (line === 1 ? analysis.bom : 0);
  const lineText = analysis.doc.lines[line - 1] ?? '';
  const before = lineText.slice(0, character);
  if (/^#{1,6}(?:\s[^#]*)?$/.test(before) || before === '') {
    const headings = headingItems(analysis, at, before);
    if (before !== '' || !inListSection(analysis, line)) return { isIncomplete: false, items: headings };
  }
  const word = wordAt(lineText, character);
  const range: Range = {
    start: { line: at.line, character: word.start + (line === 1 ? analysis.bom : 0) },
    end: { line: at.line, character: word.end + (line === 1 ? analysis.bom : 0) },
  };
  const typed = lineText.slice(word.start, character);
  if (inSection(analysis.doc, line, STANDARDS)) return ruleItems(analysis, await contextOf(analysis), range);
  if (inSection(analysis.doc, line, RELEVANT_FILES)) {
    return pathItems(analysis, await contextOf(analysis), range, typed);
  }
  return empty;
}

function inListSection(analysis: Analysis, line: number): boolean {
  return inSection(analysis.doc, line, STANDARDS) || inSection(analysis.doc, line, RELEVANT_FILES);
}

/** The context answer for this text when it is ready; while another is computed, the last one answers at once. */
async function contextOf(analysis: Analysis): Promise<ContextAnswer> {
  const fresh = analysis.folder.context(analysis.abs, analysis.text);
  return analysis.folder.lastContext(analysis.abs) ?? (await fresh);
}

function ruleItems(analysis: Analysis, answer: ContextAnswer, range: Range): CompletionList {
  const items = answer.rules.map((rule, rank): CompletionItem => ({
    label: rule.path,
    kind: CompletionItemKind.File,
    detail: `${rule.verdict}: ${rule.reason}`,
    sortText: String(rank).padStart(5, '0'),
    filterText: rule.path,
    textEdit: { range, newText: rule.path },
    data: { kind: 'rule', verdict: rule.verdict },
  }));
  // Rule files the engine gave no verdict (process rules, skill assets) come last, still completable.
  const given = new Set(answer.rules.map((rule) => rule.path));
  for (const file of analysis.folder.project().ruleFiles) {
    if (given.has(file)) continue;
    items.push({
      label: file,
      kind: CompletionItemKind.File,
      detail: 'rule file the context engine does not rank for tech specs',
      sortText: `9${String(items.length).padStart(5, '0')}`,
      textEdit: { range, newText: file },
    });
  }
  return { isIncomplete: false, items };
}

function pathItems(analysis: Analysis, answer: ContextAnswer, range: Range, typed: string): CompletionList {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const file of answer.files) {
    if (!file.path.startsWith(typed) && !file.path.includes(typed)) continue;
    seen.add(file.path);
    items.push({
      label: file.path,
      kind: CompletionItemKind.File,
      detail: file.reason,
      sortText: `0${String(items.length).padStart(5, '0')}`,
      filterText: file.path,
      textEdit: { range, newText: file.path },
    });
  }
  let more = false;
  for (const file of analysis.folder.project().files) {
    if (seen.has(file) || !file.startsWith(typed)) continue;
    if (items.length >= MAX_ITEMS) {
      more = true;
      break;
    }
    items.push({
      label: file,
      kind: CompletionItemKind.File,
      sortText: `1${String(items.length).padStart(5, '0')}`,
      textEdit: { range, newText: file },
    });
  }
  return { isIncomplete: more, items };
}

/** The template's sections the spec does not have yet, titled as the spec titles its sections (English or pt-BR). */
function headingItems(analysis: Analysis, at: Position, before: string): CompletionItem[] {
  const { doc } = analysis;
  const template = analysis.folder.config().template;
  const present = new Set(doc.sections.map((section) => section.id));
  const portuguese = speaksPortuguese(analysis);
  const range: Range = { start: { line: at.line, character: 0 }, end: at };
  return template.sections
    .filter((section) => !present.has(section.id))
    .map((section): CompletionItem => {
      const title = (portuguese ? PRESETS['pt-BR']?.[section.id]?.[0] : undefined) ?? section.title;
      const heading = `${'#'.repeat(section.level)} ${title}`;
      return {
        label: heading,
        kind: CompletionItemKind.Module,
        detail: section.optional ? 'template section (optional)' : 'template section',
        ...(section.guidance ? { documentation: section.guidance } : {}),
        sortText: String(section.order).padStart(5, '0'),
        filterText: before.startsWith('#') ? heading : title,
        textEdit: { range, newText: heading },
      };
    });
}

/** More of the spec's section titles are the pt-BR preset's than the template's own. */
function speaksPortuguese(analysis: Analysis): boolean {
  const aliases = PRESETS['pt-BR'] ?? {};
  const template = analysis.folder.config().template;
  let pt = 0;
  let en = 0;
  for (const section of analysis.doc.sections) {
    if (section.id === undefined) continue;
    const title = normalizeTitle(section.title);
    if ((aliases[section.id] ?? []).some((alias) => normalizeTitle(alias) === title)) pt++;
    else if (template.sections.some((s) => s.id === section.id && normalizeTitle(s.title) === title)) en++;
  }
  return pt > en;
}
