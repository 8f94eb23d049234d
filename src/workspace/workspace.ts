// A project as every surface sees it: its root (found once), its config, its files, its rule files. Long-lived
// processes keep one and call `refresh` when files change; a command makes one per run.
import type { RuleScan } from '../assistants/rules/discover.js';
import { readConfig, type WorkspaceConfig } from './config.js';
import { listFeatures, type Feature } from './features.js';
import { createProject, listFiles, type Project } from './project.js';
import { findProjectRoot } from './root.js';
import { repositoryRules } from './rules.js';

export interface Workspace {
  root: string;
  /** Whether repository checks run (inside git, or under an explicit root): see `findProjectRoot`. */
  repository: boolean;
  config: WorkspaceConfig;
  /** Every file, repository-relative with `/`, sorted (git-aware). */
  files: readonly string[];
  /** The repository as lint rules see it; undefined when repository checks do not run. */
  project: Project | undefined;
  /** The spec folders the config's spec globs find. */
  features(): Feature[];
  /** Every assistant's rule files, and the config's `ruleFiles`, read once. */
  rules(): RuleScan;
  /** Lists the files and reads the config again (after a change on disk); the next reads see the new state. */
  refresh(): void;
}

export interface WorkspaceOptions {
  /** The project root, taken as is: repository checks run under it even outside git. */
  root?: string;
  /** An explicit config file instead of the one found at the root. */
  configFile?: string;
}

/** The workspace of the project that holds `from` (a folder or a file; default: the working directory). */
export function createWorkspace(from: string = process.cwd(), options: WorkspaceOptions = {}): Workspace {
  const found = findProjectRoot(from, options.root);
  const load = () => {
    const config = readConfig({
      cwd: found.root,
      ...(options.configFile ? { configFile: options.configFile } : {}),
    });
    const files = listFiles(found.root);
    const project = found.repository ? createProject(found.root, files, config.ruleFiles) : undefined;
    return { config, files, project };
  };
  let state = load();
  let features: Feature[] | undefined;
  let rules: RuleScan | undefined;
  return {
    root: found.root,
    repository: found.repository,
    get config() {
      return state.config;
    },
    get files() {
      return state.files;
    },
    get project() {
      return state.project;
    },
    features: () => (features ??= listFeatures(state.files, state.config.specs)),
    rules: () => (rules ??= repositoryRules(found.root, state.files, state.config)),
    refresh() {
      state = load();
      features = undefined;
      rules = undefined;
    },
  };
}
