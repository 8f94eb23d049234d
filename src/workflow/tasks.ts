// `techspec tasks`: derives tasks.md beside a spec from its Development Sequencing, updating the generated block in
// place so that checked boxes and the user's notes survive a change of the spec.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { lintConfigOf, type ResolvedConfig } from '../lint/config.js';
import { asWorkspace, type Workspace } from '../workspace/workspace.js';
import { detectStack, type StackFacts } from '../assistants/match/stack.js';
import { TechspecError } from '../errors.js';
import { resolveInside, writeInside, type InsidePath } from '../confine.js';
import { buildSteps, type StepContext } from './build-steps.js';
import { findFeature, listFeatures } from '../workspace/features.js';
import { readTasksFile, renderTasks } from './tasks-file.js';

export interface TasksOptions {
  /** Write the file (default true); false computes the result only. */
  write?: boolean;
  /** Replace a tasks.md whose markers are missing or broken instead of refusing to. */
  force?: boolean;
}

export interface TasksResult {
  /** Repository-relative path of tasks.md. */
  path: string;
  content: string;
  /** Whether `content` differs from the file on disk (true when there is none). */
  changed: boolean;
  /** How many parent tasks (Build Order steps). */
  tasks: number;
  /** Numbered items of the old file that the spec no longer gives (`3.0 Title`); their notes were kept. */
  removed: string[];
}

/**
 * Derives `tasks.md` beside `spec` (a spec path inside the repository, or a feature's name or folder). Throws
 * TechspecError: NOT_FOUND for an unknown spec, USAGE for a spec without Build Order steps or a tasks.md with broken
 * markers, EXISTS for a tasks.md that techspec did not write (both unless `force`), PATH_OUTSIDE for a path outside.
 */
export function generateTasks(
  root: string | Workspace,
  spec: string,
  options: TasksOptions = {},
): TasksResult {
  const workspace = asWorkspace(root);
  const base = workspace.root;
  const config = lintConfigOf(workspace);
  const files = workspace.files;
  const specFile = resolveSpec(base, spec, files, config);
  const text = read(specFile);
  const doc = workspace.parse(specFile.rel, text);
  const steps = buildSteps(doc, lazyStepContext(workspace));
  const target = resolveInside(base, path.posix.join(path.posix.dirname(specFile.rel), 'tasks.md'), 'spec');
  const existing = existsSync(target.abs) ? read(target) : undefined;
  const old =
    existing === undefined || options.force === true
      ? undefined
      : previousTasks(existing, target.rel, options.write === false);
  const title = (doc.title?.text ?? '').replace(TITLE_PREFIX, '').trim() || path.posix.basename(specFile.rel);
  const rendered = renderTasks(steps, old, {
    title: `Tasks: ${title}`,
    intro: `Derived from [${path.posix.basename(specFile.rel)}](${path.posix.basename(specFile.rel)}) (Development Sequencing) by \`techspec tasks\`.`,
  });
  const changed = rendered.content !== existing;
  if (changed && options.write !== false) write(base, target, rendered.content);
  return {
    path: target.rel,
    content: rendered.content,
    changed,
    tasks: steps.length,
    removed: rendered.removed,
  };
}

/**
 * The techspec block of an existing tasks.md. A preview (nothing written) of a tasks.md techspec did not write, or
 * whose markers are broken, shows what `--force` would write instead of refusing: the file is not touched.
 */
function previousTasks(
  existing: string,
  shown: string,
  preview: boolean,
): ReturnType<typeof readTasksFile> | undefined {
  try {
    return readTasksFile(existing, shown);
  } catch (error) {
    if (preview && error instanceof TechspecError) return undefined;
    throw error;
  }
}

const TITLE_PREFIX =
  /^(?:tech(?:nical)?\s+spec(?:ification)?|especifica[cç][aã]o\s+t[eé]cnica|techspec)\s*[:—–-]\s*/i;

/**
 * The rule files and stack facts, each read on first use and kept: a spec that cites no rules needs neither, and
 * every step of one that does reads the same ones.
 */
function lazyStepContext(workspace: Workspace): StepContext {
  let stack: StackFacts | undefined;
  return {
    get ruleSources() {
      return workspace.rules().sources;
    },
    get stack() {
      return (stack ??= detectStack(workspace.root, workspace.files));
    },
  };
}

/** A spec file named by path, else the spec of the feature named by name or folder. */
function resolveSpec(
  base: string,
  spec: string,
  files: readonly string[],
  config: ResolvedConfig,
): InsidePath {
  const direct = resolveInside(base, spec, 'spec');
  if (existsSync(direct.abs) && statSync(direct.abs).isFile()) return direct;
  const feature = findFeature(listFeatures(files, config.specs), spec);
  if (feature.spec === undefined) {
    throw new TechspecError(
      'NOT_FOUND',
      `Feature ${feature.feature} has no spec in ${feature.dir}, expected a techspec.md (create one with \`techspec new\`)`,
    );
  }
  return resolveInside(base, feature.spec, 'spec');
}

function read(file: InsidePath): string {
  try {
    return readFileSync(file.abs, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new TechspecError('IO', `Cannot read ${file.rel} (${code}), expected a readable file`);
  }
}

/** Through confine's writeInside: never through a link, replaced atomically. */
function write(base: string, file: InsidePath, content: string): void {
  writeInside(base, file.rel, content, { argument: 'tasks' });
}
