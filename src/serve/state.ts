// The dashboard's in-memory model of one repository: features, each spec's parse and lint result, drift, trace and
// rule sources. Refreshed in place from the paths that changed; every refresh runs after the previous one.
import path from 'node:path';
import { CONFIG_FILES } from '../workspace/config.js';
import { lintConfigOf, withRules, type ResolvedConfig } from '../lint/config.js';
import type { WorkspaceConfig } from '../workspace/config.js';
import { createWorkspace, type Workspace } from '../workspace/workspace.js';
import { TechspecError } from '../errors.js';
import { createProject, type Project } from '../workspace/project.js';
import { type RuleScan } from '../assistants/rules/discover.js';
import { findFeature, type Feature } from '../workspace/features.js';
import type { EventHub } from './events.js';
import type { Integrations } from './integrations.js';
import type { Logger } from './logger.js';
import { recordFindings, type ServeMetrics } from './metrics.js';
import { readRecords } from './records.js';
import type { SpecList } from './api-types.js';
import { detail, summarize, type SpecDetail, type SpecRecord } from './spec-model.js';
import { listedFiles, refreshDrift, refreshTrace, touchedFeatures } from './updates.js';

export interface ServeStateOptions {
  root: string;
  logger: Logger;
  metrics: ServeMetrics;
  events: EventHub;
  integrations: Integrations;
}

export interface ServeState {
  readonly root: string;
  /** Resolves when the first full read is done. */
  readonly ready: Promise<void>;
  specs(): SpecList;
  /** The feature's detail; TechspecError NOT_FOUND for an unknown name, PATH_OUTSIDE for a spec outside the root. */
  spec(name: string): SpecDetail;
  features(): readonly Feature[];
  /** The project as the library reads it (config, files, rule files, parses), refreshed by `refresh`. */
  workspace(): Workspace;
  files(): readonly string[];
  config(): ResolvedConfig;
  project(): Project;
  ruleScan(): RuleScan;
  /** Re-reads what the changed repository-relative paths affect; resolves with the features it updated. */
  refresh(changed: readonly string[] | 'all'): Promise<string[]>;
  /** Bumped by every refresh, so that caches of derived answers (context) know they are stale. */
  generation(): number;
  /** Repository-relative folders whose changes matter (see watchFolders). */
  watchFolders(): string[];
}

interface Model {
  /** The project as the library reads it: refreshed in place by each change that can alter it. */
  workspace: Workspace;
  features: Feature[];
  records: Map<string, SpecRecord>;
  problems: string[];
  generation: number;
}

export function createServeState(options: ServeStateOptions): ServeState {
  const root = path.resolve(options.root);
  // A config whose rule settings do not resolve counts as broken: the last good one stays in use.
  const workspace = createWorkspace(root, { root, check: (config) => withRules(config) });
  const model: Model = {
    workspace,
    features: workspace.features(),
    records: new Map(),
    problems: [],
    generation: 0,
  };
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const refresh = (changed: readonly string[] | 'all'): Promise<string[]> =>
    enqueue(() => applyChanges(model, root, options, changed));
  const ready = refresh('all').then(() => undefined);
  // Handlers await `ready` and answer 500 if it failed; this keeps the failure from going unhandled meanwhile.
  ready.catch((error: unknown) => {
    options.logger.error({ err: error }, 'reading the repository failed');
  });

  return {
    root,
    ready,
    specs: () => ({
      specs: model.features.map((feature) => summarize(recordOf(model, feature))),
      problems: [...model.problems],
    }),
    spec(name) {
      const feature = findFeature(model.features, name);
      const record = recordOf(model, feature);
      const outside = record.problems.find((problem) => problem.code === 'PATH_OUTSIDE');
      if (outside) throw new TechspecError('PATH_OUTSIDE', outside.message);
      return detail(record);
    },
    features: () => model.features,
    workspace: () => model.workspace,
    files: () => model.workspace.files,
    config: () => lintConfigOf(model.workspace),
    project: () => projectOf(model.workspace),
    ruleScan: () => model.workspace.rules(),
    refresh,
    generation: () => model.generation,
    watchFolders: () => watchFolders(model),
  };
}

function recordOf(model: Model, feature: Feature): SpecRecord {
  return (
    model.records.get(feature.feature) ?? {
      feature,
      text: null,
      doc: null,
      lint: null,
      problems: [],
      drift: null,
      trace: null,
    }
  );
}

/** One refresh: re-list, reload what changed, re-lint the touched specs, publish, then refresh drift. */
async function applyChanges(
  model: Model,
  root: string,
  options: ServeStateOptions,
  changed: readonly string[] | 'all',
): Promise<string[]> {
  const { workspace } = model;
  const before = { files: workspace.files, config: workspace.config };
  const paths = changed === 'all' ? [] : changed;
  const configChanged = changed === 'all' || paths.some((file) => isConfigFile(file, before.config, root));
  const rulesChanged =
    changed === 'all' || paths.some((file) => projectOf(workspace).isRuleFile?.(file) === true);
  model.generation++;
  refreshWorkspace(model, changed, root, options.logger);
  const files = workspace.files;
  const listingChanged =
    files.length !== before.files.length || files.some((file, i) => file !== before.files[i]);
  const global =
    changed === 'all' ||
    listingChanged ||
    configChanged ||
    rulesChanged ||
    workspace.config !== before.config;
  const features = global ? workspace.features() : model.features;
  const touched = global ? features : touchedFeatures(features, model.records, paths);
  const previous = model.records;
  const context = { root, workspace, metrics: options.metrics };
  const fresh = await readRecords(touched, context, previous);
  const records = new Map(global ? [] : previous);
  for (const record of fresh) {
    refreshTrace(record, root, options.integrations, options.logger);
    records.set(record.feature.feature, record);
  }
  // Features and their records change together: a request during the lint never sees one without the other.
  model.features = features;
  model.records = records;
  recordFindings(
    options.metrics,
    [...records.values()].flatMap((record) => (record.lint ? [record.lint] : [])),
  );
  const names = touched.map((feature) => feature.feature);
  const removed = [...previous.keys()].filter((name) => !records.has(name));
  for (const name of [...names, ...removed]) options.events.publish({ event: 'spec-updated', data: name });
  if (rulesChanged && changed !== 'all') {
    options.events.publish({ event: 'rules-updated', data: String(projectOf(workspace).ruleFiles.length) });
  }
  // A refresh that touched no spec ran no drift check: the last one's outcome still stands.
  if (fresh.length > 0) {
    const driftProblem = await refreshDrift(fresh, root, options.integrations, options.logger);
    model.problems = model.problems.filter((line) => !line.startsWith('drift: '));
    if (driftProblem) model.problems.push(`drift: ${driftProblem}`);
  }
  if (options.integrations.drift) {
    for (const name of names) options.events.publish({ event: 'spec-updated', data: name });
  }
  return [...names, ...removed];
}

function isConfigFile(file: string, config: WorkspaceConfig, root: string): boolean {
  if (!file.includes('/') && (CONFIG_FILES as readonly string[]).includes(file)) return true;
  const configFile = config.file === undefined ? undefined : path.relative(root, config.file);
  return file === configFile;
}

/** The files and config read again; a config broken while serving keeps the last good one and says so. */
function refreshWorkspace(
  model: Model,
  changed: readonly string[] | 'all',
  root: string,
  logger: Logger,
): void {
  const before = model.workspace.config;
  const clear = (): void => {
    model.problems = model.problems.filter((line) => !line.startsWith('config: '));
  };
  try {
    model.workspace.refresh(changed === 'all' ? undefined : changed);
    // The problem of a broken config stands until a config is read again and holds.
    if (model.workspace.config !== before) clear();
  } catch (error) {
    if (!(error instanceof TechspecError)) throw error;
    clear();
    const where = error.file ? `${path.relative(root, error.file)}: ` : '';
    model.problems.push(`config: ${where}${error.message}; the last valid config is still in use`);
    logger.warn({ err: error.message }, 'config reload failed');
  }
}

/**
 * The root (config files, new top-level folders), each feature's folder and the folder above it (new features),
 * the folders of rule files and of every file a spec lists: watched one by one, not the whole tree.
 */
function watchFolders(model: Model): string[] {
  const files = [
    ...model.features.flatMap((feature) => [`${feature.dir}/x`, `${path.posix.dirname(feature.dir)}/x`]),
    ...projectOf(model.workspace).ruleFiles,
    ...[...model.records.values()].flatMap((record) => listedFiles(record)),
  ];
  const folders = new Set(['']);
  for (const file of files) {
    const dir = path.posix.dirname(file);
    if (dir !== '.') folders.add(dir);
  }
  return [...folders].sort();
}

/** The served root is taken as the project root, so repository checks always run: the workspace has a project. */
function projectOf(workspace: Workspace): Project {
  return workspace.project ?? createProject(workspace.root, workspace.files, workspace.config.ruleFiles);
}
