// Invariant: a project's own template (here a Portuguese translation of the default one, plus one section of its
// own) keeps every content rule working: its headings map onto the known section ids, the ones that map onto
// nothing are listed, and a spec linted with it gets the same findings as with the default template.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/lint/config.js';
import { lintFiles } from '../src/lint/files.js';
import { loadDefaultTemplate } from '../src/spec/default-template.js';
import { PRESETS } from '../src/spec/presets.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const reference = loadDefaultTemplate();
const portuguese = PRESETS['pt-BR'] ?? {};

/** The default template with each heading in Portuguese (the preset's first title) and an E2E section added. */
function portugueseTemplate(): string {
  let text = reference.text;
  for (const section of reference.sections) {
    const title = portuguese[section.id]?.[0];
    if (title === undefined) continue;
    const hashes = '#'.repeat(section.level);
    text = text.replace(`\n${hashes} ${section.title}\n`, `\n${hashes} ${title}\n`);
  }
  return text.replace(
    '\n## Sequenciamento de Desenvolvimento',
    '\n### Testes E2E\n\n[Fluxos ponta a ponta que o time cobre.]\n\n## Sequenciamento de Desenvolvimento',
  );
}

/** A Portuguese spec with every section written, an endpoint with a made-up method and a rule file that is absent. */
function spec(): string {
  const body = reference.sections.map((section) => {
    const title = portuguese[section.id]?.[0] ?? section.title;
    const hashes = '#'.repeat(section.level);
    if (section.id === 'implementation-design/api-endpoints') {
      return `${hashes} ${title}\n\n- \`FETCH /api/v0/x\`: lê o recurso\n- \`GET /api/v1/faturas\`: lista as faturas\n`;
    }
    if (section.id === 'technical-considerations/standards-compliance') {
      return `${hashes} ${title}\n\n- \`.claude/rules/nao-existe.md\`: regras de API\n`;
    }
    if (section.id === 'technical-considerations/relevant-files') {
      return `${hashes} ${title}\n\n- \`src/faturas.ts\`\n- \`src/ausente.ts\`\n`;
    }
    if (section.id === 'testing-approach/integration-tests') {
      return `${hashes} ${title}\n\nBanco real em contêiner.\n\n### Testes E2E\n\nO fluxo de exportação inteiro.\n`;
    }
    if (section.id === 'development-sequencing/build-order') {
      return `${hashes} ${title}\n\n1. Modelo de dados, porque tudo depende dele\n2. API, depois do modelo\n`;
    }
    return `${hashes} ${title}\n\nO que a seção diz sobre a exportação de faturas.\n`;
  });
  return `# Especificação Técnica: Exportação de faturas\n\n${body.join('\n')}`;
}

function project(config: Record<string, unknown>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'techspec-template-'));
  made.push(root);
  const files: Record<string, string> = {
    'techspec.config.json': JSON.stringify(config),
    'docs/modelo-techspec.md': portugueseTemplate(),
    '.claude/rules/api.md': '# API\n\nUse /api/v1.\n',
    'src/faturas.ts': 'export const faturas = [];\n',
    '.specs/prd-faturas/techspec.md': spec(),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  // A repository: the checks against its files (rule files, Relevant Files) run only inside one.
  execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

async function findings(root: string): Promise<string[]> {
  const report = await lintFiles(['.specs/prd-faturas/techspec.md'], { cwd: root });
  return (report.results[0]?.diagnostics ?? []).map((d) => `${d.line} ${d.ruleId} ${d.messageId}`);
}

describe('a custom template', () => {
  it('maps its headings onto the known section ids and lists the ones it could not map', () => {
    const root = project({ template: 'docs/modelo-techspec.md' });
    const config = loadConfig({ cwd: root });
    const ids = config.template.sections.map((s) => s.id);
    expect(ids).toEqual([
      ...reference.sections
        .map((s) => s.id)
        .slice(
          0,
          reference.sections.findIndex((s) => s.id === 'development-sequencing'),
        ),
      'testing-approach/testes-e2e',
      ...reference.sections
        .map((s) => s.id)
        .slice(reference.sections.findIndex((s) => s.id === 'development-sequencing')),
    ]);
    expect(config.template.unmapped).toEqual(['Testes E2E']);
    const interfaces = config.template.sections.find((s) => s.id === 'implementation-design/main-interfaces');
    expect(interfaces?.title).toBe('Interfaces Principais');
    expect(interfaces?.constraints.maxExampleLines).toBe(20);
  });

  it('gives a spec the same findings as the default template (endpoint format, missing rule file, missing file)', async () => {
    // Those three rules are in the strict preset.
    const withDefault = await findings(project({ extends: 'strict' }));
    const withCustom = await findings(project({ extends: 'strict', template: 'docs/modelo-techspec.md' }));
    expect(withDefault.map((f) => f.split(' ')[1])).toEqual(
      expect.arrayContaining([
        'api-endpoint-format',
        'standards-compliance-references',
        'relevant-files-exist',
      ]),
    );
    expect(withCustom).toStrictEqual(withDefault);
  });
});
