// The language server: wires techspec's answers (lint, fixes, context, drift) to LSP requests over one connection.
// Each request reads the document's analysis (analysis.ts) and the state of the workspace folder holding it.
import path from 'node:path';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../lint/diagnostic.js';
import { gitTopLevel } from '../project/project.js';
import { isWithin } from '../project/confine.js';
import { createAnalyses, pathOf, type Analysis } from './analysis.js';
import { codeActions, FIX_ALL_KIND } from './code-actions.js';
import { completion } from './completion.js';
import { definition } from './definition.js';
import { createDebouncer, documentDiagnostics } from './diagnostics.js';
import { createFolderState, type FolderState } from './folder.js';
import { hover } from './hover.js';
import { documentLinks } from './links.js';
import { documentSymbols } from './symbols.js';
import { changedByFolder, WATCHERS } from './watch.js';

export interface LspServerOptions {
  /** Quiet interval before diagnostics are pushed after a change (default 200 ms; initializationOptions.debounceMs wins). */
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 200;

/** Serves techspec on `connection` until the client exits; call before `connection.listen()` (this does that). */
export function startLspServer(connection: Connection, options: LspServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const roots: string[] = [];
  const folders = new Map<string, FolderState>();
  const drift = new Map<string, Diagnostic[]>();
  const warned = new Set<string>();
  /** The version of each document whose diagnostics were pushed last. */
  const published = new Map<string, number>();
  let pull = false;
  let debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let dynamicWatch = false;

  const safely = <T>(answer: () => T, fallback: T): T => {
    try {
      return answer();
    } catch (error) {
      connection.console.error(`techspec: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  };
  const safelyAsync = async <T>(answer: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await answer();
    } catch (error) {
      connection.console.error(`techspec: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
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
      warnOnce(folder);
    }
    return folder;
  };
  const warnOnce = (folder: FolderState): void => {
    const problem = folder.configProblem();
    if (problem === undefined || warned.has(problem)) return;
    warned.add(problem);
    connection.window.showWarningMessage(`techspec: ${problem}`);
  };
  const analyses = createAnalyses(folderOf);
  const analysisOf = (uri: string): Analysis | undefined => {
    const document = documents.get(uri);
    return document === undefined ? undefined : analyses.get(document);
  };
  const diagnosticsOf = (uri: string): LspDiagnostic[] => {
    const analysis = analysisOf(uri);
    return analysis === undefined ? [] : documentDiagnostics(analysis, drift.get(uri) ?? []);
  };
  const publish = (uri: string): void => {
    const document = documents.get(uri);
    if (document === undefined || pull) return;
    published.set(uri, document.version);
    void connection.sendDiagnostics({
      uri,
      version: document.version,
      diagnostics: safely(() => diagnosticsOf(uri), []),
    });
  };
  let debouncer = createDebouncer(debounceMs, publish);
  const refreshAll = (): void => {
    if (pull) void connection.languages.diagnostics.refresh();
    else for (const document of documents.all()) publish(document.uri);
  };
  connection.onInitialize((params): InitializeResult => {
    const init = params.initializationOptions as { debounceMs?: unknown } | null | undefined;
    if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    debouncer = createDebouncer(debounceMs, publish);
    pull = params.capabilities.textDocument?.diagnostic !== undefined;
    dynamicWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const given: WorkspaceFolder[] = params.workspaceFolders ?? [];
    for (const folder of given) addRoot(folder.uri);
    // Clients older than LSP 3.6 (and some current ones) name only the root.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    if (given.length === 0 && params.rootUri) addRoot(params.rootUri);
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: ['/', '#', '`', '.'] },
        hoverProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        definitionProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'techspec' },
    };
  });
  const addRoot = (uri: string): void => {
    const abs = pathOf(uri);
    if (abs !== undefined && !roots.includes(abs)) roots.push(abs);
  };

  connection.onInitialized(() => {
    if (dynamicWatch) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS });
    }
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const removed of event.removed) {
        const abs = pathOf(removed.uri);
        if (abs === undefined) continue;
        roots.splice(roots.indexOf(abs), 1);
        folders.delete(abs);
      }
      for (const added of event.added) addRoot(added.uri);
      refreshAll();
    });
  });

  documents.onDidOpen((event) => {
    debouncer.cancel(event.document.uri);
    publish(event.document.uri);
    const analysis = analysisOf(event.document.uri);
    // Context (for completion) and drift (for hover and definition) are read ahead, off the request path.
    if (analysis?.isSpec) {
      void analysis.folder.context(analysis.abs, analysis.text).catch(() => undefined);
      void analysis.folder.drift(analysis.abs).catch(() => undefined);
    }
  });
  documents.onDidChangeContent((event) => {
    // Opening fires this too, after onDidOpen has published that version.
    if (published.get(event.document.uri) === event.document.version) return;
    debouncer.schedule(event.document.uri);
  });
  documents.onDidSave(async (event) => {
    const analysis = analysisOf(event.document.uri);
    if (!analysis?.isSpec) return;
    void analysis.folder.context(analysis.abs, analysis.text, true).catch(() => undefined);
    const report = await safelyAsync(() => analysis.folder.drift(analysis.abs), undefined);
    drift.set(event.document.uri, report?.results[0]?.diagnostics ?? []);
    if (pull) void connection.languages.diagnostics.refresh();
    else publish(event.document.uri);
  });
  documents.onDidClose((event) => {
    debouncer.cancel(event.document.uri);
    analyses.forget(event.document.uri);
    drift.delete(event.document.uri);
    published.delete(event.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on((params) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: safely(() => diagnosticsOf(params.textDocument.uri), []),
  }));
  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const analysis = analysisOf(params.textDocument.uri);
    if (!document || !analysis) return [];
    return safely(() => codeActions(analysis, document, params), []);
  });
  connection.onCompletion(async (params) => {
    const analysis = analysisOf(params.textDocument.uri);
    if (!analysis) return null;
    return safelyAsync(() => completion(analysis, params.position), null);
  });
  connection.onHover((params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? (safely(() => hover(analysis, params.position), undefined) ?? null) : null;
  });
  connection.onDocumentLinks((params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? safely(() => documentLinks(analysis), []) : [];
  });
  connection.onDocumentSymbol((params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? safely(() => documentSymbols(analysis), []) : [];
  });
  connection.onDefinition(async (params) => {
    const analysis = analysisOf(params.textDocument.uri);
    return analysis ? safelyAsync(() => definition(analysis, params.position), []) : [];
  });
  connection.onDidChangeWatchedFiles((params) => {
    const touched = changedByFolder(params.changes, [...folders.values()]);
    if (touched.size === 0) return;
    for (const [folder, changed] of touched) {
      safely(() => {
        folder.refresh(changed);
      }, undefined);
    }
    for (const folder of touched.keys()) warnOnce(folder);
    refreshAll();
  });
  connection.onShutdown(() => {
    debouncer.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
