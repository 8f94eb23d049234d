// Reads one file and turns it into facts: skipped with a reason, or its kind, definitions, references and terms.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileKind, GENERATED_MARKER, isTestFile, languageOf } from '../code/classify.js';
import { importSpecifiers } from '../code/imports.js';
import { DEFINITION_PATTERNS, DEFINITION_QUERIES } from '../code/languages.js';
import type { FileFacts, FileOutcome } from './model.js';
import { scanText } from '../text/tokenize.js';
import { definitions, loadGrammar } from '../code/treesitter.js';

/** A file read this run: what it gave, a hash of its bytes ('' when not asked for) and whether a grammar parsed it. */
export interface Examined {
  outcome: FileOutcome;
  hash: string;
  parsed: boolean;
}

/**
 * A file to examine, and whether to hash its bytes: only a file modified in the last moments needs a hash, for the
 * next run cannot trust its size and mtime (see build.ts).
 */
export interface Target {
  file: string;
  hash: boolean;
}

/** How many leading bytes are searched for a NUL (binary) and leading characters for a generated-code marker. */
const SNIFF_BYTES = 8000;
const MARKER_CHARS = 600;
const COMPONENT = /\.(?:vue|svelte|astro)$/;
/**
 * Larger source files are not parsed for definitions (their words still count): at that size a file is a table, a
 * grammar or generated code far more often than hand-written classes, and parsing it costs the most.
 */
export const MAX_PARSE_CHARS = 256 * 1024;

/**
 * Reads `file` under `root` and examines it; never throws (an unreadable file is an outcome too). The read is
 * synchronous: for many small files it costs a tenth of the promise API's open, stat, read and close round trips.
 */
export async function examineFile(
  root: string,
  { file, hash: wantHash }: Target,
  memo: Map<string, readonly string[]>,
): Promise<Examined> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(root, file));
  } catch {
    return { outcome: { path: file, skip: 'unreadable' }, hash: '', parsed: false };
  }
  return examineBytes(file, bytes, memo, wantHash);
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}

export async function examineBytes(
  file: string,
  bytes: Uint8Array,
  memo: Map<string, readonly string[]>,
  wantHash = false,
): Promise<Examined> {
  const hash = wantHash ? hashBytes(bytes) : '';
  if (bytes.subarray(0, SNIFF_BYTES).includes(0))
    return { outcome: { path: file, skip: 'binary' }, hash, parsed: false };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { outcome: { path: file, skip: 'non-utf8' }, hash, parsed: false };
  }
  if (GENERATED_MARKER.test(text.slice(0, MARKER_CHARS))) {
    return { outcome: { path: file, skip: 'generated' }, hash, parsed: false };
  }
  const kind = fileKind(file);
  const lang = kind === 'code' ? languageOf(file) : undefined;
  const parse = lang !== undefined && !isTestFile(file) && text.length <= MAX_PARSE_CHARS;
  const found = parse ? await definitionsOf(lang, text) : undefined;
  const defs = found?.names ?? [];
  const own = new Set(defs);
  const scan = scanText(text, memo);
  const facts: FileFacts = {
    kind,
    defs,
    refs: scan.identifiers.filter((name) => !own.has(name)),
    // Single-file components (Vue, Svelte, Astro) import in JavaScript.
    imports: importSpecifiers(lang ?? (COMPONENT.test(file) ? 'javascript' : undefined), text),
    terms: [...scan.terms.keys()],
    counts: [...scan.terms.values()],
  };
  if (lang !== undefined) facts.lang = lang;
  return { outcome: { path: file, facts }, hash, parsed: found?.parsed ?? false };
}

/** Definitions by grammar when one ships for `lang`, else by the language's patterns. */
async function definitionsOf(lang: string, text: string): Promise<{ names: string[]; parsed: boolean }> {
  if (DEFINITION_QUERIES[lang] !== undefined) {
    const grammar = await loadGrammar(lang);
    const names = grammar ? definitions(grammar, text) : undefined;
    return { names: names ?? [], parsed: names !== undefined };
  }
  const names = new Set<string>();
  for (const pattern of DEFINITION_PATTERNS[lang] ?? []) {
    for (const match of text.matchAll(pattern)) if (match[1]) names.add(match[1]);
  }
  return { names: [...names], parsed: false };
}

/** Examines `files` one after the other, in order. */
export async function examineMany(
  root: string,
  targets: readonly Target[],
  memo: Map<string, readonly string[]>,
  onResult: (file: string, examined: Examined) => void,
): Promise<void> {
  for (const target of targets) onResult(target.file, await examineFile(root, target, memo));
}
