// Where a repository keeps its feature folders and which language its specs are in: what the config says, else
// what the existing specs show (`.specs/prd-x/techspec.md` in Portuguese), else `tasks/` and the template's language.
// `new`, `init`'s command text and the MCP prompt use it; `tasks`, `trace`, `check` and the dashboard find the
// features wherever the spec globs do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../lint/config.js';
import { englishTitles, languageOfTitles, type Language } from '../spec/language.js';
import { loadDefaultTemplate } from '../spec/default-template.js';
import { parseSpec } from '../spec/parse.js';
import { listFeatures } from '../workspace/features.js';
import { trimEnd } from '../text/scan.js';

export const DEFAULT_FEATURE_DIR = 'tasks';
/** Specs read to tell their language: enough for a majority, few enough to stay fast on a large repository. */
const SAMPLE = 12;

export interface Layout {
  /** Repository-relative folder of the `prd-<feature>/` folders ('' for the root). */
  featureDir: string;
  language: Language;
  /** Where each came from, for messages. */
  from: { featureDir: Source; language: Source };
}

export type Source = 'config' | 'specs' | 'default';

/** The layout of the repository at `root`, whose files (repository-relative) are `files`. */
export function projectLayout(root: string, config: ResolvedConfig, files: readonly string[]): Layout {
  const features = listFeatures(files, config.specs).filter((f) => f.spec !== undefined);
  const learnt = commonFeatureDir(features.map((f) => f.dir));
  const featureDir = config.featureDir ?? learnt ?? DEFAULT_FEATURE_DIR;
  const english = englishTitles(loadDefaultTemplate().sections);
  const spoken =
    config.language === undefined
      ? languageOfTitles(
          features.slice(0, SAMPLE).flatMap((f) => titlesOf(path.join(root, f.spec ?? ''))),
          english,
        )
      : undefined;
  const language = config.language ?? spoken ?? templateLanguage(config);
  return {
    featureDir: trimEnd(featureDir, '/'),
    language,
    from: {
      featureDir: config.featureDir !== undefined ? 'config' : learnt !== undefined ? 'specs' : 'default',
      language: config.language !== undefined ? 'config' : spoken !== undefined ? 'specs' : 'default',
    },
  };
}

/** The language of the config's template, told from its headings (English when none is known). */
export function templateLanguage(config: ResolvedConfig): Language {
  const english = englishTitles(loadDefaultTemplate().sections);
  return (
    languageOfTitles(
      config.template.sections.map((s) => s.title),
      english,
    ) ?? 'en'
  );
}

/** The folder most `prd-<feature>` folders sit in; undefined when no feature folder is named `prd-…`. */
function commonFeatureDir(dirs: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const dir of dirs) {
    if (!path.posix.basename(dir).startsWith('prd-')) continue;
    const parent = path.posix.dirname(dir);
    const key = parent === '.' ? '' : parent;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [dir, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = dir;
  return best;
}

function titlesOf(file: string): string[] {
  try {
    return parseSpec(readFileSync(file, 'utf8')).sections.map((s) => s.title);
  } catch {
    return [];
  }
}
