// Many files dealt between this thread and worker threads that each load the config once.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from './config.js';
import { createProject } from '../workspace/project.js';
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

/** Entry of a lint worker thread: lints its batch with a config loaded the same way as the parent's. */
export function serveLintWorker(): void {
  if (isMainThread || !parentPort) return;
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
