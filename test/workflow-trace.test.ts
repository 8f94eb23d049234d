// Invariant: traceFeature finds every requirement of a PRD (written ids in any spelling, numbered items under
// requirement and goal headings), the spec sections and tasks that cite each, the tasks citing none and the ids cited
// that the PRD lacks; the table and JSON say exactly that.
import { describe, expect, it, afterAll } from 'vitest';
import { findIds, readRequirements } from '../src/workflow/requirements.js';
import { parseSpec } from '../src/spec/parse.js';
import { formatTrace } from '../src/workflow/trace-format.js';
import { traceFeature } from '../src/workflow/trace.js';
import { makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

const PRD = [
  '# PRD: Refunds',
  '',
  '## Goals',
  '',
  '1. Customers get their money back within a week.',
  '2. Support spends less time on refunds.',
  '',
  '## Requisitos Funcionais',
  '',
  '- **RF-01** Um cliente pede o reembolso de um pedido pago.',
  '- **RF-02** O reembolso volta ao meio de pagamento original.',
  '',
  '| id | requirement |',
  '| --- | --- |',
  '| NFR-1 | Refund requests answer within 300 ms. |',
  '',
].join('\n');

const SPEC = [
  '# Tech Spec: Refunds',
  '',
  '## Executive Summary',
  '',
  'Refunds (RF01, G-1) go back through the payment provider.',
  '',
  '## Development Sequencing',
  '',
  '### Build Order',
  '',
  '1. The refund model first (RF-1), because the rest stores it.',
  '2. The provider client after the model, for RF-02.',
  '',
  '## Monitoring and Observability',
  '',
  '- `refund_duration_seconds` for NFR-1 and RF-99.',
  '',
].join('\n');

const TASKS = [
  '# Tasks',
  '',
  '- [ ] 1.0 The refund model first (RF-1)',
  '  - Requirements: RF-1',
  '  - [ ] 1.1 Migration',
  '- [x] 2.0 The provider client',
  '  - [ ] 2.1 Call the provider API for RF-02',
  '  - [ ] 2.2 Retry on REQ-4',
  '- [ ] 3.0 Dashboards',
  '',
].join('\n');

describe('requirement ids', () => {
  it('reads every spelling of an id as one key, and not parts of other words', () => {
    expect(findIds('RF-01, RF01, RF-1, rf-2, XRF-3, FR_2, US#4, REQ-12b, G1, G-1, OBJ#2, NFR-3.')).toEqual([
      { written: 'RF-01', key: 'RF-1' },
      { written: 'FR_2', key: 'FR-2' },
      { written: 'US#4', key: 'US-4' },
      { written: 'G-1', key: 'G-1' },
      { written: 'OBJ#2', key: 'OBJ-2' },
      { written: 'NFR-3', key: 'NFR-3' },
    ]);
  });

  it('names numbered items under requirement and goal headings by heading and position', () => {
    const requirements = readRequirements(parseSpec(PRD));
    expect(requirements.map(({ id, key, heading, line }) => ({ id, key, heading, line }))).toEqual([
      { id: 'G#1', key: 'G-1', heading: 'Goals', line: 5 },
      { id: 'G#2', key: 'G-2', heading: 'Goals', line: 6 },
      { id: 'RF-01', key: 'RF-1', heading: 'Requisitos Funcionais', line: 10 },
      { id: 'RF-02', key: 'RF-2', heading: 'Requisitos Funcionais', line: 11 },
      { id: 'NFR-1', key: 'NFR-1', heading: 'Requisitos Funcionais', line: 15 },
    ]);
    expect(requirements[2]?.text).toBe('Um cliente pede o reembolso de um pedido pago.');
    expect(requirements[4]?.text).toBe('Refund requests answer within 300 ms.');
  });
});

describe('traceFeature', () => {
  const files = {
    'tasks/prd-refunds/prd.md': PRD,
    'tasks/prd-refunds/techspec.md': SPEC,
    'tasks/prd-refunds/tasks.md': TASKS,
  };

  it('reports which sections and tasks cite each requirement, the tasks citing none and unknown ids', () => {
    const root = makeRepo(files);
    const report = traceFeature(root, 'refunds');
    expect(report.requirements.map(({ id, sections, tasks }) => ({ id, sections, tasks }))).toEqual([
      { id: 'G#1', sections: ['executive-summary'], tasks: [] },
      { id: 'G#2', sections: [], tasks: [] },
      { id: 'RF-01', sections: ['executive-summary', 'development-sequencing/build-order'], tasks: ['1.0'] },
      { id: 'RF-02', sections: ['development-sequencing/build-order'], tasks: ['2.1'] },
      { id: 'NFR-1', sections: ['monitoring-and-observability'], tasks: [] },
    ]);
    expect(report.taskList).toEqual([
      { number: '1.0', title: 'The refund model first (RF-1)', line: 3, requirements: ['RF-1'] },
      { number: '2.0', title: 'The provider client', line: 6, requirements: ['RF-02', 'REQ-4'] },
      { number: '3.0', title: 'Dashboards', line: 9, requirements: [] },
    ]);
    expect(report.uncitedTasks.map((task) => task.number)).toEqual(['3.0']);
    expect(report.unknown).toEqual([
      { id: 'RF-99', file: 'spec', where: 'monitoring-and-observability' },
      { id: 'REQ-4', file: 'tasks', where: '2.2' },
    ]);
    expect(report.counts).toEqual({
      requirements: 5,
      inSpec: 4,
      inTasks: 2,
      withoutTask: 3,
      tasks: 3,
      tasksWithoutRequirement: 1,
    });
    expect(report.problems).toEqual([]);
    expect(traceFeature(root, 'tasks/prd-refunds/techspec.md').feature).toBe('refunds');
  });

  it('prints an aligned table', () => {
    const root = makeRepo(files);
    expect(formatTrace(traceFeature(root, 'refunds'), 'table')).toBe(
      [
        'refunds: tasks/prd-refunds/prd.md → tasks/prd-refunds/techspec.md → tasks/prd-refunds/tasks.md',
        '',
        'requirement  spec sections                                          tasks  text',
        'G#1          executive-summary                                      —      Customers get their money back within a week.',
        'G#2          —                                                      —      Support spends less time on refunds.',
        'RF-01        executive-summary, development-sequencing/build-order  1.0    Um cliente pede o reembolso de um pedido pago.',
        'RF-02        development-sequencing/build-order                     2.1    O reembolso volta ao meio de pagamento original.',
        'NFR-1        monitoring-and-observability                           —      Refund requests answer within 300 ms.',
        '',
        'Tasks citing no requirement:',
        '  3.0 Dashboards',
        '',
        'Cited but not in the PRD: RF-99 (spec: monitoring-and-observability), REQ-4 (tasks: 2.2)',
        '',
        'Tasks read from the checkbox list in tasks/prd-refunds/tasks.md.',
        '5 requirements: 4 cited by the spec, 2 by tasks, 3 by no task; 3 tasks, 1 citing no requirement',
        '',
      ].join('\n'),
    );
  });

  it('says what is missing: no spec or tasks yet, a PRD without requirements', () => {
    const root = makeRepo({ 'tasks/prd-a/prd.md': '# PRD\n\nWe want it.\n', 'tasks/prd-b/prd.md': PRD });
    const a = traceFeature(root, 'a');
    expect(a.problems).toEqual([
      'tasks/prd-a/prd.md: No requirement found, expected ids such as RF-01 or FR-1, or numbered lists under a Functional Requirements or Goals heading',
    ]);
    const b = traceFeature(root, 'b');
    expect(b.counts).toEqual({
      requirements: 5,
      inSpec: 0,
      inTasks: 0,
      withoutTask: 5,
      tasks: 0,
      tasksWithoutRequirement: 0,
    });
    expect(() => traceFeature(root, 'c')).toThrow('Unknown feature "c", expected one of: a, b');
  });
});
