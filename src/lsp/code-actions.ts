// Code actions: each finding's fix as a quick fix, "fix all techspec problems" (what `techspec lint --fix` writes), and
// "disable <rule> for this line" with the directive comment (src/lint/directives.ts) placed where it silences that line.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../lint/diagnostic.js';
import { lintDocument, lintText } from '../lint/engine.js';
import { parseFor } from '../spec/parse.js';
import type { Analysis } from './analysis.js';
import { toLspDiagnostic } from './diagnostics.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.techspec`;

export function codeActions(
  analysis: Analysis,
  document: TextDocument,
  params: CodeActionParams,
): CodeAction[] {
  if (!analysis.isSpec) return [];
  const only = params.context.only;
  const wants = (kind: string): boolean =>
    only === undefined || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  const here = analysis.lint.diagnostics.filter((d) =>
    touches(toLspDiagnostic(analysis, d).range, params.range),
  );
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of here) {
      if (!d.fix) continue;
      actions.push({
        title: `Fix: ${d.message}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(analysis, d)],
        isPreferred: true,
        edit: { changes: { [analysis.uri]: [offsetEdit(document, analysis, d.fix.range, d.fix.text)] } },
      });
    }
  }
  const fixable = analysis.lint.diagnostics.some((d) => d.fix);
  if (fixable && (wants(CodeActionKind.QuickFix) || wants(FIX_ALL_KIND))) {
    const all = fixAll(analysis, document);
    if (all) {
      const kind = wants(CodeActionKind.QuickFix) ? CodeActionKind.QuickFix : FIX_ALL_KIND;
      actions.push({
        title: 'Fix all techspec problems',
        kind,
        edit: { changes: { [analysis.uri]: [all] } },
      });
    }
  }
  if (wants(CodeActionKind.QuickFix)) {
    const seen = new Set<string>();
    for (const d of here) {
      const key = `${d.ruleId}:${d.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const edit = disableEdit(analysis, document, d);
      if (!edit) continue;
      actions.push({
        title: `Disable ${d.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(analysis, d)],
        edit: { changes: { [analysis.uri]: [edit] } },
      });
    }
  }
  return actions;
}

/** The edit `lintText(text, { fix: true })` makes, as one replacement of the span that changed. */
export function fixAll(analysis: Analysis, document: TextDocument): TextEdit | undefined {
  const config = analysis.folder.config();
  const fixed = lintText(analysis.text, {
    filePath: analysis.abs,
    config,
    project: analysis.folder.project(),
    fix: true,
  });
  if (fixed.output === undefined) return undefined;
  return spanEdit(document, analysis, analysis.text, fixed.output);
}

/**
 * The first placement of a directive that silences this finding and changes no other: at the end of its line, on a
 * line of its own above it, or around the block it sits in (a fenced code block, a table, a list).
 */
function disableEdit(analysis: Analysis, document: TextDocument, d: Diagnostic): TextEdit | undefined {
  const { doc, text } = analysis;
  const at = (line: number, column: number): number =>
    Math.min((doc.lineStarts[line - 1] ?? text.length) + column - 1, text.length);
  const lineEnd = (line: number): number =>
    at(line, (doc.lines[line - 1] ?? '').replace(/\r$/, '').length + 1);
  const insert = (source: string, offset: number, added: string): string =>
    source.slice(0, offset) + added + source.slice(offset);
  const lineText = doc.lines[d.line - 1] ?? '';
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const candidates: (() => string)[] = [
    () => insert(text, lineEnd(d.line), ` <!-- techspec-disable-line ${d.ruleId} -->`),
    () => insert(text, at(d.line, 1), `${indent}<!-- techspec-disable-next-line ${d.ruleId} -->\n`),
  ];
  const block = enclosingBlock(analysis, d.line);
  if (block) {
    candidates.push(() => {
      const closed = insert(text, lineEnd(block.endLine), `\n\n<!-- techspec-enable ${d.ruleId} -->`);
      return insert(closed, at(block.line, 1), `<!-- techspec-disable ${d.ruleId} -->\n\n`);
    });
  }
  for (const candidate of candidates) {
    const next = candidate();
    if (silences(analysis, d, next)) return spanEdit(document, analysis, text, next);
  }
  return undefined;
}

/** The top-level block (code block, table, list, paragraph) that holds the line. */
function enclosingBlock(analysis: Analysis, line: number): { line: number; endLine: number } | undefined {
  for (const section of analysis.doc.sections) {
    for (const block of section.blocks) if (block.line <= line && line <= block.endLine) return block;
  }
  return undefined;
}

/** After the edit, one finding of the rule fewer and no finding of any other rule more. */
function silences(analysis: Analysis, d: Diagnostic, next: string): boolean {
  const config = analysis.folder.config();
  const after = lintDocument(parseFor(next, analysis.abs, config), config, analysis.folder.project());
  const count = (list: readonly Diagnostic[], same: boolean): number =>
    list.filter((x) => (x.ruleId === d.ruleId) === same).length;
  const before = analysis.lint.diagnostics;
  return count(after, true) < count(before, true) && count(after, false) <= count(before, false);
}

/** Offsets over the parsed text (after any byte-order mark) as an edit of the editor's document. */
function offsetEdit(
  document: TextDocument,
  analysis: Analysis,
  range: [number, number],
  text: string,
): TextEdit {
  return {
    range: {
      start: document.positionAt(range[0] + analysis.bom),
      end: document.positionAt(range[1] + analysis.bom),
    },
    newText: text,
  };
}

/** One edit replacing only the span where `before` and `after` differ. */
function spanEdit(document: TextDocument, analysis: Analysis, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  return offsetEdit(document, analysis, [start, before.length - end], after.slice(start, after.length - end));
}

function touches(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']): boolean =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
