// PRD → spec → tasks coverage of one feature: which spec sections and which tasks cite each requirement of its PRD,
// and which tasks cite none.
import { readFileSync } from 'node:fs';
import { lintConfigOf } from '../lint/config.js';
import { asWorkspace, type Workspace } from '../workspace/workspace.js';
import { parseFor } from '../spec/parse.js';
import { resolveInside } from '../confine.js';
import type { SpecDocument } from '../spec/model.js';
import { parseSpec } from '../spec/parse.js';
import { findFeature, listFeatures } from '../workspace/features.js';
import { readRequirements, type Requirement } from './requirements.js';
import { keysOf, readTaskLayout, type TaskItem, type TaskLayout } from './task-layouts.js';

export interface TracedRequirement extends Requirement {
  /** Template section ids (or titles, for sections the template lacks) of the spec that cite it. */
  sections: string[];
  /** Numbers of the tasks (`2.0`, `2.1`) whose own lines cite it. */
  tasks: string[];
}

export interface TracedTask {
  number: string;
  title: string;
  line: number;
  /** Requirement ids its own lines or its subtasks cite, as written. */
  requirements: string[];
}

/** An id cited in the spec or tasks that the PRD does not define. */
export interface UnknownCitation {
  id: string;
  file: 'spec' | 'tasks';
  /** The section id or task number that cites it. */
  where: string;
}

export interface TraceCounts {
  requirements: number;
  /** Requirements some spec section cites. */
  inSpec: number;
  /** Requirements some task cites. */
  inTasks: number;
  /** Requirements no task cites: what makes `techspec trace` exit 1. */
  withoutTask: number;
  /** Parent tasks. */
  tasks: number;
  tasksWithoutRequirement: number;
}

export interface TraceReport {
  feature: string;
  dir: string;
  prd?: string;
  spec?: string;
  tasks?: string;
  requirements: TracedRequirement[];
  /** Every parent task (`1.0`, `2.0`) with what it and its subtasks cite. */
  taskList: TracedTask[];
  /** The parent tasks that cite no requirement, themselves or through a subtask. */
  uncitedTasks: TracedTask[];
  unknown: UnknownCitation[];
  counts: TraceCounts;
  /** Files missing or unreadable, PRDs without requirements: one line each. */
  problems: string[];
  /** How the tasks were read: per-task files, tasks.md's table, its checkbox or numbered list, or none found. */
  taskLayout: TaskLayout;
  /** The files the tasks were read from. */
  taskFiles: string[];
}

/** Traces `feature` (its name, folder or spec path). Throws TechspecError NOT_FOUND for an unknown feature. */
export function traceFeature(root: string | Workspace, feature: string): TraceReport {
  const workspace = asWorkspace(root);
  const base = workspace.root;
  const config = lintConfigOf(workspace);
  const files = workspace.files;
  const found = findFeature(listFeatures(files, config.specs), feature);
  const problems: string[] = [];
  const read = (rel: string | undefined): string | undefined => {
    if (rel === undefined) return undefined;
    try {
      return readFileSync(resolveInside(base, rel, 'feature').abs, 'utf8');
    } catch (error) {
      problems.push(`${rel}: Cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return undefined;
    }
  };
  const prdText = read(found.prd);
  const requirements =
    prdText === undefined ? [] : readRequirements(parseSpec(prdText, { path: found.prd ?? 'prd.md' }));
  if (found.prd === undefined)
    problems.push(`${found.dir}: No prd.md, expected the PRD whose requirements to trace`);
  else if (prdText !== undefined && requirements.length === 0) {
    problems.push(
      `${found.prd}: No requirement found, expected ids such as RF-01 or FR-1, or numbered lists under a Functional Requirements or Goals heading`,
    );
  }
  const specText = read(found.spec);
  const sections = specText === undefined ? [] : specCitations(parseFor(specText, found.spec ?? '', config));
  const layout = readTaskLayout(found.dir, files, found.tasks, read);
  return {
    ...report(found, requirements, sections, layout.tasks, problems),
    taskLayout: layout.layout,
    taskFiles: layout.files,
  };
}

interface Citing {
  /** Section id or task number. */
  where: string;
  keys: Map<string, string>;
}

/** Each section's own lines (heading to the next heading) and the ids they cite. */
function specCitations(doc: SpecDocument): Citing[] {
  return doc.sections.map((section, index) => {
    const next = doc.sections[index + 1];
    const end = next ? next.heading.line - 1 : doc.lines.length;
    const text = doc.lines.slice(section.heading.line - 1, end).join('\n');
    return { where: section.id ?? section.title, keys: keysOf(text) };
  });
}

function report(
  found: { feature: string; dir: string; prd?: string; spec?: string; tasks?: string },
  requirements: readonly Requirement[],
  sections: readonly Citing[],
  tasks: readonly TaskItem[],
  problems: string[],
): Omit<TraceReport, 'taskLayout' | 'taskFiles'> {
  const flat = (task: TaskItem): TaskItem[] => [task, ...task.subtasks.flatMap(flat)];
  const taskCitings = tasks.flatMap(flat).map((task) => ({ where: task.number, keys: task.own }));
  const known = new Set(requirements.map((requirement) => requirement.key));
  const traced = requirements.map((requirement) => ({
    ...requirement,
    sections: unique(sections.filter((s) => s.keys.has(requirement.key)).map((s) => s.where)),
    tasks: taskCitings.filter((t) => t.keys.has(requirement.key)).map((t) => t.where),
  }));
  const taskList = tasks.map((task) => {
    const ids = new Map(flat(task).flatMap((each) => [...each.own]));
    return { number: task.number, title: task.title, line: task.line, requirements: [...ids.values()] };
  });
  const unknown = [...unknownIn(sections, known, 'spec'), ...unknownIn(taskCitings, known, 'tasks')];
  const uncitedTasks = taskList.filter((task) => task.requirements.length === 0);
  return {
    feature: found.feature,
    dir: found.dir,
    ...(found.prd === undefined ? {} : { prd: found.prd }),
    ...(found.spec === undefined ? {} : { spec: found.spec }),
    ...(found.tasks === undefined ? {} : { tasks: found.tasks }),
    requirements: traced,
    taskList,
    uncitedTasks,
    unknown,
    counts: {
      requirements: traced.length,
      inSpec: traced.filter((r) => r.sections.length > 0).length,
      inTasks: traced.filter((r) => r.tasks.length > 0).length,
      withoutTask: traced.filter((r) => r.tasks.length === 0).length,
      tasks: taskList.length,
      tasksWithoutRequirement: uncitedTasks.length,
    },
    problems,
  };
}

function unknownIn(
  citings: readonly Citing[],
  known: ReadonlySet<string>,
  file: 'spec' | 'tasks',
): UnknownCitation[] {
  return citings.flatMap((citing) =>
    [...citing.keys].filter(([key]) => !known.has(key)).map(([, id]) => ({ id, file, where: citing.where })),
  );
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
