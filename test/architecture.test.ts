// Imports point down only: foundations (text, spec, code, assistants, workspace) never import features (lint,
// context, drift, workflow), features never import surfaces (mcp, serve, lsp, cli), and no two folders import each
// other. A new folder must be given its place here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');

/** Each top folder of src/ and its layer; a folder may import only from layers below its own. */
const LAYERS: readonly (readonly string[])[] = [
  ['.'], // errors, issues, limits, access, package-info: shared by everything
  ['text'],
  ['spec'],
  ['code'],
  ['assistants'],
  ['workspace'],
  ['lint'],
  ['context'],
  ['drift'],
  ['workflow'],
  ['mcp', 'serve', 'lsp'],
  ['cli'],
];

function layerOf(folder: string): number {
  return LAYERS.findIndex((layer) => layer.includes(folder));
}

function folderOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length === 1 ? '.' : (parts[0] ?? '.');
}

function imports(): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const entry of readdirSync(SRC, { recursive: true })) {
    const rel = String(entry);
    if (!rel.endsWith('.ts') || rel === 'index.ts') continue; // the public API re-exports every layer
    const file = path.join(SRC, rel);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      out.push({ from: file, to: path.resolve(path.dirname(file), match[1] ?? '') });
    }
  }
  return out;
}

describe('the import graph of src/', () => {
  const edges = imports();

  it('gives every folder a layer', () => {
    const folders = new Set(edges.flatMap((edge) => [folderOf(edge.from), folderOf(edge.to)]));
    expect([...folders].filter((folder) => layerOf(folder) < 0)).toEqual([]);
  });

  it('has no import from a lower layer to a higher one, nor between two folders of one layer', () => {
    const upward = edges
      .filter((edge) => folderOf(edge.from) !== folderOf(edge.to))
      .filter((edge) => layerOf(folderOf(edge.to)) >= layerOf(folderOf(edge.from)))
      .map((edge) => `${path.relative(SRC, edge.from)} -> ${path.relative(SRC, edge.to)}`);
    expect(upward).toEqual([]);
  });

  it('finds an upward import when one is there (the check itself works)', () => {
    expect(layerOf('lint')).toBeGreaterThan(layerOf('spec'));
    expect(layerOf('cli')).toBeGreaterThan(layerOf('mcp'));
    expect(layerOf('mcp')).toBe(layerOf('serve'));
  });
});
