// The text an evaluated case gives techspec: the PRD beside the spec, else the spec without the two answer sections.
import { resolveConfig } from '../../src/lint/config.js';
import { parseSpec } from '../../src/spec/parse.js';
import type { BenchCase } from './manifest.js';
import { showFile, type RepoSource } from './repos.js';

/** The template sections whose content is the answer being measured: a query must not contain them. */
const ANSWER_SECTIONS = new Set([
  'technical-considerations/standards-compliance',
  'technical-considerations/relevant-files',
]);

export interface QueryText {
  text: string;
  from: 'prd' | 'spec';
  /** Lines removed from the spec (the answer sections), 0 for a PRD. */
  removedLines: number;
}

/** The PRD at the commit that added the spec, else the spec stripped of its answers; undefined when neither is there. */
export function queryText(source: RepoSource, entry: BenchCase): QueryText | undefined {
  const prdPath = entry.prd?.path;
  const prd = prdPath === undefined ? undefined : showFile(source, entry.spec_added_commit, prdPath);
  if (prd !== undefined && prd.trim() !== '') return { text: prd, from: 'prd', removedLines: 0 };
  const spec = showFile(source, entry.spec_added_commit, entry.spec_path);
  if (spec === undefined) return undefined;
  const { text, removedLines } = withoutAnswers(spec);
  return { text, from: 'spec', removedLines };
}

/**
 * The spec without its Standards Compliance and Relevant Files sections (their subsections too), found by template
 * id through the configured heading matcher, so Portuguese and variant titles count.
 */
export function withoutAnswers(spec: string): { text: string; removedLines: number } {
  const config = resolveConfig({}, { root: process.cwd(), file: undefined, strict: false });
  const doc = parseSpec(spec, {
    match: (title, parentId, level) => config.sections.match(title, parentId, level),
  });
  const drop = new Set<number>();
  for (const section of doc.sections) {
    if (section.id === undefined || !ANSWER_SECTIONS.has(section.id)) continue;
    for (let line = section.heading.line; line <= section.endLine; line++) drop.add(line);
  }
  const kept = doc.lines.filter((_, i) => !drop.has(i + 1));
  return { text: kept.join('\n'), removedLines: drop.size };
}
