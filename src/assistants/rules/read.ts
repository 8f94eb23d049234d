// Reads one rule file from disk as text, or says in one sentence why it cannot be a rule (binary, too big, unreadable).
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { outsideNote } from '../../confine.js';
import type { RuleProblem } from './model.js';

export type FileReading =
  { ok: true; text: string; bytes: number; problems: RuleProblem[] } | { ok: false; problem: RuleProblem };

// A NUL byte in the first 8 KB is how git, grep and editors tell binary from text.
const SNIFF_BYTES = 8192;

/** The file `file` (repository-relative) under `root`, if it is a text file of at most `maxBytes`. */
export function readRuleFile(root: string, file: string, maxBytes: number): FileReading {
  const skip = (message: string): FileReading => ({ ok: false, problem: { path: file, message } });
  const absolute = path.join(root, file);
  // A rule file committed as a link out of the repository (`.claude/rules/x.md -> /etc/...`) is never read.
  if (outsideNote(root, file, 'rule file') !== undefined) {
    return skip('Rule file links outside the repository, expected a file of the repository; skipped');
  }
  let data: Buffer;
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) return skip('Rule path is not a regular file, expected a text file; skipped');
    if (stat.size > maxBytes) {
      return skip(
        `Rule file is ${formatBytes(stat.size)}, expected at most ${formatBytes(maxBytes)}; skipped`,
      );
    }
    data = readFileSync(absolute);
  } catch (error) {
    return skip(unreadable(absolute, error));
  }
  if (data.subarray(0, SNIFF_BYTES).includes(0)) {
    return skip('Rule file is binary (it has NUL bytes), expected text; skipped');
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    return { ok: true, text, bytes: data.length, problems: [] };
  } catch {
    const problem = {
      path: file,
      message: 'Rule file is not valid UTF-8, expected UTF-8 text; read as Latin-1',
    };
    return { ok: true, text: data.toString('latin1'), bytes: data.length, problems: [problem] };
  }
}

function unreadable(absolute: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? 'an unknown error';
  if (code === 'ELOOP') return 'Rule path is a loop of symbolic links, expected a file; skipped';
  if (code === 'ENOENT' && isLink(absolute)) {
    return 'Rule path is a symbolic link to a missing file, expected an existing file; skipped';
  }
  return `Rule file cannot be read (${code}), expected a readable text file; skipped`;
}

function isLink(absolute: string): boolean {
  try {
    return lstatSync(absolute).isSymbolicLink();
  } catch {
    return false;
  }
}

export interface LinkedFolders {
  /** The listed paths that are links to folders. */
  links: Set<string>;
  /** The files of those folders, as paths through the links. */
  files: string[];
}

/**
 * Folders shared by a symbolic link (`.claude/skills/x` → `../../.agents/skills/x`), which git lists as one file:
 * each such link among `candidates` gives the repository files of its target, as seen through the link. Links
 * that leave the repository, are broken or loop are problems; links to files are left to `readRuleFile`.
 */
export function linkedFolders(
  root: string,
  candidates: readonly string[],
  files: readonly string[],
  problems: RuleProblem[],
): LinkedFolders {
  const out: LinkedFolders = { links: new Set(), files: [] };
  let realRoot: string | undefined;
  for (const link of candidates) {
    const absolute = path.join(root, link);
    if (!isLink(absolute)) continue;
    let target: string;
    try {
      if (!statSync(absolute).isDirectory()) continue;
      target = realpathSync(absolute);
      realRoot ??= realpathSync(root);
    } catch (error) {
      out.links.add(link);
      problems.push({ path: link, message: unreadable(absolute, error) });
      continue;
    }
    out.links.add(link);
    const relative = path.relative(realRoot, target).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) {
      problems.push({
        path: link,
        message: 'Rule folder links outside the repository, expected a folder of the repository; skipped',
      });
      continue;
    }
    const prefix = `${relative}/`;
    for (const file of files)
      if (file.startsWith(prefix)) out.files.push(`${link}/${file.slice(prefix.length)}`);
  }
  return out;
}

/** `5242880` → `5 MB`, `1536` → `1.5 KB`. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(value) : String(Math.round(value * 10) / 10);
  return `${shown} ${units[unit] ?? 'bytes'}`;
}
