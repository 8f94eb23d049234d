// A repository listing kept between the calls of a long-running server: listing a repository spawns git twice, the
// costliest part of a lint call. The listing is reused while no folder that holds a listed file, no .gitignore and no
// git index has changed (creating, deleting or renaming a file changes its folder's mtime); otherwise it is redone.
import { statSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../workspace/project.js';

export interface ListingCache {
  /** `listFiles(root)`, from the cache when nothing that could change it has changed. */
  files(root: string): readonly string[];
}

interface Entry {
  files: readonly string[];
  /** Absolute paths whose stamps vouch for the listing. */
  watched: string[];
  stamps: string;
}

/** A folder changed this close to the listing may have changed during it (file times are coarse). */
const SLACK_MS = 20;

/** One cache per server process: the HTTP transport shares it between sessions. Holds one entry per root. */
export function createListingCache(): ListingCache {
  const entries = new Map<string, Entry>();
  return {
    files(root) {
      const abs = path.resolve(root);
      const cached = entries.get(abs);
      if (cached && stampsOf(cached.watched) === cached.stamps) return cached.files;
      const started = Date.now();
      const files = listFiles(abs);
      const watched = watchedPaths(abs, files);
      const { stamps, newest } = stampAll(watched);
      if (newest < started - SLACK_MS) entries.set(abs, { files, watched, stamps });
      else entries.delete(abs);
      return files;
    },
  };
}

/** The root, every folder that holds a listed file (and their parents), every .gitignore, and the git index. */
function watchedPaths(root: string, files: readonly string[]): string[] {
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
  return [...[...folders].map((dir) => path.join(root, dir)), ...extra];
}

function stampsOf(paths: readonly string[]): string {
  return stampAll(paths).stamps;
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
