// The tasks.md format: a generated block between two marker comments, rewritten on every run, that keeps the checked
// boxes of numbered tasks (matched by number and title) and every line the user added under a task.
import { TechspecError } from '../errors.js';
import type { BuildStep } from './build-steps.js';

export const START_MARKER =
  '<!-- techspec:tasks:start — `techspec tasks` rewrites the numbered items up to the end marker; checked boxes and your notes under a task are kept -->';
export const END_MARKER = '<!-- techspec:tasks:end -->';

const IS_START = /^\s*<!--\s*techspec:tasks:start\b/;
const IS_END = /^\s*<!--\s*techspec:tasks:end\b/;
const PARENT = /^- \[([ xX])\] (\d+)\.0 (.*)$/;
const SUBTASK = /^ {2}- \[([ xX])\] (\d+\.\d+) (.*)$/;
const META = /^ {2}- (?:Section|Files|Rules|Depends on|Requirements): /;

/** A numbered task as the file has it: its box and the lines the user wrote under it. */
interface OldTask {
  number: string;
  title: string;
  checked: boolean;
  notes: string[];
}

/** An existing tasks.md split around its generated block. */
export interface TasksFile {
  before: string[];
  after: string[];
  /** Notes before the first task inside the block. */
  head: string[];
  tasks: OldTask[];
  eol: string;
}

export interface Rendered {
  content: string;
  /** Numbered items of the old file that the spec no longer gives (`3.0 Title`); their notes are kept. */
  removed: string[];
}

/** Reads an existing tasks.md; throws TechspecError with the line when its markers are missing or broken. */
export function readTasksFile(text: string, shown: string): TasksFile {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const starts = lines.flatMap((line, i) => (IS_START.test(line) ? [i] : []));
  const ends = lines.flatMap((line, i) => (IS_END.test(line) ? [i] : []));
  const broken = (line: number, what: string): TechspecError =>
    new TechspecError(
      'USAGE',
      `${shown}:${line}: ${what}, expected one \`techspec:tasks:start\` and one \`techspec:tasks:end\` marker around the generated tasks; fix the markers or pass --force to rewrite the file`,
    );
  const [start] = starts;
  const [end] = ends;
  if (start === undefined && end === undefined) {
    throw new TechspecError(
      'EXISTS',
      `${shown} exists without techspec markers, expected a file written by \`techspec tasks\`; pass --force to replace it`,
    );
  }
  if (start === undefined) throw broken((end ?? 0) + 1, 'An end marker without a start marker');
  if (end === undefined) throw broken(start + 1, 'A start marker that is never closed');
  if (starts.length > 1) throw broken((starts[1] ?? 0) + 1, 'A second start marker');
  if (ends.length > 1) throw broken((ends[1] ?? 0) + 1, 'A second end marker');
  if (end < start) throw broken(end + 1, 'The end marker comes before the start marker');
  const { head, tasks } = readBlock(trimBlank(lines.slice(start + 1, end)));
  return { before: lines.slice(0, start + 1), after: lines.slice(end), head, tasks, eol };
}

/** The block's lines as tasks: a task owns the non-generated lines that follow it until the next task. */
function readBlock(lines: readonly string[]): { head: string[]; tasks: OldTask[] } {
  const head: string[] = [];
  const tasks: OldTask[] = [];
  for (const line of lines) {
    const parent = PARENT.exec(line);
    const sub = parent ? null : SUBTASK.exec(line);
    const found = parent
      ? { box: parent[1], number: `${parent[2] ?? ''}.0`, title: parent[3] }
      : sub
        ? { box: sub[1], number: sub[2], title: sub[3] }
        : undefined;
    if (found) {
      tasks.push({
        number: found.number ?? '',
        title: found.title ?? '',
        checked: found.box !== ' ',
        notes: [],
      });
    } else if (META.test(line)) {
      continue;
    } else {
      (tasks.at(-1)?.notes ?? head).push(line);
    }
  }
  return { head, tasks };
}

/** The whole file for these steps, merged into `old` (or a new file headed with `title` and `intro`). */
export function renderTasks(
  steps: readonly BuildStep[],
  old: TasksFile | undefined,
  header: { title: string; intro: string },
): Rendered {
  const pool = old?.tasks ?? [];
  const used = new Set<OldTask>();
  const match = (number: string, title: string): OldTask | undefined => {
    const exact = pool.find((task) => !used.has(task) && task.number === number && task.title === title);
    const sameTitle = pool.filter((task) => !used.has(task) && task.title === title);
    const found = exact ?? (sameTitle.length === 1 ? sameTitle[0] : undefined);
    if (found) used.add(found);
    return found;
  };
  const out: string[] = [...(old?.head ?? [])];
  const task = (indent: string, number: string, title: string, meta: readonly string[]): void => {
    const before = match(number, title);
    out.push(
      `${indent}- [${before?.checked ? 'x' : ' '}] ${number} ${title}`,
      ...meta,
      ...(before?.notes ?? []),
    );
  };
  const created = new Set<string>();
  for (const step of steps) {
    task('', `${step.number}.0`, step.title, metaLines(step));
    subtasks(step, created).forEach((title, i) => {
      task('  ', `${step.number}.${i + 1}`, title, []);
    });
  }
  const removed: string[] = [];
  for (const gone of pool.filter((task) => !used.has(task))) {
    removed.push(`${gone.number} ${gone.title}`);
    if (gone.notes.length > 0)
      out.push(`<!-- notes of ${gone.number} ${gone.title}, no longer in the spec: -->`, ...gone.notes);
  }
  const eol = old?.eol ?? '\n';
  const before = old?.before ?? [`# ${header.title}`, '', header.intro, '', START_MARKER];
  const after = old?.after ?? [END_MARKER, ''];
  const content = [...before, '', ...out, '', ...after].join(eol);
  return { content, removed };
}

function metaLines(step: BuildStep): string[] {
  const code = (value: string): string => `\`${value}\``;
  const files = step.files.map((file) => `${code(file.path)}${file.isNew ? ' (new)' : ''}`);
  const lines = [`  - Section: development-sequencing/build-order (step ${step.number})`];
  if (files.length > 0) lines.push(`  - Files: ${files.join(', ')}`);
  if (step.rules.length > 0) lines.push(`  - Rules: ${step.rules.map(code).join(', ')}`);
  if (step.dependsOn.length > 0) lines.push(`  - Depends on: ${step.dependsOn.join('; ')}`);
  if (step.requirements.length > 0) lines.push(`  - Requirements: ${step.requirements.join(', ')}`);
  return lines;
}

/**
 * The step's own sub-steps; without any, one per file it touches: change an existing file, create a new one (in the
 * first step that names it; `created` collects those across steps).
 */
function subtasks(step: BuildStep, created: Set<string>): string[] {
  if (step.substeps.length > 0) return step.substeps;
  return step.files.flatMap((file) => {
    if (!file.isNew) return [`Change \`${file.path}\``];
    if (created.has(file.path)) return [];
    created.add(file.path);
    return [`Create \`${file.path}\``];
  });
}

function trimBlank(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}
