// Finds `METHOD /path` endpoints where specs write them: inline code, list items, tables, headings, http blocks.
import type { CodeBlock, InlineCode, Section, SpecDocument, Table } from '../model.js';
import { walkBlocks } from '../walk.js';
import { fold, plainText } from '../../text/fold.js';
import { editDistance } from '../../text/paths.js';
import { columnOf } from '../walk.js';
import { cutAt, trimEnd } from '../../text/scan.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Where an endpoint was written: a declaration (list, table, heading, code) or a mention in prose. */
export type EndpointKind = 'list' | 'table' | 'heading' | 'code' | 'mention';

export interface Endpoint {
  method: string;
  /** The path as written, query string removed. */
  path: string;
  /** The path under the base path declared around it (`Base path: /api/v0`), when it is relative to one. */
  fullPath: string;
  absolute: boolean;
  kind: EndpointKind;
  line: number;
  column: number;
  endColumn: number;
}

const ENDPOINT = /^([A-Za-z]{2,10}(?:\s*[/|,]\s*[A-Za-z]{2,10})*)\s+(https?:\/\/[^\s`*]+|\/[^\s`*]*)/;
const LEAD = /^[\s*_>([]*(?:\d+[.)]\s*)?[\s*_]*/;
const TABLE_METHOD = /^(?:http )?(?:method|metodo|verb|verbo)$/;
const TABLE_PATH = /^(?:path|caminho|rota|route|endpoint|url|uri|resource|recurso)$/;
const BASE_WORDS = /\b(?:base|prefix|prefixo|router|mounted|montad[oa]s?)\b/;

/** Transports that specs list beside HTTP routes; `WS /stream` is not a misspelt method. */
const OTHER_TRANSPORTS = new Set(
  'WS WSS WEBSOCKET SSE GRPC RPC GRAPHQL MQTT AMQP KAFKA UDS IPC CLI CRON EVENT TOPIC QUEUE'.split(' '),
);

/**
 * Could this word be meant as an HTTP method? Known methods in any case and near-misses always; other
 * all-caps words (`FETCH`) only where the method position is explicit (code, headings), not in prose.
 */
export function methodLike(word: string, allCaps = true): boolean {
  const upper = word.toUpperCase();
  if (OTHER_TRANSPORTS.has(upper)) return false;
  if ((HTTP_METHODS as readonly string[]).includes(upper) || (allCaps && word === upper)) return true;
  return word.length >= 3 && HTTP_METHODS.some((m) => editDistance(upper, m) <= 1);
}

interface Parsed {
  methods: string[];
  path: string;
  length: number;
}

function parse(text: string, allCaps = true): Parsed | undefined {
  const match = ENDPOINT.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const methods = match[1].split(/[/|,]/).map((method) => method.trim());
  if (!methods.every((m) => methodLike(m, allCaps))) return undefined;
  const path = trimEnd(cutAt(match[2], '?#'), ':,.;)');
  return { methods, path, length: match[0].length };
}

function normalizeBase(path: string): string {
  return trimEnd(path, '/');
}

function joinBase(base: string | undefined, path: string): string {
  if (!base || path.startsWith('http') || path === base || path.startsWith(`${base}/`)) return path;
  return path === '/' ? base : `${base}${path}`;
}

/** Collects the endpoints of a section subtree in document order, resolving declared base paths. */
export function collectEndpoints(doc: SpecDocument, sections: readonly Section[]): Endpoint[] {
  const out: Endpoint[] = [];
  const bases = new Map<Section, string | undefined>();
  for (const section of sections) {
    const parent = section.parent === undefined ? undefined : doc.sections[section.parent];
    let base = headingBase(section.heading.text) ?? (parent ? bases.get(parent) : undefined);
    const emit: Emit = (method, path, kind, line, column, length) => {
      out.push({
        method,
        path,
        fullPath: joinBase(base, path),
        absolute: /^https?:/.test(path),
        kind,
        line,
        column,
        endColumn: column + length,
      });
    };
    const fromText = (text: string, codes: readonly InlineCode[], line: number, kind: EndpointKind): void => {
      let leadFound = false;
      const lead = text.replace(LEAD, '');
      for (const code of codes) {
        const parsed = parse(code.value);
        if (!parsed) continue;
        const isLead = lead.startsWith(`\`${code.value}`) || lead.startsWith(`\`\` ${code.value}`);
        leadFound ||= isLead;
        for (const method of parsed.methods) {
          emit(
            method,
            parsed.path,
            isLead ? kind : 'mention',
            code.span.start.line,
            code.span.start.column,
            parsed.length,
          );
        }
      }
      if (leadFound) return;
      // Outside code, an unknown all-caps word is a method only in a heading or a bold lead (`**FETCH /x**`).
      const allCaps = (kind === 'heading' && line === section.heading.line) || /^\*\*/.test(text.trim());
      const parsed = parse(plainText(text).replace(LEAD, ''), allCaps);
      if (!parsed) return;
      const first = parsed.methods[0] ?? '';
      const column = columnOf(doc, line, new RegExp(`\\b${first}\\b`));
      for (const method of parsed.methods) emit(method, parsed.path, kind, line, column, parsed.length);
    };
    if (section !== sections[0]) fromText(section.heading.text, [], section.heading.line, 'heading');
    for (const block of section.blocks) {
      walkBlocks([block], (inner) => {
        if (inner.kind === 'paragraph') {
          base = paragraphBase(inner.text, inner.inlineCode) ?? base;
          fromText(inner.text, inner.inlineCode, inner.line, 'heading');
        } else if (inner.kind === 'list') {
          for (const item of inner.items) fromText(item.text, item.inlineCode, item.line, 'list');
        } else if (inner.kind === 'table') {
          tableEndpoints(doc, inner, emit, fromText);
        } else if (inner.kind === 'code') {
          codeEndpoints(doc, inner, emit);
        }
      });
    }
    bases.set(section, base);
  }
  return out;
}

function headingBase(text: string): string | undefined {
  if (parse(plainText(text).replace(LEAD, ''))) return undefined;
  const paths = [...text.matchAll(/`(\/[^`\s]*)`/g)].map((m) => m[1] ?? '');
  return paths.length === 1 && paths[0] !== '/' ? normalizeBase(paths[0] ?? '') : undefined;
}

function paragraphBase(text: string, codes: readonly InlineCode[]): string | undefined {
  if (!BASE_WORDS.test(fold(text))) return undefined;
  const paths = codes.filter((c) => /^\/[^\s]+$/.test(c.value));
  return paths.length === 1 ? normalizeBase(paths[0]?.value ?? '') : undefined;
}

type Emit = (
  method: string,
  path: string,
  kind: EndpointKind,
  line: number,
  column: number,
  length: number,
) => void;
type FromText = (text: string, codes: readonly InlineCode[], line: number, kind: EndpointKind) => void;

function tableEndpoints(doc: SpecDocument, table: Table, emit: Emit, fromText: FromText): void {
  const headers = table.header.map((cell) => fold(plainText(cell.text)));
  const methodCol = headers.findIndex((h) => TABLE_METHOD.test(h));
  const pathCol = headers.findIndex((h) => TABLE_PATH.test(h));
  for (const row of table.rows) {
    row.forEach((cell, index) => {
      if (index === methodCol || index === pathCol) return;
      fromText(cell.text, cell.inlineCode, cell.line, methodCol >= 0 && pathCol >= 0 ? 'mention' : 'table');
    });
    if (methodCol < 0 || pathCol < 0) continue;
    const methodCell = row[methodCol];
    const pathCell = row[pathCol];
    if (!methodCell || !pathCell) continue;
    const methodText = plainText(methodCell.text);
    if (methodText.includes(' /')) {
      fromText(methodCell.text, methodCell.inlineCode, methodCell.line, 'table');
      continue;
    }
    const codePaths = pathCell.inlineCode.map((c) => c.value).filter((v) => /^(\/|https?:)/.test(v));
    const plainPath = plainText(pathCell.text);
    const paths = codePaths.length > 0 ? codePaths : /^(\/|https?:)\S*$/.test(plainPath) ? [plainPath] : [];
    const methods = methodText
      .split(/[\s/|,]+/)
      .filter((m) => /^[A-Za-z]{2,10}$/.test(m) && !OTHER_TRANSPORTS.has(m.toUpperCase()));
    if (methods.length === 0) continue;
    const column = columnOf(doc, methodCell.line, new RegExp(`\\b${methods[0] ?? ''}\\b`));
    for (const path of paths) {
      const clean = cutAt(path, '?#');
      for (const method of methods) emit(method, clean, 'table', methodCell.line, column, methodText.length);
    }
  }
}

const HTTP_LANGS = new Set(['http', 'https', 'rest', 'restclient', 'httpie']);
const TEXT_LANGS = new Set(['', 'text', 'txt', 'plaintext']);

function codeEndpoints(doc: SpecDocument, block: CodeBlock, emit: Emit): void {
  const lang = block.lang.toLowerCase();
  if (!HTTP_LANGS.has(lang) && !TEXT_LANGS.has(lang)) return;
  const first = block.line + (block.fenced ? 1 : 0);
  block.content.split('\n').forEach((text, offset) => {
    const parsed = parse(text.trim());
    if (!parsed) return;
    // In untyped blocks only real methods count: plain text has too many `WORD /thing` lines.
    if (
      !HTTP_LANGS.has(lang) &&
      !parsed.methods.every((m) => (HTTP_METHODS as readonly string[]).includes(m))
    )
      return;
    const line = first + offset;
    const column = columnOf(doc, line, new RegExp(`\\b${parsed.methods[0] ?? ''}\\b`));
    for (const method of parsed.methods) emit(method, parsed.path, 'code', line, column, parsed.length);
  });
}
