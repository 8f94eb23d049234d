// Entry of the language server's context thread (bundled as dist/lsp-context-worker.js): see context-thread.ts.
import { serveContextThread } from './context-thread.js';

serveContextThread();
