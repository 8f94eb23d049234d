// What rules may know of the repository: its files (git-aware) and its assistants' rule files. Read once per run.
import path from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { readInside } from '../confine.js';
import { MAX_SPEC_BYTES } from '../limits.js';
import { isSpace, trimEnd } from '../text/scan.js';
import { discoverRuleSources, type RuleScan } from '../assistants/rules/discover.js';
import { locateRuleFile } from '../assistants/rules/locations.js';
import type { RuleSource } from '../assistants/rules/model.js';
import { KILO_CONFIG_FILES, readKiloInstructions } from '../assistants/kilo-config.js';
import { readIgnore } from './listing.js';
import { createPathIndex, type PathIndex } from './paths.js';

export { KILO_CONFIG_FILES, parseJsonc, readKiloInstructions } from '../assistants/kilo-config.js';
export { gitTopLevel, listFiles } from './listing.js';

export interface Project {
  /** Absolute path of the repository root; listed paths are relative to it. */
  root: string;
  /** Every file, repository-relative with `/` separators, sorted. */
  files: readonly string[];
  has(file: string): boolean;
  /**
   * Rule files of any assistant of the registry (src/assistants/registry.ts), the files named by Kilo's
   * `instructions`, and those the config's `ruleFiles` globs add: the same files `techspec rules` reads.
   */
  ruleFiles: readonly string[];
  /** Whether a path, listed or not (a file just added or deleted), is where a rule file would be. */
  isRuleFile?(file: string): boolean;
  /** Folder, glob, suffix and near-miss lookups over `files`, built on first use (see `projectPaths`). */
  paths?: PathIndex;
  /** Whether the root `.gitignore` ignores a path: such a file may exist on disk without being listed. */
  ignores?(file: string): boolean;
  /** The rule files read and parsed (activation, globs, scope lines), on first use; absent from a hand-made Project. */
  ruleSources?: readonly RuleSource[];
  /**
   * The headings of the repository's own tech spec templates (`techspec-template.md`, `_techspec-template.md`,
   * `tech-spec-template.md` anywhere), read on first use; absent from a hand-made Project.
   */
  specTemplates?: readonly SpecTemplateFile[];
}

export interface SpecTemplateFile {
  file: string;
  headings: readonly { title: string; level: number }[];
}

const SPEC_TEMPLATE_NAME = /(?:^|\/)_?tech[-_]?spec[-_]template\.md$/i;

/**
 * The repository as rules see it. When `files` lists a Kilo config (`kilo.jsonc`, `kilo.json`, also under `.kilo/`),
 * its `instructions` globs are read from disk under `root` and count as rule files too, as do the files that
 * `extraRuleGlobs` (the config's `ruleFiles`) match; a listed root `.gitignore` is read for `ignores`.
 */
export function createProject(
  root: string,
  files: readonly string[],
  extraRuleGlobs: readonly string[] = [],
  /** The rule scan of these files when the caller keeps one (a Workspace), so the rule files are read once. */
  scan?: () => RuleScan,
): Project {
  const sorted = [...new Set(files)].sort();
  const set = new Set(sorted);
  const kilo = KILO_CONFIG_FILES.filter((file) => set.has(file)).flatMap((file) =>
    readKiloInstructions(root, file),
  );
  const isExtra = picomatch([...extraRuleGlobs, ...kilo], { dot: true });
  const has = (file: string): boolean => set.has(file);
  const isRule = (file: string): boolean => isExtra(file) || locateRuleFile(file, has) !== undefined;
  const ignored = set.has('.gitignore') ? readIgnore(path.join(root, '.gitignore')) : undefined;
  let paths: PathIndex | undefined;
  let sources: readonly RuleSource[] | undefined;
  let templates: readonly SpecTemplateFile[] | undefined;
  let ruleFiles: readonly string[] | undefined;
  return {
    root,
    files: sorted,
    has: (file) => set.has(file),
    ignores: (file) => ignored !== undefined && ignore.isPathValid(file) && ignored.ignores(file),
    // On first use: a lint whose rules never ask (the default set) does not look for them among every file.
    get ruleFiles() {
      return (ruleFiles ??= sorted.filter((file) => isRule(file)));
    },
    isRuleFile: (file) => KILO_CONFIG_FILES.includes(file) || isRule(file),
    get paths() {
      return (paths ??= createPathIndex(sorted));
    },
    get specTemplates() {
      return (templates ??= readSpecTemplates(root, sorted));
    },
    get ruleSources() {
      return (sources ??= (scan?.() ?? discoverRuleSources(root, sorted, { extraGlobs: extraRuleGlobs }))
        .sources);
    },
  };
}

/** The project's path index: the one `createProject` keeps, or a fresh one for a hand-made Project. */
export function projectPaths(project: Project): PathIndex {
  return project.paths ?? createPathIndex(project.files);
}

/** The ATX headings (level 2 and deeper) of each listed spec template, outside code fences; unreadable files skipped. */
function readSpecTemplates(root: string, files: readonly string[]): SpecTemplateFile[] {
  const out: SpecTemplateFile[] = [];
  for (const file of files) {
    if (!SPEC_TEMPLATE_NAME.test(file)) continue;
    let text: string;
    try {
      text = readInside(root, file, 'file', MAX_SPEC_BYTES).bytes.toString('utf8');
    } catch {
      continue;
    }
    const headings: { title: string; level: number }[] = [];
    let fence = false;
    for (const line of text.split(/\r?\n/)) {
      if (/^\s{0,3}(```|~~~)/.test(line)) fence = !fence;
      const heading = fence ? null : /^\s{0,3}(#{2,6})\s(.*)$/.exec(line);
      // The closing `#`s and spaces are trimmed in code, not by `(.+?)\s*#*\s*$` (quantifiers trading characters).
      const title = heading?.[2] === undefined ? '' : trimEnd(trimEnd(heading[2], isSpace), '#').trim();
      if (heading?.[1] && title) headings.push({ title, level: heading[1].length });
    }
    out.push({ file, headings });
  }
  return out;
}
