// The language server: wires techspec's answers (lint, fixes, context, drift) to LSP requests over one connection.
// Each request reads the document's analysis (analysis.ts) and the state of the workspace folder holding it (session.ts).
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, FIX_ALL_KIND } from './code-actions.js';
import { completion } from './completion.js';
import { definition } from './definition.js';
import { hover } from './hover.js';
import { documentLinks } from './links.js';
import { createSession, type Session } from './session.js';
import { documentSymbols } from './symbols.js';
import { changedByFolder, WATCHERS } from './watch.js';

export interface LspServerOptions {
  /** Quiet interval before diagnostics are pushed after a change (default 200 ms; initializationOptions.debounceMs wins). */
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 200;

/** Serves techspec on `connection` until the client exits; this also starts listening. */
export function startLspServer(connection: Connection, options: LspServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const session = createSession(connection, documents, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  let dynamicWatch = false;
  let folderEvents = false;
  connection.onInitialize((params) => {
    dynamicWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    return initialize(session, params);
  });
  connection.onInitialized(() => {
    if (dynamicWatch) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS });
    }
    // The library throws when asked for folder events the client never sends.
    if (!folderEvents) return;
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const removed of event.removed) session.removeRoot(removed.uri);
      for (const added of event.added) session.addRoot(added.uri);
      session.refreshAll();
    });
  });
  followDocuments(session);
  answerRequests(session);
  connection.onDidChangeWatchedFiles((params) => {
    const touched = changedByFolder(params.changes, session.folders());
    if (touched.size === 0) return;
    for (const [folder, changed] of touched) {
      session.safely(() => {
        folder.refresh(changed);
      }, undefined);
      session.warnOnce(folder);
    }
    session.refreshAll();
  });
  connection.onShutdown(() => {
    session.debouncer.dispose();
    for (const folder of session.folders()) folder.close();
  });
  documents.listen(connection);
  connection.listen();
}

function initialize(session: Session, params: InitializeParams): InitializeResult {
  const init = params.initializationOptions as { debounceMs?: unknown } | null | undefined;
  if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) session.setDebounce(init.debounceMs);
  session.pull = params.capabilities.textDocument?.diagnostic !== undefined;
  const given = params.workspaceFolders ?? [];
  for (const folder of given) session.addRoot(folder.uri);
  // Clients older than LSP 3.6 (and some current ones) name only the root.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  if (given.length === 0 && params.rootUri) session.addRoot(params.rootUri);
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
}

/** Open, change (debounced), save (drift) and close of documents. */
function followDocuments(session: Session): void {
  const { documents, connection } = session;
  documents.onDidOpen((event) => {
    session.debouncer.cancel(event.document.uri);
    session.publish(event.document.uri);
    const analysis = session.analysisOf(event.document.uri);
    // Context (for completion) and drift (for hover and definition) are read ahead, off the request path.
    if (analysis?.isSpec) {
      void analysis.folder.context(analysis.abs, analysis.text).catch(() => undefined);
      void analysis.folder.drift(analysis.abs).catch(() => undefined);
    }
  });
  documents.onDidChangeContent((event) => {
    // Opening fires this too, after onDidOpen has published that version.
    if (session.published.get(event.document.uri) === event.document.version) return;
    session.debouncer.schedule(event.document.uri);
  });
  documents.onDidSave(async (event) => {
    const analysis = session.analysisOf(event.document.uri);
    if (!analysis?.isSpec) return;
    void analysis.folder.context(analysis.abs, analysis.text, true).catch(() => undefined);
    const report = await session.safelyAsync(() => analysis.folder.drift(analysis.abs), undefined);
    session.drift.set(event.document.uri, report?.results[0]?.diagnostics ?? []);
    if (session.pull) void connection.languages.diagnostics.refresh();
    else session.publish(event.document.uri);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    session.debouncer.cancel(uri);
    session.analyses.forget(uri);
    session.drift.delete(uri);
    session.published.delete(uri);
    if (!session.pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
}

/** The requests: each reads the document's analysis; a document that is not open gets an empty answer. */
function answerRequests(session: Session): void {
  const { connection, documents } = session;
  connection.languages.diagnostics.on((params) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: session.safely(() => session.diagnosticsOf(params.textDocument.uri), []),
  }));
  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const analysis = session.analysisOf(params.textDocument.uri);
    if (!document || !analysis) return [];
    return session.safely(() => codeActions(analysis, document, params), []);
  });
  connection.onCompletion(async (params) => {
    const analysis = session.analysisOf(params.textDocument.uri);
    return analysis ? session.safelyAsync(() => completion(analysis, params.position), null) : null;
  });
  connection.onHover((params) => {
    const analysis = session.analysisOf(params.textDocument.uri);
    return analysis ? (session.safely(() => hover(analysis, params.position), undefined) ?? null) : null;
  });
  connection.onDocumentLinks((params) => {
    const analysis = session.analysisOf(params.textDocument.uri);
    return analysis ? session.safely(() => documentLinks(analysis), []) : [];
  });
  connection.onDocumentSymbol((params) => {
    const analysis = session.analysisOf(params.textDocument.uri);
    return analysis ? session.safely(() => documentSymbols(analysis), []) : [];
  });
  connection.onDefinition(async (params) => {
    const analysis = session.analysisOf(params.textDocument.uri);
    return analysis ? session.safelyAsync(() => definition(analysis, params.position), []) : [];
  });
}
