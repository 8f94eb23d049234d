// The lint engine: parse once, run each active rule over the model, apply directives and severities.
import path from 'node:path';
import { parseFor } from '../spec/parse.js';
import type { SpecDocument } from '../spec/model.js';
import type { Project } from '../workspace/project.js';
import { loadConfig, type ResolvedConfig } from './config.js';
import { docsUrl, summarize, type Diagnostic, type LintResult } from './diagnostic.js';
import { readSuppressions } from './directives.js';
import { applyFixes } from './fix.js';
import { formatMessage, type Report } from './rule.js';

export interface LintTextOptions {
  /** Path shown in diagnostics; also used, relative to the config root, for path checks. */
  filePath?: string;
  config?: ResolvedConfig;
  project?: Project | undefined;
  /** Apply fixes (in memory) and return the fixed text as `output`. */
  fix?: boolean;
  /** How to parse the text (a Workspace's memoised `parse`); default `parseFor` with the config's section matching. */
  parse?: (text: string, file: string) => SpecDocument;
}

const MAX_FIX_PASSES = 10;

/** Lints one document's text; never touches the disk unless no config was given (then it loads one). */
export function lintText(text: string, options: LintTextOptions = {}): LintResult {
  const config = options.config ?? loadConfig();
  const file = options.filePath ?? '<text>';
  // Fix ranges are offsets into the parsed text, which has no byte-order mark: fix that, then put it back.
  const bom = text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  let current = text.slice(bom.length);
  const parse = options.parse ?? ((t: string, f: string) => parseFor(t, f, config));
  let diagnostics = lintDocument(parse(current, file), config, options.project);
  if (options.fix) {
    // Each pass applies the fixes that do not overlap; re-lint until nothing more is fixable.
    for (let pass = 0; pass < MAX_FIX_PASSES && diagnostics.some((d) => d.fix); pass++) {
      const { output, applied } = applyFixes(current, diagnostics);
      if (applied === 0 || output === current) break;
      current = output;
      diagnostics = lintDocument(parse(current, file), config, options.project);
    }
  }
  const result = summarize(file, diagnostics);
  const output = bom + current;
  return output !== text ? { ...result, output } : result;
}

/** Runs every active rule on a parsed document. */
export function lintDocument(doc: SpecDocument, config: ResolvedConfig, project?: Project): Diagnostic[] {
  const suppressed = readSuppressions(doc);
  const relativePath = relativeTo(config.root, doc.path);
  const out: Diagnostic[] = [];
  for (const { rule, severity, options } of config.rules) {
    const report = (r: Report<string>): void => {
      if (suppressed(rule.id, r.line)) return;
      const lineText = doc.lines[r.line - 1] ?? '';
      const diagnostic: Diagnostic = {
        ruleId: rule.id,
        messageId: r.messageId,
        severity,
        message: formatMessage(rule.messages[r.messageId] ?? r.messageId, r.data),
        file: doc.path,
        line: r.line,
        column: r.column ?? 1,
        endLine: r.endLine ?? r.line,
        endColumn: r.endColumn ?? lineText.length + 1,
        docsUrl: docsUrl(rule.id),
      };
      if (r.fix) diagnostic.fix = r.fix;
      if (r.hint) diagnostic.hint = r.hint;
      out.push(diagnostic);
    };
    const context = { options, template: config.template, sections: config.sections, project, relativePath };
    rule.check(doc, { ...context, report });
  }
  return out;
}

function relativeTo(root: string, file: string): string {
  if (file.startsWith('<')) return '';
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}
