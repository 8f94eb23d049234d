// The state of one connection: the open documents, the workspace folders and their states, the drift findings of each
// spec's last save, and how diagnostics reach the client (pushed after a quiet interval, or pulled by it).
import path from 'node:path';
import type { Connection, Diagnostic as LspDiagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../lint/diagnostic.js';
import { isWithin } from '../confine.js';
import { gitTopLevel } from '../workspace/project.js';
import { createAnalyses, pathOf, type Analyses, type Analysis } from './analysis.js';
import { createDebouncer, documentDiagnostics, type Debouncer } from './diagnostics.js';
import { createFolderState, type FolderState } from './folder.js';

export interface Session {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly analyses: Analyses;
  /** Drift findings of each spec's last save, by URI. */
  readonly drift: Map<string, Diagnostic[]>;
  /** The version of each document whose diagnostics were pushed last. */
  readonly published: Map<string, number>;
  /** The client pulls diagnostics (LSP 3.17): then none are pushed. */
  pull: boolean;
  debouncer: Debouncer;
  setDebounce(ms: number): void;
  addRoot(uri: string): void;
  removeRoot(uri: string): void;
  folders(): FolderState[];
  analysisOf(uri: string): Analysis | undefined;
  diagnosticsOf(uri: string): LspDiagnostic[];
  publish(uri: string): void;
  /** Every open document's diagnostics again: pushed, or the client asked to pull. */
  refreshAll(): void;
  /** Shows a folder's config problem once. */
  warnOnce(folder: FolderState): void;
  /** The answer, or `fallback` with the error logged: a request never takes the server down. */
  safely<T>(answer: () => T, fallback: T): T;
  safelyAsync<T>(answer: () => Promise<T>, fallback: T): Promise<T>;
}

export function createSession(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  debounceMs: number,
): Session {
  const roots: string[] = [];
  const folders = new Map<string, FolderState>();
  const warned = new Set<string>();
  const log = (error: unknown): void => {
    connection.console.error(`techspec: ${error instanceof Error ? error.message : String(error)}`);
  };
  /** The state of the workspace folder holding the file; outside every folder, of its repository (or its folder). */
  const folderOf = (abs: string): FolderState => {
    const root =
      [...roots].sort((a, b) => b.length - a.length).find((r) => isWithin(r, abs)) ??
      gitTopLevel(path.dirname(abs)) ??
      path.dirname(abs);
    let folder = folders.get(root);
    if (!folder) {
      folder = createFolderState(root);
      folders.set(root, folder);
      session.warnOnce(folder);
    }
    return folder;
  };
  const session: Session = {
    connection,
    documents,
    analyses: createAnalyses(folderOf),
    drift: new Map(),
    published: new Map(),
    pull: false,
    debouncer: createDebouncer(debounceMs, (uri) => {
      session.publish(uri);
    }),
    setDebounce(ms) {
      session.debouncer.dispose();
      session.debouncer = createDebouncer(ms, (uri) => {
        session.publish(uri);
      });
    },
    addRoot(uri) {
      const abs = pathOf(uri);
      if (abs !== undefined && !roots.includes(abs)) roots.push(abs);
    },
    removeRoot(uri) {
      const abs = pathOf(uri);
      if (abs === undefined || !roots.includes(abs)) return;
      roots.splice(roots.indexOf(abs), 1);
      folders.get(abs)?.close();
      folders.delete(abs);
    },
    folders: () => [...folders.values()],
    analysisOf(uri) {
      const document = documents.get(uri);
      return document === undefined ? undefined : session.analyses.get(document);
    },
    diagnosticsOf(uri) {
      const analysis = session.analysisOf(uri);
      return analysis === undefined ? [] : documentDiagnostics(analysis, session.drift.get(uri) ?? []);
    },
    publish(uri) {
      const document = documents.get(uri);
      if (document === undefined || session.pull) return;
      session.published.set(uri, document.version);
      const diagnostics = session.safely(() => session.diagnosticsOf(uri), []);
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    },
    refreshAll() {
      if (session.pull) void connection.languages.diagnostics.refresh();
      else for (const document of documents.all()) session.publish(document.uri);
    },
    warnOnce(folder) {
      const problem = folder.configProblem();
      if (problem === undefined || warned.has(problem)) return;
      warned.add(problem);
      connection.window.showWarningMessage(`techspec: ${problem}`);
    },
    safely(answer, fallback) {
      try {
        return answer();
      } catch (error) {
        log(error);
        return fallback;
      }
    },
    async safelyAsync(answer, fallback) {
      try {
        return await answer();
      } catch (error) {
        log(error);
        return fallback;
      }
    },
  };
  return session;
}
