// Go to definition: a type named in Main Interfaces or Data Models → the code that declares it; an endpoint of API
// Endpoints → the route that declares it. Both as the drift check finds them (src/drift).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, Position } from 'vscode-languageserver/node';
import { specEndpoints } from '../drift/endpoints.js';
import { grepLines } from '../drift/git.js';
import { specSymbols, symbolSearch } from '../drift/symbols.js';
import { readInside } from '../confine.js';
import { MAX_SPEC_BYTES } from '../limits.js';
import type { Analysis } from './analysis.js';

export async function definition(analysis: Analysis, at: Position): Promise<Location[]> {
  if (!analysis.isSpec) return [];
  const line = at.line + 1;
  const column = at.character - (line === 1 ? analysis.bom : 0) + 1;
  const within = (p: { line: number; column: number; endColumn?: number | undefined }): boolean =>
    p.line === line && p.column <= column && column <= (p.endColumn ?? Infinity);
  const symbol = specSymbols(analysis.doc).find(within);
  if (symbol) return declarations(analysis, symbol.name);
  const endpoint = specEndpoints(analysis.doc).find(within);
  if (endpoint) return routeOf(analysis, line);
  return [];
}

/** Code lines declaring `name` (`interface Name`, `class Name`, `type Name struct`…), as drift's symbol check reads them. */
async function declarations(analysis: Analysis, name: string): Promise<Location[]> {
  const root = analysis.folder.root;
  const search = symbolSearch([name]);
  let lines;
  try {
    lines = await grepLines(root, search.needles);
  } catch {
    return [];
  }
  const out: Location[] = [];
  const seen = new Set<string>();
  for (const found of lines) {
    if (!search.find([found]).has(name)) continue;
    const key = `${found.file}\n${found.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = lineOf(root, found.file, found.text);
    if (at === undefined) continue;
    const character = Math.max(0, found.text.indexOf(name));
    out.push({
      uri: pathToFileURL(path.join(root, found.file)).href,
      range: { start: { line: at, character }, end: { line: at, character: character + name.length } },
    });
  }
  return out;
}

/** The line of `file` (repository-relative) holding `text`; read confined, so a committed link out is never followed. */
function lineOf(root: string, file: string, text: string): number | undefined {
  try {
    const index = readInside(root, file, 'file', MAX_SPEC_BYTES)
      .bytes.toString('utf8')
      .split(/\r?\n/)
      .indexOf(text);
    return index < 0 ? undefined : index;
  } catch {
    return undefined;
  }
}

/** The route the drift check matched to the endpoint on this line (`<framework> <file>:<line>`). */
async function routeOf(analysis: Analysis, line: number): Promise<Location[]> {
  const report = analysis.folder.lastDrift(analysis.abs) ?? (await analysis.folder.drift(analysis.abs));
  const state = report?.specs[0]?.endpoints?.find((e) => e.line === line && e.route !== undefined);
  const where = /^\S+ (.+):(\d+)$/.exec(state?.route ?? '');
  if (!where?.[1] || !where[2]) return [];
  const target = Number(where[2]) - 1;
  return [
    {
      uri: pathToFileURL(path.join(analysis.folder.root, where[1])).href,
      range: { start: { line: target, character: 0 }, end: { line: target, character: 0 } },
    },
  ];
}
