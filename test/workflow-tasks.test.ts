// Invariant: generateTasks derives tasks.md from the Build Order (files, rules, dependencies, requirement ids per
// step), and running it again after the spec changed rewrites only the generated block: checked boxes, notes under a
// task and text outside the markers stay; a tasks.md with broken or missing markers is reported, never overwritten.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTasks } from '../src/workflow/tasks.js';
import fc from 'fast-check';
import type { BuildStep } from '../src/workflow/build-steps.js';
import { END_MARKER, readTasksFile, renderTasks, START_MARKER } from '../src/workflow/tasks-file.js';
import { makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

const SPEC_PATH = 'tasks/prd-order-webhooks/techspec.md';
const TASKS_PATH = 'tasks/prd-order-webhooks/tasks.md';

function spec(buildOrder: readonly string[]): string {
  return [
    '# Tech Spec: Order webhooks',
    '',
    '## Development Sequencing',
    '',
    '### Build Order',
    '',
    ...buildOrder,
    '',
    '### Technical Dependencies',
    '',
    '- Postgres 15, already used by the order service.',
    '- The partner sandbox for signature checks.',
    '',
    '## Technical Considerations',
    '',
    '### Standards Compliance',
    '',
    '- `.kilocode/rules/http-api.md`',
    '- `.kilocode/rules/testing.md`',
    '',
    '### Relevant Files',
    '',
    '- `src/http/routes.ts` — where the routes are registered',
    '- `src/webhooks/dispatcher.ts` (new)',
    '- `src/webhooks/signature.ts` (new)',
    '',
  ].join('\n');
}

const STEPS = [
  '1. Data models first, because every other component reads them (RF-01).',
  '2. `WebhookDispatcher` after the models, for RF-02:',
  '   - write one delivery row per subscription',
  '   - compute the `Signature` header (RF02)',
  '3. `WebhookRoutes` last, since they expose what is stored (REQ-7).',
];

const REPO = {
  '.kilocode/rules/http-api.md': '# HTTP API\n\nApplies to: `src/http/**`\n\n- Routes under /api/v0.\n',
  '.kilocode/rules/testing.md': '# Testing\n\n- Mock only external services.\n',
  'src/http/routes.ts': 'export const routes = [];\n',
  [SPEC_PATH]: spec(STEPS),
};

const block = (lines: readonly string[]): string =>
  [START_MARKER, '', ...lines, '', END_MARKER, ''].join('\n');
const HEAD =
  '# Tasks: Order webhooks\n\nDerived from [techspec.md](techspec.md) (Development Sequencing) by `techspec tasks`.\n\n';

const FIRST = [
  '- [ ] 1.0 Data models first, because every other component reads them (RF-01)',
  '  - Section: development-sequencing/build-order (step 1)',
  '  - Depends on: Postgres 15, already used by the order service',
  '  - Requirements: RF-01',
  '- [ ] 2.0 `WebhookDispatcher` after the models, for RF-02:',
  '  - Section: development-sequencing/build-order (step 2)',
  '  - Files: `src/webhooks/dispatcher.ts` (new), `src/webhooks/signature.ts` (new)',
  '  - Depends on: 1.0; The partner sandbox for signature checks',
  '  - Requirements: RF-02',
  '  - [ ] 2.1 write one delivery row per subscription',
  '  - [ ] 2.2 compute the `Signature` header (RF02)',
  '- [ ] 3.0 `WebhookRoutes` last, since they expose what is stored (REQ-7)',
  '  - Section: development-sequencing/build-order (step 3)',
  '  - Files: `src/http/routes.ts`',
  '  - Rules: `.kilocode/rules/http-api.md`',
  '  - Depends on: 2.0',
  '  - Requirements: REQ-7',
  '  - [ ] 3.1 Change `src/http/routes.ts`',
];

describe('generateTasks', () => {
  it('derives tasks.md beside the spec: build order, files, rules, dependencies, requirement ids', () => {
    const root = makeRepo(REPO);
    const result = generateTasks(root, SPEC_PATH);
    expect(result).toEqual({
      path: TASKS_PATH,
      content: HEAD + block(FIRST),
      changed: true,
      tasks: 3,
      removed: [],
    });
    expect(readFileSync(path.join(root, TASKS_PATH), 'utf8')).toBe(result.content);
    expect(generateTasks(root, 'order-webhooks').changed).toBe(false);
  });

  it('keeps checked boxes, notes under tasks and text outside the markers when the spec changes', () => {
    const root = makeRepo(REPO);
    generateTasks(root, SPEC_PATH);
    const file = path.join(root, TASKS_PATH);
    const edited = readFileSync(file, 'utf8')
      .replace('Development Sequencing) by `techspec tasks`.', '$&\n\nOwner: Ana.')
      .replace('- [ ] 1.0 Data models', '- [x] 1.0 Data models')
      .replace('  - [ ] 2.1 write one', '  - [X] 2.1 write one')
      .replace('  - Requirements: RF-02\n', '  - Requirements: RF-02\n  - waiting for the DBA review\n')
      .replace('per subscription\n', 'per subscription\n    see the migration PR\n')
      .replace(END_MARKER, `${END_MARKER}\n\nDone when all boxes are ticked.`);
    writeFileSync(file, edited);
    // A step inserted before the dispatcher: numbers shift, titles still match.
    const changed = [
      STEPS[0] ?? '',
      '2. A migration for the delivery table, after the models.',
      ...STEPS.slice(1),
    ].map((line, i) => (i >= 2 ? line.replace(/^(\d)\./, (_, n: string) => `${Number(n) + 1}.`) : line));
    writeFileSync(path.join(root, SPEC_PATH), spec(changed));
    const result = generateTasks(root, SPEC_PATH);
    expect(result.removed).toEqual([]);
    expect(result.content).toBe(
      HEAD.replace('`techspec tasks`.\n', '`techspec tasks`.\n\nOwner: Ana.\n') +
        [
          START_MARKER,
          '',
          ...[
            '- [x] 1.0 Data models first, because every other component reads them (RF-01)',
            '  - Section: development-sequencing/build-order (step 1)',
            '  - Depends on: Postgres 15, already used by the order service',
            '  - Requirements: RF-01',
            '- [ ] 2.0 A migration for the delivery table, after the models',
            '  - Section: development-sequencing/build-order (step 2)',
            '  - Depends on: 1.0',
            '- [ ] 3.0 `WebhookDispatcher` after the models, for RF-02:',
            '  - Section: development-sequencing/build-order (step 3)',
            '  - Files: `src/webhooks/dispatcher.ts` (new), `src/webhooks/signature.ts` (new)',
            '  - Depends on: 2.0; The partner sandbox for signature checks',
            '  - Requirements: RF-02',
            '  - waiting for the DBA review',
            '  - [x] 3.1 write one delivery row per subscription',
            '    see the migration PR',
            '  - [ ] 3.2 compute the `Signature` header (RF02)',
            '- [ ] 4.0 `WebhookRoutes` last, since they expose what is stored (REQ-7)',
            '  - Section: development-sequencing/build-order (step 4)',
            '  - Files: `src/http/routes.ts`',
            '  - Rules: `.kilocode/rules/http-api.md`',
            '  - Depends on: 3.0',
            '  - Requirements: REQ-7',
            '  - [ ] 4.1 Change `src/http/routes.ts`',
          ],
          '',
          END_MARKER,
          '',
          'Done when all boxes are ticked.',
          '',
        ].join('\n'),
    );
    expect(generateTasks(root, SPEC_PATH).changed).toBe(false);
  });

  it('keeps the notes of a task the spec no longer gives, and names it', () => {
    const root = makeRepo(REPO);
    generateTasks(root, SPEC_PATH);
    const file = path.join(root, TASKS_PATH);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('  - [ ] 3.1 Change', '  note on routes\n  - [ ] 3.1 Change'),
    );
    writeFileSync(path.join(root, SPEC_PATH), spec(STEPS.slice(0, 4)));
    const result = generateTasks(root, SPEC_PATH);
    expect(result.removed).toEqual([
      '3.0 `WebhookRoutes` last, since they expose what is stored (REQ-7)',
      '3.1 Change `src/http/routes.ts`',
    ]);
    expect(result.content).toBe(
      HEAD +
        block([
          ...FIRST.slice(0, 11),
          '<!-- notes of 3.0 `WebhookRoutes` last, since they expose what is stored (REQ-7), no longer in the spec: -->',
          '  note on routes',
        ]),
    );
  });

  it('reports broken markers with their line and leaves the file as it was, unless forced', () => {
    const root = makeRepo(REPO);
    const file = path.join(root, TASKS_PATH);
    const twice = `# Tasks\n\n${START_MARKER}\n- [ ] 1.0 A\n${START_MARKER}\n${END_MARKER}\n`;
    writeFileSync(file, twice);
    expect(() => generateTasks(root, SPEC_PATH)).toThrow(
      `${TASKS_PATH}:5: A second start marker, expected one \`techspec:tasks:start\` and one \`techspec:tasks:end\` marker around the generated tasks; fix the markers or pass --force to rewrite the file`,
    );
    writeFileSync(file, `# Tasks\n\n${START_MARKER}\n- [ ] 1.0 A\n`);
    expect(() => generateTasks(root, SPEC_PATH)).toThrow(
      `${TASKS_PATH}:3: A start marker that is never closed`,
    );
    writeFileSync(file, `# Tasks\n${END_MARKER}\n${START_MARKER}\n`);
    expect(() => generateTasks(root, SPEC_PATH)).toThrow(
      `${TASKS_PATH}:2: The end marker comes before the start marker`,
    );
    writeFileSync(file, '# My own tasks\n\n- [ ] 1.0 Write it\n');
    expect(() => generateTasks(root, SPEC_PATH)).toThrow(
      `${TASKS_PATH} exists without techspec markers, expected a file written by \`techspec tasks\`; pass --force to replace it`,
    );
    expect(readFileSync(file, 'utf8')).toBe('# My own tasks\n\n- [ ] 1.0 Write it\n');
    expect(generateTasks(root, SPEC_PATH, { force: true }).content).toBe(HEAD + block(FIRST));
  });

  it('computes without writing when told so, and keeps CRLF line endings', () => {
    const root = makeRepo(REPO);
    const result = generateTasks(root, SPEC_PATH, { write: false });
    expect(result.changed).toBe(true);
    expect(existsSync(path.join(root, TASKS_PATH))).toBe(false);
    writeFileSync(path.join(root, TASKS_PATH), result.content.replace(/\n/g, '\r\n'));
    expect(generateTasks(root, SPEC_PATH)).toMatchObject({ changed: false });
  });

  it('reads Build Order steps written as sub-headings, with their lists as subtasks', () => {
    const text = [
      '# Tech Spec: Phases',
      '',
      '## Development Sequencing',
      '',
      '### Build Order',
      '',
      '#### Phase 1: storage (RF-01)',
      '',
      '- the table',
      '- the migration',
      '',
      '#### Phase 2: API',
      '',
      'Routes once storage exists.',
      '',
    ].join('\n');
    const root = makeRepo({ 'tasks/prd-phases/techspec.md': text });
    const content = generateTasks(root, 'phases', { write: false }).content;
    expect(content.slice(content.indexOf('- [ ] 1.0'), content.indexOf(END_MARKER))).toBe(
      [
        '- [ ] 1.0 Phase 1: storage (RF-01)',
        '  - Section: development-sequencing/build-order (step 1)',
        '  - Requirements: RF-01',
        '  - [ ] 1.1 the table',
        '  - [ ] 1.2 the migration',
        '- [ ] 2.0 Phase 2: API',
        '  - Section: development-sequencing/build-order (step 2)',
        '  - Depends on: 1.0',
        '',
        '',
      ].join('\n'),
    );
  });

  it('refuses a spec outside the repository, an unknown one, and a Build Order still holding the guidance', () => {
    const root = makeRepo({
      ...REPO,
      'tasks/prd-draft/techspec.md':
        '# Tech Spec: Draft\n\n## Development Sequencing\n\n### Build Order\n\n[Define implementation sequence:\n\n1. First component/feature (why first)]\n',
    });
    expect(() => generateTasks(root, '../techspec.md')).toThrow(
      `Invalid spec "../techspec.md": it lies outside the project root ${root}, expected a path inside it`,
    );
    expect(() => generateTasks(root, 'refunds')).toThrow(
      'Unknown feature "refunds", expected one of: draft, order-webhooks',
    );
    expect(() => generateTasks(root, 'draft')).toThrow(
      'tasks/prd-draft/techspec.md: The Build Order still holds the template guidance (line 7), expected the steps written',
    );
    expect(existsSync(path.join(root, 'tasks/prd-draft/tasks.md'))).toBe(false);
  });
});

describe('tasks.md merge properties', () => {
  const step = (number: number, substeps: string[]): BuildStep => ({
    number,
    title: `Step ${number}`,
    substeps,
    files: [],
    rules: [],
    dependsOn: number > 1 ? [`${number - 1}.0`] : [],
    requirements: [],
  });
  const header = { title: 'Tasks: X', intro: 'Intro.' };
  const noteArb = fc
    .stringMatching(/^ {2,4}[a-z][a-z ]{0,20}$/)
    .filter((line) => !/^ {2}- /.test(line) && line.trim() !== '');

  it('keeps every note and checked box, and a second run changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), noteArb), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (subCounts, notes, checks) => {
          const steps = subCounts.map((count, i) =>
            step(
              i + 1,
              Array.from({ length: count }, (_, j) => `sub ${i + 1}.${j + 1}`),
            ),
          );
          const first = renderTasks(steps, undefined, header).content.split('\n');
          const taskLines = first.flatMap((line, i) => (/^ *- \[ \] \d+\.\d+ /.test(line) ? [i] : []));
          const edited = [...first];
          for (const at of checks) {
            const index = taskLines[at % taskLines.length] ?? 0;
            edited[index] = (edited[index] ?? '').replace('[ ]', '[x]');
          }
          // Notes go right after a task line's generated lines: after a parent's meta lines, or after a subtask.
          const placed = notes.map(([at, note]) => ({ index: taskLines[at % taskLines.length] ?? 0, note }));
          for (const { index, note } of [...placed].sort((a, b) => b.index - a.index)) {
            let after = index + 1;
            while (/^ {2}- (Section|Depends on): /.test(edited[after] ?? '')) after++;
            edited.splice(after, 0, note);
          }
          const text = edited.join('\n');
          const again = renderTasks(steps, readTasksFile(text, 'tasks.md'), header).content;
          expect(again).toBe(text);
          expect(renderTasks(steps, readTasksFile(again, 'tasks.md'), header).content).toBe(again);
        },
      ),
      { numRuns: 200 },
    );
  });
});
