// A Workspace kept between the calls of a long-running process (the MCP server, the dashboard's API): listing a
// repository and reading its rule files are the costliest parts of a call. The workspace is reused while nothing it
// was read from has changed: no folder that holds a listed file (creating, deleting or renaming a file changes its
// folder's mtime), no .gitignore, no git index, no config file, no rule file; otherwise it is refreshed.
import { statSync } from 'node:fs';
import path from 'node:path';
import { createWorkspace, type Workspace } from './workspace.js';

export interface HeldWorkspace {
  /** The workspace, refreshed first when something it was read from has changed. */
  current(): Workspace;
}

/** A folder changed this close to the listing may have changed during it (file times are coarse). */
const SLACK_MS = 20;

/**
 * One per root and process (the HTTP transport's sessions share it). A config that cannot be read throws from
 * `current()` as `createWorkspace` does, and the next call tries again.
 */
export function holdWorkspace(root: string): HeldWorkspace {
  const abs = path.resolve(root);
  let held: { workspace: Workspace; watched: string[]; stamps: string } | undefined;
  const vouch = (workspace: Workspace, started: number): void => {
    const watched = watchedPaths(workspace);
    const { stamps, newest } = stampAll(watched);
    // A stamp this recent may predate a change made during the reading: then check everything again next time.
    held = newest < started - SLACK_MS ? { workspace, watched, stamps } : { workspace, watched, stamps: '' };
  };
  return {
    current() {
      if (held && stampAll(held.watched).stamps === held.stamps) return held.workspace;
      const started = Date.now();
      if (held) held.workspace.refresh();
      const workspace = held?.workspace ?? createWorkspace(abs, { root: abs });
      vouch(workspace, started);
      return workspace;
    },
  };
}

/**
 * The root, every folder that holds a listed file (and their parents), every .gitignore, the git index, the config
 * file and the template it names, and every rule file of the repository.
 */
function watchedPaths(workspace: Workspace): string[] {
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
  if (config.file !== undefined) extra.push(path.resolve(config.root, config.file));
  if (config.templateFile !== undefined) extra.push(path.resolve(config.root, config.templateFile));
  for (const file of workspace.project?.ruleFiles ?? []) extra.push(path.join(root, file));
  return [...[...folders].map((dir) => path.join(root, dir)), ...extra];
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
