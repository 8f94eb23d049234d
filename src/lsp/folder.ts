// One workspace folder as the language server sees it: its config, file listing, project and rule scan, read once and
// re-read only for the paths that changed; plus the context and drift answers computed for its open specs.
import path from 'node:path';
import type { ContextAnswer } from '../context/engine.js';
import { createAnswerThread } from './context-thread.js';
import type { DriftReport } from '../drift/model.js';
import { TechspecError } from '../errors.js';
import { loadConfig, resolveConfig, type ResolvedConfig } from '../lint/config.js';
import { CONFIG_FILES } from '../workspace/config.js';
import { relativeInside } from '../confine.js';
import { createProject, listFiles, type Project } from '../workspace/project.js';
import { globMatcher } from '../workspace/globs.js';

export interface FolderState {
  readonly root: string;
  config(): ResolvedConfig;
  /** The config could not be read: one line naming file, key and value; the defaults serve meanwhile. */
  configProblem(): string | undefined;
  project(): Project;
  /** Bumped by every refresh: cached answers of an older generation are stale. */
  generation(): number;
  /** The repository-relative path of an absolute one, when it lies inside this folder. */
  relative(abs: string): string | undefined;
  /** Whether the config's spec globs (minus its ignores) match the file. */
  isSpec(abs: string): boolean;
  /** Re-reads what the changed repository-relative paths affect; 'all' re-reads everything. */
  refresh(changed: readonly string[] | 'all'): void;
  /**
   * The context answer for a spec: the one computed for it in this generation (whatever its text then), else a new one
   * for `text`; `fresh` (on save) computes a new one for `text` regardless.
   */
  context(abs: string, text: string, fresh?: boolean): Promise<ContextAnswer>;
  /** The last context answer for a spec, whatever its text (for answers that must not wait). */
  lastContext(abs: string): ContextAnswer | undefined;
  /** Checks the spec on disk for drift (with every listed path and endpoint); undefined outside git. */
  drift(abs: string): Promise<DriftReport | undefined>;
  lastDrift(abs: string): DriftReport | undefined;
  /** Stops the folder's context and drift thread (when the folder is removed or the server shuts down). */
  close(): void;
}

interface Cached<T> {
  key: string;
  value: Promise<T>;
  settled?: T;
}

/** Reads the folder at `root`; never throws for its content (a broken config is reported, the defaults serve). */
export function createFolderState(root: string): FolderState {
  const base = path.resolve(root);
  let problem: string | undefined;
  let config = readConfig(base, (p) => (problem = p));
  let files = listFiles(base);
  let project = createProject(base, files);
  let isSpec = specMatcher(config);
  let generation = 0;
  const contexts = new Map<string, Cached<ContextAnswer>>();
  // Indexing the repository and checking its drift run on their own thread: diagnostics never wait for them.
  const thread = createAnswerThread();
  const drifts = new Map<string, Cached<DriftReport | undefined>>();

  const relative = (abs: string): string | undefined => {
    const rel = relativeInside(base, abs);
    return rel === undefined || rel === '' ? undefined : rel;
  };

  return {
    root: base,
    config: () => config,
    configProblem: () => problem,
    project: () => project,
    generation: () => generation,
    relative,
    isSpec(abs) {
      const rel = relativeInside(config.root, abs);
      return rel !== undefined && rel !== '' && isSpec(rel);
    },
    refresh(changed) {
      const all = changed === 'all';
      // A rule file as the project knew it before the change (deleted) or knows it after (created).
      const before = project;
      const isRule = (file: string): boolean =>
        before.isRuleFile?.(file) === true || project.isRuleFile?.(file) === true;
      const configChanged = all || changed.some((file) => isConfigInput(file, isSpec, isRule));
      if (configChanged) {
        problem = undefined;
        config = readConfig(base, (p) => (problem = p));
        isSpec = specMatcher(config);
      }
      // The listing changes with any created or deleted file; the rule scan with any rule file.
      files = listFiles(base);
      project = createProject(base, files);
      generation++;
      if (all || configChanged || changed.some(isRule)) contexts.clear();
    },
    context(abs, text, fresh = false) {
      // Ranking a repository costs far more than a keystroke: the answer is kept until the folder changes or the
      // spec is saved (fresh), and while a new one is computed the last one answers.
      const key = String(generation);
      const known = contexts.get(abs);
      if (known && known.key === key && !fresh) return known.value;
      const entry: Cached<ContextAnswer> = {
        key,
        value: thread.context(base, { text, kind: 'spec', specPath: abs }, files, 50),
      };
      if (known?.settled) entry.settled = known.settled;
      void entry.value.then((answer) => (entry.settled = answer)).catch(() => undefined);
      contexts.set(abs, entry);
      return entry.value;
    },
    lastContext: (abs) => contexts.get(abs)?.settled,
    drift(abs) {
      const rel = relative(abs);
      if (rel === undefined) return Promise.resolve(undefined);
      const entry: Cached<DriftReport | undefined> = {
        key: String(generation),
        value: thread.drift(base, [rel]).catch((error: unknown) => {
          // Outside git, or a repository without commits: there is nothing to drift from.
          if (error instanceof TechspecError) return undefined;
          throw error;
        }),
      };
      const known = drifts.get(abs);
      if (known?.settled) entry.settled = known.settled;
      void entry.value.then((report) => (entry.settled = report)).catch(() => undefined);
      drifts.set(abs, entry);
      return entry.value;
    },
    lastDrift: (abs) => drifts.get(abs)?.settled,
    close() {
      thread.close();
    },
  };
}

function readConfig(root: string, report: (problem: string) => void): ResolvedConfig {
  try {
    return loadConfig({ cwd: root });
  } catch (error) {
    if (!(error instanceof TechspecError)) throw error;
    report(
      `${error.file ?? 'config'}: ${error.message}; the default template and rules serve until it is fixed`,
    );
    return resolveConfig({}, { root, file: undefined, strict: false });
  }
}

/** The config's spec globs (`!glob` entries exclude) less its ignores. */
function specMatcher(config: ResolvedConfig): (rel: string) => boolean {
  return globMatcher(config.specs, config.ignore);
}

/**
 * Config files anywhere, and any Markdown file that is not a spec: the config may name it as its template (the resolved
 * config keeps the template's text, not its path), and re-reading a config costs a millisecond.
 */
function isConfigInput(
  file: string,
  isSpec: (rel: string) => boolean,
  isRule: (rel: string) => boolean,
): boolean {
  const name = path.posix.basename(file);
  if ((CONFIG_FILES as readonly string[]).includes(name)) return true;
  return /\.md$/i.test(name) && !isSpec(file) && !isRule(file);
}
