// Watches the folders that matter to the dashboard (not the whole tree: a recursive watch of a repository with
// node_modules costs seconds and thousands of inotify watches) and refreshes the state after a quiet moment.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger.js';
import type { ServeState } from './state.js';

export interface RepositoryWatcher {
  /** Folders watched now, repository-relative ('' is the root). */
  folders(): string[];
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last event before refreshing (default 100 ms): an editor's save is several events. */
  debounceMs?: number;
  logger: Logger;
  /** Called with each refresh's outcome (tests wait on it). */
  onRefresh?: (features: string[]) => void;
}

const IGNORED = /(^|\/)(\.git|\.techspec|node_modules)(\/|$)/;

export function watchRepository(state: ServeState, options: WatchOptions): RepositoryWatcher {
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = (): void => {
    timer = undefined;
    const changed = [...pending];
    pending.clear();
    state
      .refresh(changed)
      .then((features) => {
        if (closed) return;
        reconcile();
        options.logger.info({ changed: changed.slice(0, 20), features }, 'refreshed');
        options.onRefresh?.(features);
      })
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'refresh failed');
      });
  };
  const onEvent = (folder: string, name: string | null): void => {
    if (closed) return;
    const rel = name === null ? folder : folder === '' ? name : `${folder}/${name}`;
    if (IGNORED.test(rel)) return;
    pending.add(rel.split(path.sep).join('/'));
    clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs ?? 100);
  };
  const reconcile = (): void => {
    const wanted = new Set(state.watchFolders());
    for (const [folder, watcher] of watchers) {
      if (wanted.has(folder)) continue;
      watcher.close();
      watchers.delete(folder);
    }
    for (const folder of wanted) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(path.join(state.root, folder), { persistent: false }, (_type, name) => {
          onEvent(folder, name);
        });
        // A folder removed while watched: the next refresh re-lists and drops it.
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(folder);
          onEvent(folder, null);
        });
        watchers.set(folder, watcher);
      } catch {
        // The folder is gone or was never there (a planned file's folder): nothing to watch yet.
      }
    }
  };

  state.ready.then(
    () => {
      if (!closed) reconcile();
    },
    // The state logs its own failure; with nothing read there is nothing to watch.
    () => undefined,
  );
  return {
    folders: () => [...watchers.keys()].sort(),
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
