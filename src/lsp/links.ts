// Document links: each path listed under Relevant Files and each rule file cited under Standards Compliance that
// resolves to a file or folder of the repository.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink } from 'vscode-languageserver/node';
import { listedPaths } from '../spec/facts/relevant-files.js';
import { ASSISTANT_FOLDERS } from '../assistants/registry.js';
import { citedRules } from '../spec/facts/standards.js';
import { projectPaths } from '../workspace/project.js';
import type { Analysis } from './analysis.js';
import { position } from './diagnostics.js';
import { trimEnd } from '../text/scan.js';

/**
 * The repository path a spec's written path names: as written, then from the spec's folder, then the one file ending
 * with it (as the context engine reads Relevant Files).
 */
export function resolveWritten(analysis: Analysis, written: string): string | undefined {
  const project = analysis.folder.project();
  const paths = projectPaths(project);
  const bare = trimEnd(written, '/');
  const specDir = path.posix.dirname(analysis.folder.relative(analysis.abs) ?? '');
  const candidates = [bare, specDir === '.' ? undefined : `${specDir}/${bare}`];
  for (const candidate of candidates) {
    if (candidate !== undefined && (paths.hasFile(candidate) || paths.hasDir(candidate))) return candidate;
  }
  const tails = paths.withSuffix(bare);
  return tails.length === 1 ? tails[0] : undefined;
}

export function documentLinks(analysis: Analysis): DocumentLink[] {
  if (!analysis.isSpec) return [];
  const links: DocumentLink[] = [];
  const add = (written: string, line: number, column: number, endColumn: number, tooltip: string): void => {
    const target = resolveWritten(analysis, written);
    if (target === undefined) return;
    links.push({
      range: { start: position(analysis, line, column), end: position(analysis, line, endColumn) },
      target: pathToFileURL(path.join(analysis.folder.root, target)).href,
      tooltip,
    });
  };
  for (const listed of listedPaths(analysis.doc)) {
    if (!listed.absolute) add(listed.path, listed.line, listed.column, listed.endColumn, 'Relevant file');
  }
  for (const cited of citedRules(analysis.doc, { assistantFolders: ASSISTANT_FOLDERS })) {
    add(cited.dotted, cited.line, cited.column, cited.endColumn, 'Rule file');
  }
  return links;
}
