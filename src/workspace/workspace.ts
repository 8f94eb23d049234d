// A project as every surface sees it: its root (found once), its config, its files, its rule files, its parsed specs.
// Long-lived processes (serve, mcp, lsp) keep one and call `refresh` when files change; a command makes one per run
// and hands it to every library call (lintFiles, getContext, checkDrift, generateTasks, traceFeature).
import path from 'node:path';
import type { RuleScan } from '../assistants/rules/discover.js';
import { createRuleSourceMemo } from '../assistants/rules/memo.js';
import type { SpecDocument } from '../spec/model.js';
import { parseFor } from '../spec/parse.js';
import { CONFIG_FILES, readConfig, type WorkspaceConfig } from './config.js';
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
  /** `text` parsed as the spec named `file` (its `path`) with the config's section matching; again only if it changed. */
  parse(file: string, text: string): SpecDocument;
  /**
   * A value a layer above derives from this state (lint's resolved rules, a surface's summaries), made on first need
   * and dropped by `refresh`.
   */
  derive<T>(key: string, make: () => T): T;
  /**
   * Lists the files and reads the config again (after a change on disk); the next reads see the new state. A config
   * that no longer reads keeps the last good one in use (with the new listing) and throws its TechspecError. With
   * `changed` (repository-relative paths that changed), only what they can affect is read again: the config when one
   * of them is a config or template file, the rule files when the listing changed or one of them is a rule file.
   */
  refresh(changed?: readonly string[]): void;
}

export interface WorkspaceOptions {
  /** The project root, taken as is: repository checks run under it even outside git. */
  root?: string;
  /** An explicit config file instead of the one found at the root. */
  configFile?: string;
  /**
   * Checks each config read beyond what the workspace validates (lint passes its rule resolution): a config it throws
   * for is treated as one that does not read, so `refresh` keeps the last good one.
   */
  check?: (config: WorkspaceConfig) => void;
  /**
   * The config to use when the project's does not read (or `check` throws for it), instead of throwing: the language
   * server reports the error and serves the defaults meanwhile.
   */
  fallback?: (error: Error) => WorkspaceConfig;
  /**
   * A file (absolute) where the rule sources are kept between runs (`.techspec/cache/rules.json`): rule files unchanged
   * since are not read again. Without it they are kept in memory only, for the scans after a `refresh`.
   */
  rulesCache?: string;
}

/** The workspace of the project that holds `from` (a folder or a file; default: the working directory). */
export function createWorkspace(from: string = process.cwd(), options: WorkspaceOptions = {}): Workspace {
  const found = findProjectRoot(from, options.root);
  const readChecked = (): WorkspaceConfig => {
    const config = readConfig({
      cwd: found.root,
      ...(options.configFile ? { configFile: options.configFile } : {}),
    });
    options.check?.(config);
    return config;
  };
  const { fallback } = options;
  const readOwnConfig = (): WorkspaceConfig => {
    if (!fallback) return readChecked();
    try {
      return readChecked();
    } catch (error) {
      return fallback(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const load = (config: WorkspaceConfig) => {
    const files = listFiles(found.root);
    const project = found.repository
      ? createProject(found.root, files, config.ruleFiles, () => scanRules())
      : undefined;
    return { config, files, project };
  };
  let features: Feature[] | undefined;
  let rules: RuleScan | undefined;
  let derived = new Map<string, unknown>();
  let parsed = new Map<string, { text: string; doc: SpecDocument }>();
  const memo = createRuleSourceMemo(found.root, options.rulesCache);
  const scanRules = (): RuleScan => (rules ??= repositoryRules(found.root, state.files, state.config, memo));
  let state = load(readOwnConfig());
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
    rules: scanRules,
    parse(file, text) {
      // Keyed by the name as given: the document's `path` is that name, and diagnostics carry it.
      const known = parsed.get(file);
      if (known?.text === text) return known.doc;
      const doc = parseFor(text, file, state.config);
      parsed.set(file, { text, doc });
      return doc;
    },
    derive<T>(key: string, make: () => T): T {
      if (!derived.has(key)) derived.set(key, make());
      return derived.get(key) as T;
    },
    refresh(changed) {
      const rereadConfig =
        changed === undefined || changed.some((file) => isConfigPath(found.root, file, state.config));
      let config = state.config;
      let broken: Error | undefined;
      if (rereadConfig) {
        try {
          config = readOwnConfig();
        } catch (error) {
          broken = error instanceof Error ? error : new Error(String(error));
        }
      }
      const before = state;
      state = load(config);
      const listingChanged = !sameList(before.files, state.files);
      features = undefined;
      if (
        changed === undefined ||
        listingChanged ||
        config !== before.config ||
        changed.some((file) => before.project?.isRuleFile?.(file) ?? true)
      ) {
        rules = undefined;
      }
      if (config !== before.config) {
        derived = new Map();
        parsed = new Map();
      }
      if (broken !== undefined) throw broken;
    },
  };
}

/** `at` as a Workspace: itself, or the workspace rooted at that folder (taken as the root, as `--root` does). */
export function asWorkspace(at: string | Workspace): Workspace {
  return typeof at === 'string' ? createWorkspace(at, { root: at }) : at;
}

/** A config file at the root (package.json included: its `techspec` key), the config in use, or its template. */
function isConfigPath(root: string, file: string, config: WorkspaceConfig): boolean {
  if (!file.includes('/') && (CONFIG_FILES as readonly string[]).includes(file)) return true;
  const abs = path.resolve(root, file);
  if (config.file !== undefined && abs === path.resolve(config.root, config.file)) return true;
  return config.templateFile !== undefined && abs === path.resolve(config.root, config.templateFile);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
