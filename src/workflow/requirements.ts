// Requirement ids as PRDs write them (`RF-01`, `FR1`, `REQ-12`, `US-3`, `NFR-2`) and the numbered requirements of a
// PRD's requirement lists, with one key per requirement so that `RF-01`, `RF01` and `RF-1` are the same one.
import type { Block, SpecDocument } from '../spec/model.js';
import { trimEnd } from '../text/scan.js';

/** Prefixes read as requirement ids: functional, non-functional, generic, user stories, use cases, business rules. */
export const REQUIREMENT_PREFIXES: readonly string[] = [
  'RNF',
  'NFR',
  'RF',
  'FR',
  'REQ',
  'US',
  'UC',
  'BR',
  'RN',
];

/** Prefixes of goals: read only with a separator (`G-1`, `OBJ#2`), since `G1` names too many other things. */
const GOAL_PREFIXES: readonly string[] = ['OBJ', 'G'];

const ID = new RegExp(
  `(?<![A-Za-z0-9_-])(?:(${REQUIREMENT_PREFIXES.join('|')})[-_#]?|(${GOAL_PREFIXES.join('|')})[-#])` +
    `(\\d{1,4})(?![A-Za-z0-9_])`,
  'g',
);

/** A requirement id found in a text. */
export interface IdMention {
  /** As written (`RF-01`). */
  written: string;
  /** The same requirement whatever its spelling: prefix, `-`, number without leading zeros (`RF-1`). */
  key: string;
}

/** The requirement ids a text mentions, in order, each key once. */
export function findIds(text: string): IdMention[] {
  const seen = new Set<string>();
  const out: IdMention[] = [];
  for (const match of text.matchAll(ID)) {
    if (inFilePath(text, match.index, match[0].length)) continue;
    const key = `${match[1] ?? match[2] ?? ''}-${Number(match[3])}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ written: match[0], key });
  }
  return out;
}

/**
 * Whether the id at `index` is part of a file path (`docs/us/US-003-limit.md` names a file, not the requirement):
 * the whitespace-delimited word around it has a `/` and ends in a file extension. `RF-17/RF-18` is two ids.
 */
function inFilePath(text: string, index: number, length: number): boolean {
  const before = text.slice(0, index);
  const start = Math.max(...[' ', '\n', '\t', '(', '`', '[', '"', "'"].map((c) => before.lastIndexOf(c))) + 1;
  const after = text.slice(index + length).search(/[\s)`'"\]]/);
  const word = trimEnd(text.slice(start, after < 0 ? text.length : index + length + after), '.,;:!?');
  return word.includes('/') && /\/[^/]*\.[A-Za-z][A-Za-z0-9]{0,4}$/.test(word);
}

/** A requirement of a PRD. */
export interface Requirement {
  /** As the PRD writes it (`RF-01`), or `<prefix>#<n>` for the n-th item of a numbered requirement list. */
  id: string;
  key: string;
  /** Its text, without the id, on one line (at most 160 characters). */
  text: string;
  /** The heading it sits under. */
  heading: string;
  line: number;
}

/** Headings of numbered requirement lists and the prefix their items' ids get, most specific first. */
const LIST_HEADINGS: readonly (readonly [RegExp, string])[] = [
  [/\bnon[- ]?functional\b/i, 'NFR'],
  [/\brequisitos? n[ãa]o[- ]funciona/i, 'RNF'],
  [/\bfunctional requirements?\b/i, 'FR'],
  [/\brequisitos? funciona/i, 'RF'],
  [/\buser stor(?:y|ies)\b|\bhist[óo]rias? de usu[áa]rio/i, 'US'],
  [/\bgoals?\b|\bobjectives?\b/i, 'G'],
  [/\bobjetivos?\b|\bmetas?\b/i, 'OBJ'],
  [/\brequirements?\b|\brequisitos?\b/i, 'REQ'],
];

/**
 * Every requirement of a PRD: each id it writes (first mention: its text and heading), and each item of a numbered
 * list under a requirements or goals heading that writes no id, named `<prefix>#<n>` (`FR#3`, `G#1`). A numbered
 * item's key is `<prefix>-<n>`, so `FR-3` and `FR3` cite it too.
 */
export function readRequirements(doc: SpecDocument): Requirement[] {
  const out: Requirement[] = [];
  const keys = new Set<string>();
  const add = (requirement: Requirement): void => {
    if (keys.has(requirement.key)) return;
    keys.add(requirement.key);
    out.push(requirement);
  };
  const visit = (blocks: readonly Block[], heading: string, prefix: string | undefined): void => {
    for (const block of blocks) {
      if (block.kind === 'paragraph') {
        for (const id of findIds(block.text)) add(described(id, block.text, heading, block.line));
      } else if (block.kind === 'table') {
        for (const row of block.rows) {
          const text = row.map((cell) => cell.text).join(' | ');
          for (const id of findIds(text)) add(described(id, text, heading, row[0]?.line ?? block.line));
        }
      } else if (block.kind === 'blockquote') {
        visit(block.blocks, heading, undefined);
      } else if (block.kind === 'list') {
        block.items.forEach((item, index) => {
          const ids = findIds(item.text);
          for (const id of ids) add(described(id, item.text, heading, item.line));
          if (ids.length === 0 && block.ordered && prefix !== undefined) {
            const id = `${prefix}#${index + 1}`;
            add({ id, key: `${prefix}-${index + 1}`, text: oneLine(item.text), heading, line: item.line });
          }
          visit(item.lists, heading, undefined);
        });
      }
    }
  };
  visit(doc.preamble, doc.title?.text ?? '', undefined);
  for (const section of doc.sections) {
    const prefix = LIST_HEADINGS.find(([pattern]) => pattern.test(section.title))?.[1];
    visit(section.blocks, section.title, prefix);
  }
  return out;
}

function described(id: IdMention, text: string, heading: string, line: number): Requirement {
  const rest = text.replace(id.written, '').replace(/^[\s*_:.\-–—|]+/, '');
  return { id: id.written, key: id.key, text: oneLine(rest), heading, line };
}

function oneLine(text: string): string {
  const flat = text
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}
