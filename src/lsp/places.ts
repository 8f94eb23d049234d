// Where in a spec a position lies: the template section (and its ancestors) that holds a line, and the word at a column.
import type { SpecDocument } from '../spec/model.js';

export const STANDARDS = 'technical-considerations/standards-compliance';
export const RELEVANT_FILES = 'technical-considerations/relevant-files';
export const MAIN_INTERFACES = 'implementation-design/main-interfaces';
export const API_ENDPOINTS = 'implementation-design/api-endpoints';

/** The template ids of the section holding `line` (1-based) and of every section enclosing it, innermost first. */
export function sectionIdsAt(doc: SpecDocument, line: number): string[] {
  let index = -1;
  doc.sections.forEach((section, i) => {
    if (section.heading.line <= line) index = i;
  });
  const ids: string[] = [];
  for (let at: number | undefined = index; at !== undefined && at >= 0; at = doc.sections[at]?.parent) {
    const id = doc.sections[at]?.id;
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

export function inSection(doc: SpecDocument, line: number, id: string): boolean {
  return sectionIdsAt(doc, line).includes(id);
}

export interface Word {
  text: string;
  /** 0-based, over the line's text: [start, end). */
  start: number;
  end: number;
}

/** The run of path-like characters (no space, backtick, quote, bracket, pipe) around a 0-based column. */
export function wordAt(lineText: string, character: number, pathLike = true): Word {
  const part = pathLike ? /[^\s`'"()[\]<>|,]/ : /[\w-]/;
  let start = Math.min(character, lineText.length);
  let end = start;
  while (start > 0 && part.test(lineText[start - 1] ?? '')) start--;
  while (end < lineText.length && part.test(lineText[end] ?? '')) end++;
  return { text: lineText.slice(start, end), start, end };
}
