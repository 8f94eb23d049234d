// One workspace folder as the language server sees it: a Workspace (config, file listing, project, rule scan, parses)
// read once and re-read only for the paths that changed; plus the context and drift answers computed for its open
// specs.
import path from 'node:path';
import type { ContextAnswer } from '../context/engine.js';
import { createAnswerThread } from './context-thread.js';
import type { DriftReport } from '../drift/model.js';
import { TechspecError } from '../errors.js';
import { lintConfigOf, withRules, type ResolvedConfig } from '../lint/config.js';
import { readConfigObject, type WorkspaceConfig } from '../workspace/config.js';
import { createWorkspace, type Workspace } from '../workspace/workspace.js';
import { relativeInside } from '../confine.js';
import { createProject, type Project } from '../workspace/project.js';
import { checkRules, type RuleFinding } from '../assistants/rules/check.js';
import { globMatcher } from '../workspace/globs.js';

export interface FolderState {
  readonly root: string;
  /** The folder as the library reads it: every lint and context call of the server goes through it. */
  workspace(): Workspace;
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
  /** The findings of `techspec rules --check` over the folder's rule files, as of the last refresh. */
  ruleFindings(): readonly RuleFinding[];
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
  const workspace = createWorkspace(base, {
    root: base,
    // Rule settings that do not resolve make a broken config too; the defaults serve meanwhile.
    check: (config) => withRules(config),
    fallback: (error) => {
      if (!(error instanceof TechspecError)) throw error;
      problem = `${error.file ?? 'config'}: ${error.message}; the default template and rules serve until it is fixed`;
      return readConfigObject({}, { root: base, file: undefined });
    },
  });
  const projectOf = (): Project =>
    workspace.project ?? createProject(base, workspace.files, workspace.config.ruleFiles);
  let project = projectOf();
  let isSpec = specMatcher(workspace.config);
  let generation = 0;
  let ruleCheck: { generation: number; findings: readonly RuleFinding[] } | undefined;
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
    workspace: () => workspace,
    config: () => lintConfigOf(workspace),
    configProblem: () => problem,
    project: () => project,
    generation: () => generation,
    relative,
    isSpec(abs) {
      const rel = relativeInside(workspace.config.root, abs);
      return rel !== undefined && rel !== '' && isSpec(rel);
    },
    refresh(changed) {
      const all = changed === 'all';
      // A rule file as the project knew it before the change (deleted) or knows it after (created).
      const before = project;
      const isRule = (file: string): boolean =>
        before.isRuleFile?.(file) === true || project.isRuleFile?.(file) === true;
      const config = workspace.config;
      const known = problem;
      problem = undefined;
      // The listing changes with any created or deleted file; the rule scan with any rule file; the config with a
      // config file or its template (a broken one calls the fallback above, which says why).
      workspace.refresh(all ? undefined : changed);
      const configChanged = workspace.config !== config;
      if (!configChanged) problem = known;
      else isSpec = specMatcher(workspace.config);
      project = projectOf();
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
        value: thread.context(base, { text, kind: 'spec', specPath: abs }, workspace.files, 50),
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
    ruleFindings() {
      if (ruleCheck?.generation !== generation) {
        ruleCheck = { generation, findings: checkRules(workspace.rules(), workspace.files) };
      }
      return ruleCheck.findings;
    },
    close() {
      thread.close();
    },
  };
}

/** The config's spec globs (`!glob` entries exclude) less its ignores. */
function specMatcher(config: WorkspaceConfig): (rel: string) => boolean {
  return globMatcher(config.specs, config.ignore);
}
