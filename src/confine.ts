// The one confinement rule of techspec: every path that a user, an agent, an HTTP client or a repository names is
// resolved to its real path (symbolic links followed) and must stay inside the project root. Reads through a link
// that leaves the root are refused (callers that list many files skip them with a note); writes never follow a link,
// stay inside the root and replace the file atomically (a temporary file beside it, then a rename).
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { TechspecError } from './errors.js';

export interface InsidePath {
  /** Absolute path on disk. */
  abs: string;
  /** Repository-relative path with `/` separators ('' for the root itself). */
  rel: string;
}

/** What a read saw of a file, so that a later write can tell whether someone else changed it meanwhile. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  hash: string;
}

export interface InsideFile extends InsidePath {
  bytes: Buffer;
  stamp: FileStamp;
}

/**
 * Resolves `input` (relative to `root`, or absolute) and checks that it stays inside `root`, also after following
 * symlinks of the part that exists. `argument` names the input in the error, e.g. `path` or `--prd`.
 * Throws TechspecError('PATH_OUTSIDE') or ('USAGE') with a message naming the argument, its value and what was expected.
 */
export function resolveInside(root: string, input: string, argument: string): InsidePath {
  if (input.trim() === '' || input.includes('\0')) {
    throw new TechspecError(
      'USAGE',
      `Invalid ${argument} ${JSON.stringify(input)}, expected a non-empty path inside the project`,
    );
  }
  const base = path.resolve(root);
  const abs = path.resolve(base, input);
  if (!isWithin(base, abs) || !isWithin(realOrSelf(base), realOfExistingPart(abs))) {
    throw outside(argument, input, base);
  }
  return { abs, rel: toSlash(path.relative(base, abs)) };
}

/** Undefined when `input` (a path inside `root`) reads inside it; else the note that says why it is skipped. */
export function outsideNote(root: string, input: string, argument = 'path'): string | undefined {
  try {
    resolveInside(root, input, argument);
    return undefined;
  } catch (error) {
    if (error instanceof TechspecError) return error.message;
    throw error;
  }
}

/**
 * Reads a regular file of at most `maxBytes` inside `root`, through no link that leaves it. Throws TechspecError:
 * PATH_OUTSIDE, NOT_FOUND, USAGE (not a regular file, too large) or IO, each naming `argument` and the value.
 */
export function readInside(root: string, input: string, argument: string, maxBytes: number): InsideFile {
  const inside = resolveInside(root, input, argument);
  const shown = `${argument} ${JSON.stringify(input)}`;
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO named as a file must not hang the open; it is refused below as not a regular file.
    fd = openSync(inside.abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new TechspecError('NOT_FOUND', `Invalid ${shown}: no such file, expected an existing file`);
    }
    throw new TechspecError('IO', `Cannot read ${shown} (${code}), expected a readable file`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      throw new TechspecError('USAGE', `Invalid ${shown}: not a regular file, expected a regular file`);
    }
    if (stats.size > maxBytes) {
      throw new TechspecError(
        'USAGE',
        `Invalid ${shown}: ${stats.size} bytes, expected a file of at most ${maxBytes} bytes`,
      );
    }
    // Read at most one byte past the limit: a file that grows while it is read is refused, never read whole.
    const buffer = Buffer.alloc(stats.size + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) {
        throw new TechspecError('USAGE', `Invalid ${shown}: over ${maxBytes} bytes, expected at most that`);
      }
      if (length === buffer.length) break;
    }
    const bytes = buffer.subarray(0, length);
    return { ...inside, bytes, stamp: stampOf(stats, bytes) };
  } catch (error) {
    if (error instanceof TechspecError) throw error;
    throw new TechspecError('IO', `Cannot read ${shown} (${errorCode(error)}), expected a readable file`);
  } finally {
    closeSync(fd);
  }
}

export function stampOf(stats: Pick<Stats, 'size' | 'mtimeMs'>, bytes: Uint8Array): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, hash: createHash('sha1').update(bytes).digest('hex') };
}

export interface WriteOptions {
  /** Names the file in errors (default `file`). */
  argument?: string;
  /** Write only when the file is still as this read saw it (size, mtime, content hash); else skip with a note. */
  unchanged?: FileStamp;
  /** Create the missing folders above the file (each one inside the root, none through a link). */
  makeDirs?: boolean;
}

export type WriteOutcome = { written: true } | { written: false; note: string };

/**
 * Writes `data` to `input` inside `root`: never through a symbolic link (the file itself is not one, its folder's
 * real path is inside the root), by writing a temporary file beside it and renaming it over the old one, so that a
 * reader sees the old bytes or the new ones. Throws TechspecError (PATH_OUTSIDE, USAGE, IO); a file changed since
 * `unchanged` was read is not written and the outcome says why.
 */
export function writeInside(
  root: string,
  input: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): WriteOutcome {
  const argument = options.argument ?? 'file';
  const inside = resolveInside(root, input, argument);
  const shown = `${argument} ${JSON.stringify(input)}`;
  const dir = path.dirname(inside.abs);
  if (options.makeDirs) makeDirsInside(root, dir, argument);
  const current = lstatOrUndefined(inside.abs);
  if (current?.isSymbolicLink()) {
    throw new TechspecError(
      'PATH_OUTSIDE',
      `Refusing to write ${shown}: it is a symbolic link, expected a regular file (techspec never writes through a link)`,
    );
  }
  if (current && !current.isFile()) {
    throw new TechspecError('USAGE', `Refusing to write ${shown}: not a regular file, expected one`);
  }
  if (options.unchanged) {
    const note = changedSince(inside.abs, options.unchanged);
    if (note !== undefined) return { written: false, note: `${input}: ${note}` };
  }
  const temporary = path.join(dir, `.${path.basename(inside.abs)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx' never follows or reuses an existing name; the mode of the file it replaces is kept.
    writeFileSync(temporary, data, { flag: 'wx', mode: current ? current.mode & 0o777 : 0o666 });
    renameSync(temporary, inside.abs);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new TechspecError('IO', `Cannot write ${shown} (${errorCode(error)}), expected a writable file`);
  }
  return { written: true };
}

/** Creates `dir` and the missing folders above it, one at a time, each inside `root` and none a link out. */
export function makeDirsInside(root: string, dir: string, argument = 'folder'): void {
  const inside = resolveInside(root, dir, argument);
  const base = path.resolve(root);
  const missing: string[] = [];
  let at = inside.abs;
  while (at !== base && lstatOrUndefined(at) === undefined) {
    missing.unshift(at);
    at = path.dirname(at);
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') {
        throw new TechspecError(
          'IO',
          `Cannot create ${argument} ${JSON.stringify(dir)} (${errorCode(error)}), expected a writable folder`,
        );
      }
    }
  }
  // A folder made by someone else meanwhile could be a link: check the whole path once more.
  resolveInside(root, dir, argument);
}

/**
 * Creates the folders of a path anywhere (a report named by --output), one at a time: a recursive mkdirSync under
 * /proc loops forever on Node 20, so the deepest existing folder is checked first.
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (lstatOrUndefined(at) === undefined) {
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  if (!statSync(at).isDirectory()) {
    throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
  }
  for (const folder of missing) mkdirSync(folder);
}

function changedSince(abs: string, before: FileStamp): string | undefined {
  const changed = 'changed since it was read, expected it unchanged; not written (run again)';
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return changed;
  }
  try {
    const stats = fstatSync(fd);
    if (stats.size !== before.size || stats.mtimeMs !== before.mtimeMs) return changed;
    const bytes = Buffer.alloc(stats.size);
    let length = 0;
    while (length < bytes.length) {
      const read = readSync(fd, bytes, length, bytes.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return stampOf(stats, bytes.subarray(0, length)).hash === before.hash ? undefined : changed;
  } finally {
    closeSync(fd);
  }
}

/**
 * `file` (absolute, or relative to `root`) as a repository-relative path with `/`, or undefined when it is the root
 * itself or lies outside it. Unlike resolveInside, for paths that are only shown or compared, never refused.
 */
export function relativeInside(root: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(root, file));
  if (relative === '' || leavesParent(relative)) return undefined;
  return toSlash(relative);
}

/** True when `child` is `parent` or lies under it (both absolute, resolved). */
export function isWithin(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || !leavesParent(relative);
}

/** A relative path that climbs out: its first segment is `..` (`..specs/x` is a folder named `..specs`), or absolute. */
function leavesParent(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

function outside(argument: string, input: string, base: string): TechspecError {
  return new TechspecError(
    'PATH_OUTSIDE',
    `Invalid ${argument} ${JSON.stringify(input)}: it lies outside the project root ${base}, expected a path inside it`,
  );
}

function realOrSelf(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}

/** The real path of the deepest existing ancestor of `abs`, with the missing tail appended. */
function realOfExistingPart(abs: string): string {
  let existing = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync.native(existing), ...tail.reverse());
    } catch {
      // A missing file, or a dangling link: writes refuse links themselves, reads find nothing there.
      const parent = path.dirname(existing);
      if (parent === existing) return abs;
      tail.push(path.basename(existing));
      existing = parent;
    }
  }
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** The errno code of a failed fs call (`ENOENT`), else its message. */
export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}
