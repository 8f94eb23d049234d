// Invariant: trace reads the task layouts teams write — one file per task citing requirement ids, a numbered table
// in tasks.md, a checkbox list — says which one it read, keeps ids as written (`US-003`), never takes prose about
// tasks ("3.0 depends on 1.0") for tasks when a table is there, and `tasks --stdout` previews beside a tasks.md
// techspec did not write.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findIds } from '../src/workflow/requirements.js';
import { formatTrace } from '../src/workflow/trace-format.js';
import { generateTasks } from '../src/workflow/tasks.js';
import { traceFeature } from '../src/workflow/trace.js';
import { makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

const PRD =
  '# PRD\n\n## Requisitos\n\n- **US-003** Limite mensal por categoria.\n- **US-004** Alerta ao passar do limite.\n- **RF-05** Exportar em CSV.\n';
const SPEC =
  '# Especificação Técnica\n\n## Resumo Executivo\n\nCobre US-003, US-004 e RF-05.\n\n## Sequenciamento de Desenvolvimento\n\n### Ordem de Build\n\n1. Modelo de limites (US-003), primeiro porque o resto depende dele\n2. Alertas (US-004), depois do modelo\n';
const TABLE =
  '# Tarefas\n\n| # | Título | Status | Dependências |\n|---|---|---|---|\n| 1.0 | Modelo de limites | pending | — |\n| 2.0 | Alertas | pending | 1.0 |\n| 3.0 | Exportação | pending | 1.0 |\n\n## Dependências Críticas\n\n- 3.0 depende de 1.0 e paraleliza com 2.0\n- 2.0 depende de 1.0\n';

function feature(files: Record<string, string>): string {
  const dir = '.specs/prd-limites';
  return makeRepo(Object.fromEntries(Object.entries(files).map(([name, text]) => [`${dir}/${name}`, text])));
}

describe('requirement ids', () => {
  it('keeps ids joined by a slash and the dot after one, and skips ids inside file paths', () => {
    const text = 'Cobre RF-17/RF-18 e RF-14. Ver docs/us/US-003-limite.md e (docs/us/US-004.md).';
    expect(findIds(text).map((id) => id.written)).toStrictEqual(['RF-17', 'RF-18', 'RF-14']);
  });
});

describe('trace reads real task layouts', () => {
  it('per-task files cite the requirements; the table in tasks.md is not read twice', () => {
    const root = feature({
      'prd.md': PRD,
      'techspec.md': SPEC,
      'tasks.md': TABLE,
      'task-1.0-modelo-de-limites.md':
        '# Tarefa 1.0: Modelo de limites\n\n<requirements>\n- US-003: o limite\n</requirements>\n',
      'task-2.0-alertas.md': '# Tarefa 2.0: Alertas\n\n- US-004: alerta\n',
      'task-3.0-exportacao.md': '# Tarefa 3.0: Exportação\n\nAtende RF-05; ver docs/us/US-003-limite.md.\n',
    });
    const report = traceFeature(root, 'limites');
    expect(report.taskLayout).toBe('task-files');
    expect(report.taskList.map((t) => [t.number, t.title, t.requirements])).toStrictEqual([
      ['1.0', 'Modelo de limites', ['US-003']],
      ['2.0', 'Alertas', ['US-004']],
      ['3.0', 'Exportação', ['RF-05']],
    ]);
    expect(report.requirements.map((r) => [r.id, r.tasks])).toStrictEqual([
      ['US-003', ['1.0']],
      ['US-004', ['2.0']],
      ['RF-05', ['3.0']],
    ]);
    expect(report.counts.withoutTask).toBe(0);
    expect(formatTrace(report, 'table')).toContain(
      'Tasks read from one file per task in 3 files (.specs/prd-limites/task-1.0-modelo-de-limites.md …).',
    );
  });

  it('a numbered table in tasks.md, not the bullets about dependencies', () => {
    const root = feature({ 'prd.md': PRD, 'techspec.md': SPEC, 'tasks.md': TABLE });
    const report = traceFeature(root, 'limites');
    expect(report.taskLayout).toBe('table');
    expect(report.taskList.map((t) => [t.number, t.title])).toStrictEqual([
      ['1.0', 'Modelo de limites'],
      ['2.0', 'Alertas'],
      ['3.0', 'Exportação'],
    ]);
  });

  it('a checkbox list with subtasks', () => {
    const tasks =
      '# Tasks\n\n- [ ] 1.0 Limits model (US-003)\n  - [ ] 1.1 Table\n- [x] 2.0 Alerts\n  - [ ] 2.1 Send the alert for US-004\n';
    const report = traceFeature(
      feature({ 'prd.md': PRD, 'techspec.md': SPEC, 'tasks.md': tasks }),
      'limites',
    );
    expect(report.taskLayout).toBe('checkbox-list');
    expect(report.taskList.map((t) => [t.number, t.requirements])).toStrictEqual([
      ['1.0', ['US-003']],
      ['2.0', ['US-004']],
    ]);
  });

  it('tasks --stdout previews beside a tasks.md techspec did not write, and leaves it as it is', () => {
    const root = feature({ 'prd.md': PRD, 'techspec.md': SPEC, 'tasks.md': TABLE });
    const result = generateTasks(root, 'limites', { write: false });
    expect(result.content).toContain('US-003');
    expect(result.tasks).toBe(2);
    expect(readFileSync(path.join(root, '.specs/prd-limites/tasks.md'), 'utf8')).toBe(TABLE);
    expect(() => generateTasks(root, 'limites')).toThrow(/tasks\.md/);
  });
});
