// One spec file linted: read inside the project, decoded, linted, and its fixes written back when asked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from './config.js';
import type { Project } from '../workspace/project.js';
import { TechspecError } from '../errors.js';
import { errorCode, isWithin, outsideNote, stampOf, writeInside } from '../confine.js';
import type { InputProblem, LintResult } from './diagnostic.js';
import { lintText } from './engine.js';
import type { SpecDocument } from '../spec/model.js';
import { decode, tooLarge } from './decode.js';
import { statOrUndefined, type Target } from './targets.js';

export interface FileSettings {
  config: ResolvedConfig;
  project: Project | undefined;
  fix: boolean;
  maxFileBytes: number;
  /** How each text is parsed (see LintTextOptions.parse). */
  parse?: ((text: string, file: string) => SpecDocument) | undefined;
}

/** A result, a problem, or both (a file linted whose fixes could not be written). */
export type FileOutcome =
  { result: LintResult; problem?: InputProblem } | { problem: InputProblem; result?: undefined };

/**
 * Reads, checks, lints and (when asked) fixes one file; never throws for a file's own problems. A file inside the
 * project is read only when its real path is inside too (a committed link out is skipped with a note); a fix is
 * written only through confine's writeInside, and only while the file is still as it was read.
 */
export function lintTarget(target: Target, settings: FileSettings): FileOutcome {
  const problem = (code: string, message: string): FileOutcome => ({
    problem: { file: target.shown, code, message },
  });
  // A path named outside the project (a CLI argument) is the user's own: its folder is its root.
  const root = isWithin(settings.config.root, target.abs) ? settings.config.root : path.dirname(target.abs);
  const outside = outsideNote(root, target.abs, 'spec');
  if (outside !== undefined) return problem('PATH_OUTSIDE', `${outside}; skipped`);
  const stats = statOrUndefined(target.abs);
  if (!stats) return problem('NOT_FOUND', 'Path does not exist, expected a spec file, a directory or a glob');
  if (!stats.isFile()) return problem('NOT_A_FILE', 'Path is not a regular file, expected a Markdown file');
  if (stats.size > settings.maxFileBytes) return tooLarge(target.shown, stats.size, settings.maxFileBytes);
  let bytes: Buffer;
  try {
    bytes = readFileSync(target.abs);
  } catch (error) {
    return problem('UNREADABLE', `File cannot be read (${errorCode(error)}), expected a readable file`);
  }
  const decoded = decode(bytes, settings.maxFileBytes);
  if ('problem' in decoded) return { problem: { ...decoded.problem, file: target.shown } };
  const { config, project, fix, parse } = settings;
  const result = lintText(decoded.text, {
    filePath: target.abs,
    config,
    project,
    fix,
    ...(parse ? { parse } : {}),
  });
  const { output, ...linted } = result;
  // The fixed text is on disk now; results stay small (they cross threads and end up in JSON).
  const shown = relabel(linted, target.shown);
  if (output === undefined) return { result: shown };
  try {
    const outcome = writeInside(root, target.abs, decoded.bom + output, {
      argument: 'spec',
      unchanged: stampOf(stats, bytes),
    });
    if (!outcome.written) {
      return { result: shown, problem: { file: target.shown, code: 'FIX_SKIPPED', message: outcome.note } };
    }
  } catch (error) {
    const message = error instanceof TechspecError ? error.message : errorCode(error);
    return {
      result: shown,
      problem: { file: target.shown, code: 'WRITE_FAILED', message: `Fixed text not written: ${message}` },
    };
  }
  return { result: shown };
}

/** Replaces the absolute path the engine saw with the path shown to the user. */
export function relabel(result: LintResult, shown: string): LintResult {
  return { ...result, file: shown, diagnostics: result.diagnostics.map((d) => ({ ...d, file: shown })) };
}
