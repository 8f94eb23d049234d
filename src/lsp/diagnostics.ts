// techspec's findings as LSP diagnostics: the rule id as `code`, its docs as `codeDescription`, the fix in `data`;
// pushed after a quiet interval on open and change, answered on pull, with drift findings added on save.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver/node';
import type { Diagnostic, Fix } from '../lint/diagnostic.js';
import type { Analysis } from './analysis.js';
import { findingsFor, type RuleFinding } from '../assistants/rules/check.js';

export const SOURCE = 'techspec';

/** What a diagnostic carries for code actions: the rule and, when it has one, its fix over the editor's text. */
export interface DiagnosticData {
  ruleId: string;
  fix?: Fix;
}

/** A 1-based line and column of the parsed text (after any byte-order mark) as an LSP position. */
export function position(analysis: Pick<Analysis, 'bom'>, line: number, column: number) {
  return { line: line - 1, character: column - 1 + (line === 1 ? analysis.bom : 0) };
}

export function toLspDiagnostic(analysis: Pick<Analysis, 'bom'>, d: Diagnostic): LspDiagnostic {
  const range: Range = {
    start: position(analysis, d.line, d.column),
    end: position(analysis, d.endLine, Math.max(d.endColumn, d.line === d.endLine ? d.column : 1)),
  };
  const data: DiagnosticData = { ruleId: d.ruleId };
  if (d.fix)
    data.fix = { range: [d.fix.range[0] + analysis.bom, d.fix.range[1] + analysis.bom], text: d.fix.text };
  return {
    range,
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.ruleId,
    codeDescription: { href: d.docsUrl },
    source: SOURCE,
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
    data,
  };
}

/**
 * The document's diagnostics: a spec's lint findings, then the drift findings of its last save; a rule file's
 * `techspec rules --check` findings; nothing for other Markdown.
 */
export function documentDiagnostics(analysis: Analysis, drift: readonly Diagnostic[]): LspDiagnostic[] {
  if (!analysis.isSpec) {
    const rel = analysis.folder.relative(analysis.abs);
    if (rel === undefined || analysis.folder.project().isRuleFile?.(rel) !== true) return [];
    return ruleFileDiagnostics(findingsFor(analysis.folder.ruleFindings(), rel));
  }
  return [...analysis.lint.diagnostics, ...drift].map((d) => toLspDiagnostic(analysis, d));
}

/**
 * The findings of `techspec rules --check` for one rule file (`findingsFor(checkRules(scan, files), path)`) as
 * warnings on their line (the whole first line when a finding has none), code = the finding's kind.
 */
export function ruleFileDiagnostics(findings: readonly RuleFinding[]): LspDiagnostic[] {
  return findings.map((finding) => {
    const line = (finding.line ?? 1) - 1;
    return {
      range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      code: finding.kind,
      source: SOURCE,
      message: finding.message,
    };
  });
}

/** Runs `publish(uri)` once per document after `delay` ms without a further change to it. */
export interface Debouncer {
  schedule(uri: string): void;
  cancel(uri: string): void;
  dispose(): void;
}

export function createDebouncer(delay: number, publish: (uri: string) => void): Debouncer {
  const timers = new Map<string, NodeJS.Timeout>();
  const cancel = (uri: string): void => {
    const timer = timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    timers.delete(uri);
  };
  return {
    schedule(uri) {
      cancel(uri);
      if (delay <= 0) {
        publish(uri);
        return;
      }
      timers.set(
        uri,
        setTimeout(() => {
          timers.delete(uri);
          publish(uri);
        }, delay),
      );
    },
    cancel,
    dispose() {
      for (const uri of [...timers.keys()]) cancel(uri);
    },
  };
}
