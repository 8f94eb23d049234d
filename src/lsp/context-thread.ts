// The context and drift answers of one workspace folder, computed on a worker thread of their own: the first index of a
// large repository, or a drift check of its code, takes seconds of CPU, and the server's thread must stay free for
// diagnostics meanwhile. Run from sources (no bundled worker beside this module), they are computed on this thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { holdIndex, type IndexHolder } from '../context/build.js';
import { getContext, type ContextAnswer, type ContextInput } from '../context/engine.js';
import { checkDrift } from '../drift/check.js';
import type { DriftReport } from '../drift/model.js';
import { TechspecError, type ErrorCode } from '../errors.js';

/** One question to the thread. */
type Question =
  | { kind: 'context'; root: string; input: ContextInput; files: readonly string[]; k: number }
  | { kind: 'drift'; root: string; specs: readonly string[] };

type Reply =
  | { id: number; answer: unknown }
  | { id: number; error: string; code?: ErrorCode | undefined; file?: string | undefined };

export interface AnswerThread {
  context(root: string, input: ContextInput, files: readonly string[], k: number): Promise<ContextAnswer>;
  /** `checkDrift(root, specs, { all: true })`; a TechspecError stays one. */
  drift(root: string, specs: readonly string[]): Promise<DriftReport>;
  /** Stops the thread (a later question starts a new one). */
  close(): void;
}

/** The bundled worker entry (dist/lsp-context-worker.js); absent when running from sources. */
function workerScript(): URL | undefined {
  const url = new URL('./lsp-context-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** The thread's context indexes, one per folder root: kept between questions and checked against the files each time. */
type Held = Map<string, IndexHolder>;

function answer(question: Question, held: Held): Promise<unknown> {
  if (question.kind === 'drift') return checkDrift(question.root, question.specs, { all: true });
  let index = held.get(question.root);
  if (!index) held.set(question.root, (index = holdIndex()));
  return getContext(question.root, question.input, { files: question.files, k: question.k, held: index });
}

/** A thread started on the first question and kept (unreferenced: it never holds the process open). */
export function createAnswerThread(): AnswerThread {
  const script = workerScript();
  let worker: Worker | undefined;
  let next = 0;
  const held: Held = new Map();
  const pending = new Map<number, { resolve: (a: unknown) => void; reject: (e: Error) => void }>();
  const failAll = (error: Error): void => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    worker = undefined;
  };
  const start = (url: URL): Worker => {
    const started = new Worker(url);
    started.unref();
    started.on('message', (reply: Reply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if ('answer' in reply) waiting.resolve(reply.answer);
      else if (reply.code !== undefined)
        waiting.reject(new TechspecError(reply.code, reply.error, reply.file));
      else waiting.reject(new Error(reply.error));
    });
    started.on('error', failAll);
    started.on('exit', (code) => {
      if (worker === started) failAll(new Error(`the context thread exited with code ${code}`));
    });
    return started;
  };
  const ask = (question: Question): Promise<unknown> => {
    if (!script) return answer(question, held);
    worker ??= start(script);
    const id = next++;
    const reply = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.postMessage({ id, question });
    return reply;
  };
  return {
    context: (root, input, files, k) =>
      ask({ kind: 'context', root, input, files, k }) as Promise<ContextAnswer>,
    drift: (root, specs) => ask({ kind: 'drift', root, specs }) as Promise<DriftReport>,
    close() {
      const running = worker;
      worker = undefined;
      failAll(new Error('the context thread was closed'));
      void running?.terminate();
    },
  };
}

/** Entry of the thread: answers each question in turn. */
export function serveAnswerThread(): void {
  if (isMainThread || !parentPort) return;
  const port = parentPort;
  const held: Held = new Map();
  port.on('message', ({ id, question }: { id: number; question: Question }) => {
    answer(question, held).then(
      (result) => {
        port.postMessage({ id, answer: result } satisfies Reply);
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const known = error instanceof TechspecError ? { code: error.code, file: error.file } : {};
        port.postMessage({ id, error: message, ...known } satisfies Reply);
      },
    );
  });
}
