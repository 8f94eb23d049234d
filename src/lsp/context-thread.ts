// The context answers of one workspace folder, computed on a worker thread of their own: the first index of a large
// repository takes seconds of CPU, and the server's thread must stay free for diagnostics meanwhile. Run from sources
// (no bundled worker beside this module), the answers are computed on this thread instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { getContext, type ContextAnswer, type ContextInput } from '../context/engine.js';

/** One question to the context thread. */
interface ContextRequest {
  kind: 'techspec-lsp-context';
  id: number;
  root: string;
  input: ContextInput;
  files: readonly string[];
  k: number;
}

type ContextReply = { id: number; answer: ContextAnswer } | { id: number; error: string };

export interface ContextThread {
  ask(root: string, input: ContextInput, files: readonly string[], k: number): Promise<ContextAnswer>;
  /** Stops the thread (a later question starts a new one). */
  close(): void;
}

/** The bundled worker entry (dist/lsp-context-worker.js); absent when running from sources. */
function workerScript(): URL | undefined {
  const url = new URL('./lsp-context-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** A thread started on the first question and kept (unreferenced: it never holds the process open). */
export function createContextThread(): ContextThread {
  const script = workerScript();
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (a: ContextAnswer) => void; reject: (e: Error) => void }>();
  const failAll = (error: Error): void => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    worker = undefined;
  };
  const start = (url: URL): Worker => {
    const started = new Worker(url);
    started.unref();
    started.on('message', (reply: ContextReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if ('answer' in reply) waiting.resolve(reply.answer);
      else waiting.reject(new Error(reply.error));
    });
    started.on('error', failAll);
    started.on('exit', (code) => {
      if (worker === started) failAll(new Error(`the context thread exited with code ${code}`));
    });
    return started;
  };
  return {
    ask(root, input, files, k) {
      if (!script) return getContext(root, input, { files, k });
      worker ??= start(script);
      const id = next++;
      const request: ContextRequest = { kind: 'techspec-lsp-context', id, root, input, files, k };
      const answer = new Promise<ContextAnswer>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage(request);
      return answer;
    },
    close() {
      const running = worker;
      worker = undefined;
      failAll(new Error('the context thread was closed'));
      void running?.terminate();
    },
  };
}

/** Entry of the context thread: answers each question in turn with getContext. */
export function serveContextThread(): void {
  if (isMainThread || !parentPort) return;
  const port = parentPort;
  port.on('message', (request: ContextRequest) => {
    getContext(request.root, request.input, { files: request.files, k: request.k }).then(
      (answer) => {
        port.postMessage({ id: request.id, answer } satisfies ContextReply);
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        port.postMessage({ id: request.id, error: message } satisfies ContextReply);
      },
    );
  });
}
