// The one answer to "which project is this?": every command, the MCP server and the dashboard find the root here.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { configFileIn } from './config.js';
import { gitTopLevel } from './listing.js';

export interface ProjectRoot {
  /** Absolute path: repository-relative paths in reports are relative to it. */
  root: string;
  /** The config file found at the root, if any (a techspec config, or a package.json with a `techspec` key). */
  configFile: string | undefined;
  /**
   * Whether repository checks (files, rule files, drift) may run: inside a git repository, or under an explicit
   * root. Outside git the folder may hold anything (unrelated checkouts), so paths are not looked up there.
   */
  repository: boolean;
}

/**
 * The project of `from` (a folder or a file): the nearest folder at or above it holding a techspec config (or a
 * package.json with a `techspec` key), not climbing past the git top level; else the git top level; else `from`
 * itself without repository checks. An explicit `root` wins and always allows repository checks.
 */
export function findProjectRoot(from: string, explicitRoot?: string): ProjectRoot {
  if (explicitRoot !== undefined) {
    const root = path.resolve(explicitRoot);
    return { root, configFile: configFileIn(root), repository: true };
  }
  const start = folderOf(path.resolve(from));
  const top = gitTopLevel(start);
  for (let dir = start; ; dir = path.dirname(dir)) {
    const configFile = configFileIn(dir);
    if (configFile !== undefined) return { root: dir, configFile, repository: top !== undefined };
    if (dir === top || path.dirname(dir) === dir) break;
    if (top === undefined && existsSync(path.join(dir, '.git'))) break;
  }
  return top === undefined
    ? { root: start, configFile: undefined, repository: false }
    : { root: top, configFile: undefined, repository: true };
}

function folderOf(abs: string): string {
  try {
    return statSync(abs).isDirectory() ? abs : path.dirname(abs);
  } catch {
    // A path that does not exist yet (a spec to create): its folder, or the nearest one that exists.
    let dir = path.extname(abs) === '' ? abs : path.dirname(abs);
    while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    return dir;
  }
}
