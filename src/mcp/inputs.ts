// Path arguments of tools, resources and prompts: confined to the project root, then checked to exist and be readable.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { DEFAULT_MAX_FILE_BYTES } from '../lint/files.js';
import { TechspecError } from '../errors.js';
import { resolveInside, type InsidePath } from '../confine.js';

export interface ProjectFile extends InsidePath {
  text: string;
}

/** A file or folder that exists inside the project (`path` of lint_spec). */
export function existingPath(root: string, value: string, argument: string, expected: string): InsidePath {
  const inside = resolveInside(root, value, argument);
  if (!statOf(inside.abs)) throw notFound(value, argument, expected);
  return inside;
}

/** Reads a UTF-8 text file that lies inside the project; the message names the argument when it cannot. */
export function readProjectFile(
  root: string,
  value: string,
  argument: string,
  expected: string,
): ProjectFile {
  const inside = resolveInside(root, value, argument);
  const stats = statOf(inside.abs);
  if (!stats) throw notFound(value, argument, expected);
  if (!stats.isFile()) {
    throw new TechspecError(
      'USAGE',
      `Invalid ${argument} ${JSON.stringify(value)}: not a file, expected ${expected}`,
    );
  }
  if (stats.size > DEFAULT_MAX_FILE_BYTES) {
    throw new TechspecError(
      'USAGE',
      `Invalid ${argument} ${JSON.stringify(value)}: ${stats.size} bytes, expected at most ${DEFAULT_MAX_FILE_BYTES}`,
    );
  }
  try {
    return { ...inside, text: readFileSync(inside.abs, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new TechspecError(
      'IO',
      `Cannot read ${argument} ${JSON.stringify(value)} (${code}), expected ${expected}`,
    );
  }
}

function notFound(value: string, argument: string, expected: string): TechspecError {
  return new TechspecError(
    'NOT_FOUND',
    `Invalid ${argument} ${JSON.stringify(value)}: no such file or folder in the project, expected ${expected}`,
  );
}

function statOf(abs: string): Stats | undefined {
  try {
    return statSync(abs);
  } catch {
    return undefined;
  }
}
