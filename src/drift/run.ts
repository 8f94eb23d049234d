// What one drift run shares between its specs, each computed on first need: the routes of the code, the context
// index's definitions, the files and changes of each baseline commit.
import { buildIndex } from '../context/build.js';
import type { PathIndex } from '../workspace/paths.js';
import type { ResolvedConfig } from '../lint/config.js';
import type { BaselineData } from './files.js';
import { baselineData } from './baseline.js';
import { extractRoutes, type RouteScan } from './routes/index.js';

export interface DriftRun {
  root: string;
  head: string;
  shallow: boolean;
  config: ResolvedConfig;
  /** The repository's files now (tracked and untracked, not ignored), relative to root. */
  files: readonly string[];
  current: PathIndex;
  ignored: (path: string) => boolean;
  routes(): Promise<RouteScan>;
  /** The routes as commit `commit` declared them. */
  routesAt(commit: string): Promise<RouteScan>;
  /** Whether the code defines a symbol of this name (from the context index, built or read from its cache). */
  definitions(): Promise<(name: string) => boolean>;
  baseline(commit: string): Promise<BaselineData>;
}

export function createRun(
  base: Omit<DriftRun, 'routes' | 'routesAt' | 'definitions' | 'baseline'>,
): DriftRun {
  let routes: Promise<RouteScan> | undefined;
  let defined: Promise<(name: string) => boolean> | undefined;
  const baselines = new Map<string, Promise<BaselineData>>();
  const routesAt = new Map<string, Promise<RouteScan>>();
  const baseline = (commit: string): Promise<BaselineData> =>
    once(baselines, commit, () => baselineData(base.root, commit));
  return {
    ...base,
    routes: () => (routes ??= extractRoutes(base.root, base.files)),
    routesAt: (commit) =>
      once(routesAt, commit, () =>
        baseline(commit).then(({ list }) => extractRoutes(base.root, list, commit)),
      ),
    definitions: () =>
      (defined ??= buildIndex(base.root, { files: base.files }).then(
        (index) => (name) => index.symbols.has(name),
      )),
    baseline,
  };
}

/** The value memoised under `key`, made by `make` on first need. */
function once<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let found = memo.get(key);
  if (found === undefined) {
    found = make();
    memo.set(key, found);
  }
  return found;
}
