// `techspec new`: a draft spec for a feature at `<dir>/prd-<slug>/techspec.md`, with the sections the context engine
// can answer filled in and the rest left as the template's guidance, so that lint lists what is left to write.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { lintConfigOf } from '../lint/config.js';
import { asWorkspace, type Workspace } from '../workspace/workspace.js';
import { getContext, type ContextAnswer } from '../context/engine.js';
import { TechspecError } from '../errors.js';
import { makeDirsInside, resolveInside, type InsidePath } from '../confine.js';
import { featureSlug } from '../workspace/features.js';
import { headCommit } from '../workspace/git.js';
import { projectLayout } from './layout.js';
import { draftSpec, RELEVANT_FILES_SECTION, STANDARDS_SECTION, type DraftItem } from './spec-draft.js';

/** How many files a new spec's Relevant Files lists unless told otherwise. */
export const NEW_SPEC_FILES = 10;

export interface NewSpecOptions {
  /** The feature's name as people say it ("Payment webhooks"); its slug names the folder. */
  name: string;
  /** A PRD inside the repository; default `<dir>/prd-<slug>/prd.md` when it exists. */
  prd?: string;
  /** The folder holding the feature folders, inside the repository (default: the layout's, see layout.ts). */
  dir?: string;
  /** How many Relevant Files to list (default 10). */
  k?: number;
  /** The day recorded as `created` (default today, local time). */
  today?: Date;
}

export interface NewSpecResult {
  /** The slug: the folder is `prd-<feature>`. */
  feature: string;
  /** Repository-relative path of the spec written. */
  path: string;
  content: string;
  /** What the draft could not record or read (no commit for a baseline, unreadable rule files), one line each. */
  problems: string[];
}

/**
 * Writes the draft spec and returns it. Throws TechspecError: EXISTS when the spec is already there (never
 * overwritten), PATH_OUTSIDE for a `dir` or `prd` outside the repository, NOT_FOUND/IO for a PRD it cannot read,
 * USAGE for a name with no letter or digit.
 */
export async function newSpec(root: string | Workspace, options: NewSpecOptions): Promise<NewSpecResult> {
  checkName(options.name);
  const workspace = asWorkspace(root);
  const base = workspace.root;
  const feature = featureSlug(options.name);
  const config = lintConfigOf(workspace);
  const layout = projectLayout(base, config, workspace.files);
  const dir = resolveInside(base, options.dir ?? (layout.featureDir || '.'), '--dir');
  const folder = dir.rel === '' ? `prd-${feature}` : `${dir.rel}/prd-${feature}`;
  const target = resolveInside(base, `${folder}/techspec.md`, '--dir');
  if (existsSync(target.abs)) throw exists(target);
  const problems: string[] = [];
  const prd = readPrd(base, options.prd ?? defaultPrd(base, folder));
  const answer = await getContext(
    workspace,
    prd ? { text: prd.text, kind: 'prd' } : { text: options.name, kind: 'text' },
    // One more than wanted: the PRD itself ranks high for its own text and is not a file the spec changes.
    { k: (options.k ?? NEW_SPEC_FILES) + (prd ? 1 : 0) },
  );
  const files = answer.files.filter((file) => file.path !== prd?.rel).slice(0, options.k ?? NEW_SPEC_FILES);
  problems.push(...answer.problems);
  const fields: [string, string][] = [
    ['feature', feature],
    ['status', 'draft'],
    ['template', config.template.version],
  ];
  const head = headCommit(base);
  if (head.kind === 'commit') fields.push(['baseline', head.sha]);
  else problems.push(noBaseline(head.kind, target.rel));
  fields.push(['created', isoDay(options.today ?? new Date())]);
  const draft = draftSpec({
    config,
    language: layout.language,
    title: options.name,
    fields,
    fill: new Map([
      [STANDARDS_SECTION, standards(answer)],
      [RELEVANT_FILES_SECTION, files.map((file) => ({ path: file.path, reason: file.reason }))],
    ]),
  });
  for (const id of draft.missing) {
    problems.push(`The template has no section ${id}: its list was left out of ${target.rel}`);
  }
  write(base, target, draft.content);
  return { feature, path: target.rel, content: draft.content, problems };
}

function defaultPrd(base: string, folder: string): string | undefined {
  const candidate = `${folder}/prd.md`;
  return existsSync(path.join(base, candidate)) ? candidate : undefined;
}

function readPrd(base: string, prd: string | undefined): { rel: string; text: string } | undefined {
  if (prd === undefined) return undefined;
  const file = resolveInside(base, prd, '--prd');
  try {
    return { rel: file.rel, text: readFileSync(file.abs, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new TechspecError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'IO',
      `Cannot read --prd ${JSON.stringify(prd)} (${code}), expected a readable Markdown file inside the project`,
    );
  }
}

/** The rules that apply or are likely, each with its reason (a likely one says so). */
function standards(answer: ContextAnswer): DraftItem[] {
  return answer.rules
    .filter((rule) => rule.verdict !== 'no')
    .map((rule) => ({
      path: rule.path,
      reason: rule.verdict === 'likely' ? `likely: ${rule.reason}` : rule.reason,
    }));
}

function noBaseline(kind: 'no-commits' | 'no-git', spec: string): string {
  const why = kind === 'no-git' ? 'the folder is not a git repository' : 'the repository has no commit yet';
  return `${spec}: No baseline recorded because ${why}, expected a commit; add \`baseline: <commit>\` to its front matter after the first commit`;
}

function isoDay(day: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** A feature name becomes the spec's title: a control character (NUL, escape) there would make the spec binary. */
function checkName(name: string): void {
  // Control characters are single UTF-16 units, so an index into the string is their position.
  let at = 0;
  while (at < name.length && !isControl(name.charCodeAt(at))) at++;
  if (at === name.length) return;
  const code = name.charCodeAt(at);
  throw new TechspecError(
    'USAGE',
    `Invalid name ${JSON.stringify(name)}: control character U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${at + 1}, expected printable text`,
  );
}

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code < 0xa0);
}

function exists(target: InsidePath): TechspecError {
  return new TechspecError(
    'EXISTS',
    `Spec ${target.rel} already exists, expected a feature without a spec (techspec new never overwrites one)`,
  );
}

/** Creates the folder and the file; `wx` refuses a file that appeared since the check. */
function write(base: string, target: InsidePath, content: string): void {
  try {
    makeDirsInside(base, path.dirname(target.abs), 'folder');
    // 'wx' creates the file or fails: it never follows a link that stands where the spec would go.
    writeFileSync(target.abs, content, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'EEXIST') throw exists(target);
    throw new TechspecError('IO', `Cannot write ${target.rel} (${code}), expected a writable folder`);
  }
}
