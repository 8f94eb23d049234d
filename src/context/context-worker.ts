// Entry of the context engine's worker threads (bundled as dist/context-worker.js): reads and parses files.
import { serveContextWorker } from './workers.js';

serveContextWorker();
