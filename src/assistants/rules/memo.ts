// Rule sources kept between scans: each rule file's record is reused while its path, size, modification time and
// inode, its location and the body cap are unchanged, so a repeated scan stats the rule files instead of reading and
// parsing them. Kept in memory by a long-lived process, and in `.techspec/cache/rules.json` between runs. A record
// read back from the cache file has everything activation and globs need; its body is read from the file on first use.
import type { Stats } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, cacheConfinement, readCacheJson, writeCacheJson } from '../../cache-dir.js';
import { packageVersion } from '../../package-info.js';
import type { RuleLocation } from './locations.js';
import type { RuleSource } from './model.js';
import { readRuleFile } from './read.js';
import { ruleBody, type BuiltSource } from './source.js';

/** Bumped when what a record holds, or how it is made, changes. */
const FORMAT = 1;

export const RULES_CACHE_FILE = `${CACHE_DIR}/rules.json`;

/** A file modified this recently may change again within its timestamp's resolution: it is not kept. */
const SETTLE_MS = 2000;

export interface RuleSourceMemo {
  /** The record of `file` built at `location`, if it was kept for the file as `stats` describe it now. */
  get(file: string, stats: Stats, location: RuleLocation, maxBodyBytes: number): BuiltSource | undefined;
  set(file: string, stats: Stats, location: RuleLocation, maxBodyBytes: number, built: BuiltSource): void;
  /** Writes the records of the last scan (the files it saw) when the memo has a file and something changed. */
  save(): void;
}

interface Entry {
  key: string;
  /** The record without its body and copies. */
  source: Omit<RuleSource, 'body' | 'copies'>;
  contentKey: string | undefined;
  bodyLine: number;
}

interface Held {
  entry: Entry;
  body?: string;
}

interface MemoFile {
  format: number;
  version: string;
  entries: Record<string, Entry>;
}

/**
 * A memo for the rule files under `root`; with `file` (absolute), loaded from and saved to it (see RULES_CACHE_FILE).
 * A missing, unreadable, foreign or older cache file starts empty; one that cannot be written costs only speed.
 */
export function createRuleSourceMemo(root: string, file?: string): RuleSourceMemo {
  const confinedTo = file === undefined ? root : cacheConfinement(root, file);
  const loaded = file === undefined ? undefined : readMemoFile(confinedTo, file);
  // A body known from a build in this process is kept beside its entry; one loaded from the file is read on use.
  let kept = new Map<string, Held>(
    Object.entries(loaded?.entries ?? {}).map(([at, entry]) => [at, { entry }]),
  );
  let seen = new Map<string, Held>();
  let changed = false;
  return {
    get(at, stats, location, maxBodyBytes) {
      const held = kept.get(at) ?? seen.get(at);
      if (held?.entry.key !== keyOf(stats, location, maxBodyBytes)) return undefined;
      seen.set(at, held);
      return revive(root, at, held, maxBodyBytes);
    },
    set(at, stats, location, maxBodyBytes, built) {
      if (stats.mtimeMs > Date.now() - SETTLE_MS) return;
      const source: Partial<RuleSource> = { ...built.source };
      delete source.body;
      delete source.copies;
      const entry = {
        key: keyOf(stats, location, maxBodyBytes),
        source: source as Entry['source'],
        contentKey: built.contentKey,
        bodyLine: built.bodyLine,
      };
      seen.set(at, { entry, body: built.source.body });
      changed = true;
    },
    save() {
      // Files no longer seen are dropped: the next scan starts from what this one saw.
      if (seen.size !== kept.size) changed = true;
      kept = seen;
      seen = new Map();
      if (file === undefined || !changed) return;
      changed = false;
      const entries = Object.fromEntries([...kept].map(([at, { entry }]) => [at, entry]));
      try {
        writeCacheJson(
          confinedTo,
          file,
          JSON.stringify({ format: FORMAT, version: packageVersion(), entries } satisfies MemoFile),
        );
      } catch {
        // A cache that cannot be written only costs the next run its speed-up.
      }
    },
  };
}

/** The cache file of the project at `root`, as an absolute path. */
export function rulesCacheFile(root: string, cacheDir: string = CACHE_DIR): string {
  return path.resolve(root, cacheDir, path.basename(RULES_CACHE_FILE));
}

function keyOf(stats: Stats, location: RuleLocation, maxBodyBytes: number): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}:${maxBodyBytes}:${JSON.stringify(location)}`;
}

/**
 * A kept record as a fresh object (merging fills its copies): its body the one built in this process, else read from
 * the file when first asked.
 */
function revive(root: string, at: string, held: Held, maxBodyBytes: number): BuiltSource {
  const { entry } = held;
  const source = { ...entry.source, copies: [] } as unknown as RuleSource;
  let body = held.body;
  Object.defineProperty(source, 'body', {
    enumerable: true,
    configurable: true,
    get: () => (body ??= held.body = readBody(root, at, entry.bodyLine, maxBodyBytes)),
    set: (value: string) => {
      body = value;
    },
  });
  // Problems and globs are the file's own: copies keep callers from changing the kept record.
  source.problems = entry.source.problems.map((problem) => ({ ...problem }));
  source.globs = [...entry.source.globs];
  return { source, contentKey: entry.contentKey, bodyLine: entry.bodyLine };
}

function readBody(root: string, at: string, bodyLine: number, maxBodyBytes: number): string {
  const reading = readRuleFile(root, at, Number.MAX_SAFE_INTEGER);
  return reading.ok ? ruleBody(reading.text, bodyLine, maxBodyBytes) : '';
}

function readMemoFile(confinedTo: string, file: string): MemoFile | undefined {
  const parsed = readCacheJson(confinedTo, file) as Partial<MemoFile> | undefined;
  if (parsed?.format !== FORMAT || parsed.version !== packageVersion()) return undefined;
  if (typeof parsed.entries !== 'object') return undefined;
  return parsed as MemoFile;
}
