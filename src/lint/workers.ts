// Many files dealt between this thread and worker threads that each load the config once.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { loadConfig, type ResolvedConfig } from './config.js';
import { lintText } from './engine.js';
import type { PoolJob, PoolProject, PoolReply, PoolRequest } from './lint-pool.js';
import { createProject, type Project } from '../workspace/project.js';
import { lintTarget, type FileOutcome, type FileSettings } from './lint-file.js';
import type { Target } from './targets.js';

export interface WorkerTask {
  kind: 'techspec-lint';
  cwd: string;
  configFile: string | undefined;
  strict: boolean;
  fix: boolean;
  maxFileBytes: number;
  root: string;
  listing: readonly string[];
  targets: Target[];
}

/**
 * Files each worker thread must have to pay for itself: a worker loads the bundle and the config again (about half a
 * second of CPU, what some 50 typical specs cost to lint), and on 2 cores 100 specs took 1.21x as long on 2 threads
 * as on 1 (bench:lint). Below this many files per extra thread, the files are linted on this thread alone.
 */
const FILES_PER_WORKER = 250;

/** Threads worth starting for `files` files: at most `wanted` and the cores, each extra one with enough files. */
export function threadsFor(files: number, wanted: number): number {
  return Math.max(1, Math.min(wanted, os.availableParallelism(), 1 + Math.floor(files / FILES_PER_WORKER)));
}

/** The bundled worker entry (dist/lint-worker.js); absent when running from sources, then no workers. */
export function workerScript(): URL | undefined {
  const url = new URL('./lint-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Deals the targets round-robin: batch 0 to this thread, the others to workers started before it begins. */
export async function lintInWorkers(
  targets: readonly Target[],
  threads: number,
  script: URL,
  settings: FileSettings,
  progress: ((done: number, total: number) => void) | undefined,
  task: Omit<WorkerTask, 'targets'>,
): Promise<FileOutcome[]> {
  const batches: Target[][] = Array.from({ length: threads }, () => []);
  targets.forEach((target, i) => batches[i % threads]?.push(target));
  const workers = batches.slice(1).map((batch) => runWorker(script, { ...task, targets: batch }));
  // The workers lint their batches at the pace this thread does its own: its count stands for all of them.
  const total = targets.length;
  const own = (batches[0] ?? []).map((target, index) => {
    const outcome = lintTarget(target, settings);
    progress?.(Math.min(total, (index + 1) * threads), total);
    return outcome;
  });
  const outcomes = [own, ...(await Promise.all(workers))];
  progress?.(total, total);
  return targets.map((_, i) => outcomes[i % threads]?.[Math.floor(i / threads)] as FileOutcome);
}

function runWorker(script: URL, task: WorkerTask): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: task });
    worker.once('message', (outcomes: FileOutcome[]) => {
      resolve(outcomes);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`lint worker exited with code ${code}`));
    });
  });
}

/**
 * Entry of a lint worker thread: lints its batch with a config loaded the same way as the parent's, or, in a pool
 * (lint-pool.ts), each text it is sent until it is terminated.
 */
export function serveLintWorker(): void {
  if (isMainThread || !parentPort) return;
  if ((workerData as PoolJob | undefined)?.kind === 'techspec-lint-pool') {
    servePool(parentPort);
    return;
  }
  const task = workerData as WorkerTask | undefined;
  if (task?.kind !== 'techspec-lint') return;
  const config = loadConfig({
    cwd: task.configFile ? task.cwd : task.root,
    strict: task.strict,
    ...(task.configFile ? { configFile: task.configFile } : {}),
  });
  const settings: FileSettings = {
    config,
    project: createProject(task.root, task.listing, config.ruleFiles),
    fix: task.fix,
    maxFileBytes: task.maxFileBytes,
  };
  parentPort.postMessage(task.targets.map((target) => lintTarget(target, settings)));
}

/** A pool worker: the project of the newest generation it was sent, loaded once, then each text linted with it. */
function servePool(port: MessagePort): void {
  let held:
    | { generation: number; settings: { config: ResolvedConfig; project: Project | undefined } | Error }
    | undefined;
  port.on('message', (request: PoolRequest) => {
    if (request.project !== undefined)
      held = { generation: request.generation, settings: loadPoolProject(request.project) };
    const settings =
      held?.generation === request.generation ? held.settings : new Error('lint worker has no project');
    let reply: PoolReply;
    try {
      if (settings instanceof Error) throw settings;
      reply = { id: request.id, result: lintText(request.text, { filePath: request.filePath, ...settings }) };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}

function loadPoolProject(
  project: PoolProject,
): { config: ResolvedConfig; project: Project | undefined } | Error {
  try {
    const config = loadConfig({
      cwd: project.root,
      ...(project.configFile ? { configFile: project.configFile } : {}),
    });
    const listing = project.listing;
    return {
      config,
      project: listing === undefined ? undefined : createProject(project.root, listing, config.ruleFiles),
    };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
