// Document symbols: the spec's section outline, nested as its headings nest.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { Analysis } from './analysis.js';
import { position } from './diagnostics.js';

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const { doc } = analysis;
  const roots: DocumentSymbol[] = [];
  const made: DocumentSymbol[] = [];
  doc.sections.forEach((section, index) => {
    const heading = section.heading;
    const last = doc.lines[section.endLine - 1] ?? '';
    const symbol: DocumentSymbol = {
      name: section.title || '(untitled)',
      ...(section.id === undefined ? { detail: 'not a template section' } : { detail: section.id }),
      kind: SymbolKind.Namespace,
      range: {
        start: position(analysis, heading.line, 1),
        end: position(analysis, section.endLine, last.length + 1),
      },
      selectionRange: {
        start: position(analysis, heading.line, heading.column),
        end: position(analysis, heading.line, (doc.lines[heading.line - 1] ?? '').length + 1),
      },
      children: [],
    };
    made[index] = symbol;
    const parent = section.parent === undefined ? undefined : made[section.parent];
    (parent?.children ?? roots).push(symbol);
  });
  return roots;
}
