// A Workspace kept between the calls of a long-running process (the MCP server): listing a repository and reading its
// rule files are the costliest parts of a call. The workspace is reused while nothing it was read from has changed:
// no folder that holds a listed file (a file created, deleted, renamed or written in it), no .gitignore, no git index,
// no config file, no rule file. Each such folder is watched (inotify and the like), so an unchanged repository costs
// a call nothing and a change re-reads only what it affects (`Workspace.refresh(changed)`); where folders cannot be
// watched (a platform without it, a watch limit reached), every call compares their stamps (size, mtime, inode).
import { statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { createWorkspace, type Workspace } from './workspace.js';

export interface HeldWorkspace {
  /** The workspace, refreshed first when something it was read from has changed. */
  current(): Workspace;
  /**
   * Resolves once the change notices already due have arrived (one turn of the event loop): a caller that awaits it
   * before `current()` sees a file written before its request came in.
   */
  settled(): Promise<void>;
  /** Stops watching (the process is ending, or the server closed). */
  close(): void;
}

export interface HoldOptions {
  /** Watch folders for changes (default true); false compares stamps on every call. */
  watch?: boolean;
}

/** A folder changed this close to the listing may have changed during it (file times are coarse). */
const SLACK_MS = 20;
/** More folders than this are compared by stamps rather than watched (each watch is a kernel resource). */
const MAX_WATCHED = 20_000;

/**
 * One per root and process (the HTTP transport's sessions share it). A config that cannot be read throws from
 * `current()` as `createWorkspace` does, and the next call tries again.
 */
export function holdWorkspace(root: string, options: HoldOptions = {}): HeldWorkspace {
  const abs = path.resolve(root);
  let workspace: Workspace | undefined;
  let watcher: FolderWatch | undefined = options.watch === false ? undefined : createFolderWatch(abs);
  // Stamp mode: the watched paths and their stamps when last read ('' when they must be read again).
  let stamped: { watched: string[]; stamps: string } | undefined;

  const vouch = (held: Workspace, started: number): void => {
    const { folders, files } = watchedPaths(held);
    const all = [...folders, ...files];
    const { stamps, newest } = stampAll(all);
    // A stamp this recent may predate a change made during the reading: then read everything again next time.
    const settledBefore = newest < started - SLACK_MS;
    if (watcher && watcher.track(folders)) {
      stamped = undefined;
      if (!settledBefore) watcher.markAll();
      return;
    }
    watcher?.close();
    watcher = undefined;
    stamped = { watched: all, stamps: settledBefore ? stamps : '' };
  };
  const load = (): Workspace => {
    const started = Date.now();
    watcher?.take();
    const held = createWorkspace(abs, { root: abs });
    workspace = held;
    vouch(held, started);
    return held;
  };
  return {
    current() {
      if (workspace === undefined) return load();
      if (watcher) {
        const changed = watcher.take();
        if (changed === undefined || changed.length > 0) {
          const started = Date.now();
          workspace.refresh(changed);
          vouch(workspace, started);
        }
        return workspace;
      }
      if (stamped && stampAll(stamped.watched).stamps === stamped.stamps) return workspace;
      const started = Date.now();
      workspace.refresh();
      vouch(workspace, started);
      return workspace;
    },
    settled: () =>
      new Promise((resolve) => {
        setImmediate(resolve);
      }),
    close() {
      watcher?.close();
      watcher = undefined;
    },
  };
}

interface FolderWatch {
  /** Watches exactly these folders (absolute); false when they cannot all be watched (then nothing is). */
  track(folders: readonly string[]): boolean;
  /** The paths (repository-relative) changed since the last take; undefined when unknown (read everything). */
  take(): string[] | undefined;
  markAll(): void;
  close(): void;
}

function createFolderWatch(root: string): FolderWatch {
  const watchers = new Map<string, FSWatcher>();
  let changed = new Set<string>();
  let all = false;
  const close = (): void => {
    for (const handle of watchers.values()) handle.close();
    watchers.clear();
  };
  return {
    track(folders) {
      if (folders.length > MAX_WATCHED) {
        close();
        return false;
      }
      const wanted = new Set(folders);
      for (const [folder, handle] of watchers) {
        if (wanted.has(folder)) continue;
        handle.close();
        watchers.delete(folder);
      }
      try {
        for (const folder of wanted) {
          if (watchers.has(folder)) continue;
          const relative = path.relative(root, folder).split(path.sep).join('/');
          const handle = watch(folder, { persistent: false }, (_event, name) => {
            if (name === null) all = true;
            else changed.add(relative === '' ? name : `${relative}/${name}`);
          });
          // A watched folder that goes away (or a watch that fails later) is a change like any other.
          handle.on('error', () => {
            all = true;
          });
          watchers.set(folder, handle);
        }
      } catch {
        close();
        return false;
      }
      return true;
    },
    take() {
      const out = all ? undefined : [...changed];
      changed = new Set();
      all = false;
      return out;
    },
    markAll() {
      all = true;
    },
    close,
  };
}

/**
 * The folders: the root, every folder that holds a listed file (and their parents), the git folder and its info
 * folder, the folders of the config file and its template. The files (compared in stamp mode; a watched folder sees
 * its files change): every .gitignore, the git index, the config file and template, every rule file.
 */
function watchedPaths(workspace: Workspace): { folders: string[]; files: string[] } {
  const { root, files, config } = workspace;
  const folders = new Set<string>(['']);
  const extra = [path.join(root, '.git/index'), path.join(root, '.git/info/exclude')];
  for (const file of files) {
    if (path.posix.basename(file) === '.gitignore') extra.push(path.join(root, file));
    for (
      let dir = path.posix.dirname(file);
      dir !== '.' && !folders.has(dir);
      dir = path.posix.dirname(dir)
    ) {
      folders.add(dir);
    }
  }
  const absolute = [...folders].map((dir) => path.join(root, dir));
  for (const dir of [path.join(root, '.git'), path.join(root, '.git/info')]) {
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) absolute.push(dir);
  }
  for (const file of [config.file, config.templateFile]) {
    if (file === undefined) continue;
    const at = path.resolve(config.root, file);
    extra.push(at);
    if (!absolute.includes(path.dirname(at))) absolute.push(path.dirname(at));
  }
  for (const file of workspace.project?.ruleFiles ?? []) extra.push(path.join(root, file));
  return { folders: absolute, files: extra };
}

function stampAll(paths: readonly string[]): { stamps: string; newest: number } {
  let stamps = '';
  let newest = 0;
  for (const file of paths) {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats === undefined) {
      stamps += '-|';
      continue;
    }
    stamps += `${stats.mtimeMs}:${stats.size}:${stats.ino}|`;
    newest = Math.max(newest, stats.mtimeMs);
  }
  return { stamps, newest };
}
