// One open document read once per version: its folder, whether it is a spec, its parse and its lint result, which
// every request (diagnostics, actions, completion, hover, links, symbols) reads instead of parsing again.
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { summarize, type LintResult } from '../lint/diagnostic.js';
import { lintDocument } from '../lint/engine.js';
import type { SpecDocument } from '../spec/model.js';
import type { FolderState } from './folder.js';

export interface Analysis {
  uri: string;
  version: number;
  folder: FolderState;
  /** Absolute path of the file (undefined for an unsaved `untitled:` document). */
  abs: string;
  /** Matched by the config's spec globs: only specs get diagnostics. */
  isSpec: boolean;
  /** 1 when the text starts with a byte-order mark: parse positions and fix offsets are over the text after it. */
  bom: number;
  text: string;
  doc: SpecDocument;
  /** `lintText(text, { filePath: abs, config, project })` of the folder: what `techspec lint` says of this text. */
  lint: LintResult;
}

/** The analysis of a document at its current version, computed on first request. */
export interface Analyses {
  get(document: TextDocument): Analysis | undefined;
  forget(uri: string): void;
}

export function createAnalyses(folderOf: (abs: string) => FolderState): Analyses {
  const cache = new Map<string, { key: string; analysis: Analysis }>();
  return {
    get(document) {
      const abs = pathOf(document.uri);
      if (abs === undefined) return undefined;
      const folder = folderOf(abs);
      const key = `${document.version}:${folder.root}:${folder.generation()}`;
      const known = cache.get(document.uri);
      if (known?.key === key) return known.analysis;
      const analysis = analyse(document, abs, folder);
      cache.set(document.uri, { key, analysis });
      return analysis;
    },
    forget: (uri) => cache.delete(uri),
  };
}

function analyse(document: TextDocument, abs: string, folder: FolderState): Analysis {
  const full = document.getText();
  const bom = full.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = full.slice(bom);
  const config = folder.config();
  // The steps of lintText without fixing, keeping the parse (the workspace's, shared with context) for other requests.
  const doc = folder.workspace().parse(abs, text);
  const lint = summarize(abs, lintDocument(doc, config, folder.project()));
  return {
    uri: document.uri,
    version: document.version,
    folder,
    abs,
    isSpec: folder.isSpec(abs),
    bom,
    text,
    doc,
    lint,
  };
}

/** The file path of a `file:` URI; undefined for other schemes. */
export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
