// Entry of the language server's context thread (bundled as dist/lsp-context-worker.js): see context-thread.ts.
import { serveAnswerThread } from './context-thread.js';

serveAnswerThread();
