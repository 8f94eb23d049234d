// The task layouts teams write, read into one list of tasks for `techspec trace`: one file per task
// (`task-1.0-title.md`, `1_task.md`) citing requirement ids, a numbered table in tasks.md, or a checkbox or
// numbered list in tasks.md (`- [ ] 1.0 Title`, `1.0 Title` with subtasks `1.1 …`).
import path from 'node:path';
import type { Block, ListItem, SpecDocument } from '../spec/model.js';
import { parseSpec } from '../spec/parse.js';
import { findIds } from './requirements.js';

export type TaskLayout = 'task-files' | 'table' | 'checkbox-list' | 'numbered-list' | 'none';

export interface TaskItem {
  number: string;
  title: string;
  line: number;
  /** The file the task lives in, repository-relative. */
  file: string;
  own: Map<string, string>;
  subtasks: TaskItem[];
}

export interface ReadTasks {
  layout: TaskLayout;
  tasks: TaskItem[];
  /** The files read, repository-relative. */
  files: string[];
}

/** `task-1.0-title.md`, `task_2.md`, `3.0-title.md`, `4_task.md`: the task number is in the name. */
const TASK_FILE = /^(?:tasks?[-_]?(\d+(?:\.\d+)*)(?:[-_.].*)?|(\d+(?:\.\d+)*)[-_].*|(\d+)_task)\.md$/i;
const NUMBER = /^\d+(?:\.\d+)*$/;
// `\s` then the rest (trimmed by the caller): `\s+(.*)` could trade spaces between them.
const NUMBERED = /^(?:\[[ xX]\]\s+)?(\d+(?:\.\d+)*)\.?\s(.*)$/s;
const TITLE_PREFIX = /^(?:task|tarefa)\s*\d+(?:\.\d+)*\s*[:.–—-]\s*/i;

/** The task number a file name gives, or undefined for any other file. */
export function taskFileNumber(name: string): string | undefined {
  const match = TASK_FILE.exec(name);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** Keys → ids as written, for a text. */
export function keysOf(text: string): Map<string, string> {
  return new Map(findIds(text).map((id) => [id.key, id.written]));
}

/**
 * The tasks of a feature folder: per-task files when there are any, else tasks.md's numbered table, else its
 * checkbox or numbered list. `read` gives a file's text (undefined when it cannot be read).
 */
export function readTaskLayout(
  dir: string,
  files: readonly string[],
  tasksFile: string | undefined,
  read: (rel: string) => string | undefined,
): ReadTasks {
  const perTask = files
    .filter(
      (file) => path.posix.dirname(file) === dir && taskFileNumber(path.posix.basename(file)) !== undefined,
    )
    .sort((a, b) =>
      compareNumbers(taskFileNumber(path.posix.basename(a)), taskFileNumber(path.posix.basename(b))),
    );
  if (perTask.length > 0) {
    const tasks = perTask.flatMap((file) => {
      const text = read(file);
      return text === undefined ? [] : [fileTask(file, text)];
    });
    return { layout: 'task-files', tasks, files: perTask };
  }
  const text = tasksFile === undefined ? undefined : read(tasksFile);
  if (tasksFile === undefined || text === undefined) return { layout: 'none', tasks: [], files: [] };
  const doc = parseSpec(text, { path: tasksFile });
  const blocks = [...doc.preamble, ...doc.sections.flatMap((section) => section.blocks)];
  const table = tableTasks(blocks, tasksFile);
  if (table.length > 0) return { layout: 'table', tasks: table, files: [tasksFile] };
  const listed = listTasks(doc, tasksFile);
  const checkbox = blocks.some((b) => b.kind === 'list' && b.items.some((item) => item.checked !== null));
  return { layout: checkbox ? 'checkbox-list' : 'numbered-list', tasks: listed, files: [tasksFile] };
}

function compareNumbers(a = '', b = ''): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function fileTask(file: string, text: string): TaskItem {
  const doc = parseSpec(text, { path: file });
  const heading = doc.title?.text ?? doc.sections[0]?.title ?? path.posix.basename(file, '.md');
  return {
    number: taskFileNumber(path.posix.basename(file)) ?? '',
    title: heading.replace(TITLE_PREFIX, '').trim(),
    line: doc.title?.line ?? 1,
    file,
    own: keysOf(text),
    subtasks: [],
  };
}

/** Rows of a table whose first column holds task numbers (`1.0`, `2`); the next column is the title. */
function tableTasks(blocks: readonly Block[], file: string): TaskItem[] {
  const out: TaskItem[] = [];
  for (const block of blocks) {
    if (block.kind !== 'table') continue;
    const rows = block.rows.filter((row) => NUMBER.test(row[0]?.text.trim() ?? ''));
    if (rows.length === 0 || rows.length < block.rows.length / 2) continue;
    for (const row of rows) {
      out.push({
        number: row[0]?.text.trim() ?? '',
        title: row[1]?.text.trim() ?? '',
        line: row[0]?.line ?? block.line,
        file,
        own: keysOf(row.map((cell) => cell.text).join(' | ')),
        subtasks: [],
      });
    }
  }
  return out;
}

/** Numbered list items (`1.0 Title`, `- [ ] 1.1 …`) with their own text: their lines and non-task items under them. */
function listTasks(doc: SpecDocument, file: string): TaskItem[] {
  const out: TaskItem[] = [];
  const visit = (blocks: readonly Block[]): void => {
    for (const block of blocks) {
      if (block.kind !== 'list') continue;
      for (const item of block.items) {
        const task = taskOf(item, file);
        if (task) out.push(task);
        else visit(item.blocks);
      }
    }
  };
  visit(doc.preamble);
  for (const section of doc.sections) visit(section.blocks);
  return out;
}

function taskOf(item: ListItem, file: string): TaskItem | undefined {
  const match = NUMBERED.exec(item.text.trim());
  if (!match) return undefined;
  const own: string[] = [item.text];
  const subtasks: TaskItem[] = [];
  for (const block of item.blocks.slice(1)) {
    if (block.kind === 'paragraph') own.push(block.text);
    if (block.kind !== 'list') continue;
    for (const sub of block.items) {
      const task = taskOf(sub, file);
      if (task) subtasks.push(task);
      else own.push(sub.fullText);
    }
  }
  const title = (match[2] ?? '').split('\n')[0]?.trim() ?? '';
  return { number: match[1] ?? '', title, line: item.line, file, own: keysOf(own.join('\n')), subtasks };
}
