// Invariant: `techspec lsp` answers every request it advertises over a real JSON-RPC connection with what the
// library says of the same text (lint, fixes, context, drift), for specs only, and keeps serving after bad input.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  Hover,
  Location,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { lintFiles, lintSource } from '../src/lint/files.js';
import { makeRepo, removeRepos } from './context-repos.js';
import { exampleFiles, startClient, uriOf, type TestClient } from './lsp-client.js';

const SPEC = 'tasks/prd-order-webhooks/techspec.md';

/** The example spec with a mojibake word, a type and an endpoint the code has. */
function flawedSpec(): string {
  return (exampleFiles()[SPEC] ?? '')
    .replace('signed JSON payloads.', 'signed JSON payloads, cafÃ© style.')
    .replace('### Data Models\n\n', '### Data Models\n\n- `Order { id, status }`\n')
    .replace('### API Endpoints\n\n', '### API Endpoints\n\n- `GET /api/v0/orders/{id}` — read one order.\n');
}

let root: string;
let specUri: string;
let client: TestClient;

beforeAll(async () => {
  root = makeRepo({ ...exampleFiles(), [SPEC]: flawedSpec(), 'notes/readme.md': 'cafÃ© and TBD\n' });
  specUri = uriOf(path.join(root, SPEC));
  client = await startClient({
    root,
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
});

afterAll(async () => {
  await client.close();
  removeRepos();
});

async function openSpec(c: TestClient, uri: string, text: string): Promise<Diagnostic[]> {
  const pushed = c.nextDiagnostics(uri);
  c.open(uri, text);
  return pushed;
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle));
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  return action.edit?.changes?.[uri] ?? [];
}

describe('diagnostics', () => {
  it('pushes what `techspec lint` reports on the same text, with code, docs, severity and fix data', async () => {
    const diagnostics = await openSpec(client, specUri, flawedSpec());
    const report = await lintFiles([SPEC], { cwd: root });
    const expected = report.results[0]?.diagnostics ?? [];
    expect(expected.length).toBeGreaterThan(0);
    expect(
      diagnostics.map((d) => [
        d.code,
        d.range.start.line + 1,
        d.range.start.character + 1,
        (typeof d.message === 'string' ? d.message : d.message.value).split('\n')[0],
      ]),
    ).toEqual(expected.map((d) => [d.ruleId, d.line, d.column, d.message]));
    const mojibake = diagnostics.find((d) => d.code === 'encoding-artifacts');
    expect(mojibake?.codeDescription?.href).toMatch(/docs\/rules\/encoding-artifacts\.md$/);
    expect(mojibake?.severity).toBe(1);
    expect(mojibake?.source).toBe('techspec');
    expect((mojibake?.data as { fix?: { text: string } }).fix?.text).toBe('é');
    expect(mojibake?.range.start.line).toBe(lineOf(flawedSpec(), 'cafÃ©'));
  });

  it('gives Markdown that no spec glob matches no diagnostics', async () => {
    const uri = uriOf(path.join(root, 'notes/readme.md'));
    expect(await openSpec(client, uri, 'cafÃ© and TBD\n')).toEqual([]);
  });

  it('publishes once after a burst of changes, for the last version', async () => {
    // A debounce long enough that a starved server (load 16 on 2 cores) still reads the three notifications within
    // it: at 80 ms this test once saw versions [2, 4].
    const debounced = await startClient({ root, initializationOptions: { debounceMs: 1000 } });
    const uri = uriOf(path.join(root, 'tasks/prd-burst/techspec.md'));
    await openSpec(debounced, uri, '# Tech Spec: Burst\n\n## Executive Summary\n\nShort.\n');
    const before = debounced.published.length;
    for (let version = 2; version <= 4; version++) {
      void debounced.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [
          { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'TBD ' },
        ],
      });
    }
    await debounced.nextDiagnostics(uri, (list) => list.some((d) => d.code === 'no-template-placeholders'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = debounced.published.slice(before);
    expect(after.map((p) => p.version)).toEqual([4]);
    expect(after[0]?.version).toBe(4);
    expect(after[0]?.diagnostics.some((d) => d.code === 'no-template-placeholders')).toBe(true);
    await debounced.close();
  });

  it('answers textDocument/diagnostic (pull) and then pushes nothing', async () => {
    const puller = await startClient({ root, capabilities: { textDocument: { diagnostic: {} } } });
    puller.open(specUri, flawedSpec());
    const report = await puller.connection.sendRequest<{ kind: string; items: Diagnostic[] }>(
      'textDocument/diagnostic',
      {
        textDocument: { uri: specUri },
      },
    );
    expect(report.kind).toBe('full');
    const lint = await lintFiles([SPEC], { cwd: root });
    expect(report.items.map((d) => [d.code, d.range.start.line + 1])).toEqual(
      (lint.results[0]?.diagnostics ?? []).map((d) => [d.ruleId, d.line]),
    );
    expect(puller.published).toEqual([]);
    await puller.close();
  });

  it('adds the drift findings of `techspec check` on save', async () => {
    const saved = client.nextDiagnostics(specUri, (list) =>
      list.some((d) => String(d.code).startsWith('drift/')),
    );
    void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: specUri } });
    const diagnostics = await saved;
    // The example spec has no `baseline:`: the check says so, and still checks what exists.
    expect(diagnostics.filter((d) => String(d.code).startsWith('drift/')).map((d) => d.code)).toContain(
      'drift/no-baseline',
    );
    expect(diagnostics.find((d) => d.code === 'drift/no-baseline')?.codeDescription?.href).toMatch(
      /check\.md#/,
    );
  });
});

describe('code actions', () => {
  const text = flawedSpec();
  const line = lineOf(text, 'cafÃ©');

  async function actionsAt(uri: string, l: number): Promise<CodeAction[]> {
    return client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: l, character: 0 }, end: { line: l, character: 200 } },
      context: { diagnostics: [] },
    });
  }

  it('offers the fix as a quick fix that removes the finding', async () => {
    const actions = await actionsAt(specUri, line);
    const fix = actions.find(
      (a) => a.title.startsWith('Fix: ') && a.diagnostics?.[0]?.code === 'encoding-artifacts',
    );
    expect(fix?.kind).toBe('quickfix');
    const fixed = apply(text, editsOf(fix as CodeAction, specUri));
    expect(fixed).toContain('café style');
    expect(fixed.length).toBe(text.length - 1);
  });

  it('fixes all problems as `techspec lint --fix` does', async () => {
    const actions = await actionsAt(specUri, line);
    const all = actions.find((a) => a.title === 'Fix all techspec problems');
    const fixed = apply(text, editsOf(all as CodeAction, specUri));
    expect(fixed).not.toContain('Ã');
    const { lintText } = await import('../src/lint/engine.js');
    expect(lintText(text, { filePath: path.join(root, SPEC), fix: true }).output).toBe(fixed);
  });

  it('disables the rule for the line with a directive that silences exactly that finding', async () => {
    const actions = await actionsAt(specUri, line);
    const disable = actions.find((a) => a.title === 'Disable encoding-artifacts for this line');
    const edited = apply(text, editsOf(disable as CodeAction, specUri));
    expect(edited.split('\n')[line]).toMatch(/<!-- techspec-disable-line encoding-artifacts -->$/);
    const report = await lintFiles([SPEC], { cwd: root });
    const { lintText } = await import('../src/lint/engine.js');
    const after = lintText(edited, { filePath: path.join(root, SPEC) }).diagnostics;
    expect(after.filter((d) => d.ruleId === 'encoding-artifacts')).toEqual([]);
    expect(after.length).toBe((report.results[0]?.diagnostics.length ?? 0) - 1);
  });

  it('answers a request filtered to source.fixAll with the fix-all action only', async () => {
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: specUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(actions.map((a) => [a.title, a.kind])).toEqual([
      ['Fix all techspec problems', 'source.fixAll.techspec'],
    ]);
  });
});

describe('completion, hover, links, symbols, definition', () => {
  const text = flawedSpec();
  const complete = (l: number, character: number) =>
    client.connection.sendRequest<CompletionList>('textDocument/completion', {
      textDocument: { uri: specUri },
      position: { line: l, character },
    });

  it('completes rule files under Standards Compliance, ranked, with the reason as detail', async () => {
    const l = lineOf(text, '.kilocode/rules/testing.md');
    const list = await complete(l, 3);
    const labels = list.items.map((i) => i.label);
    expect(labels).toEqual(
      expect.arrayContaining(['.kilocode/rules/http-api.md', '.kilocode/rules/testing.md']),
    );
    const http = list.items.find((i) => i.label === '.kilocode/rules/http-api.md');
    expect(http?.detail).toMatch(/^(applies|likely|no): /);
    expect(http?.textEdit).toMatchObject({ range: { start: { line: l, character: 3 } } });
  });

  it('completes paths under Relevant Files: the ranking first, then every path by prefix', async () => {
    const l = lineOf(text, '`src/http/routes.ts`');
    const list = await complete(l, 7);
    const ranked = list.items.filter((i) => i.detail !== undefined);
    expect(ranked.length).toBeGreaterThan(0);
    const byPrefix = list.items.filter((i) => i.detail === undefined).map((i) => i.label);
    expect(byPrefix.every((label) => label.startsWith('src/'))).toBe(true);
    expect(list.items.map((i) => i.label)).toContain('src/observability/metrics.ts');
    expect(
      [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0]?.detail,
    ).toBeDefined();
  });

  it('completes the missing template headings at the start of a line', async () => {
    const short = '# Tech Spec: Short\n\n## Executive Summary\n\nWords.\n\n## \n';
    const uri = uriOf(path.join(root, 'tasks/prd-short/techspec.md'));
    await openSpec(client, uri, short);
    const list = await client.connection.sendRequest<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 6, character: 3 },
    });
    const labels = list.items.map((i) => i.label);
    expect(labels).toContain('## System Architecture');
    expect(labels).toContain('### Relevant Files');
    expect(labels).not.toContain('## Executive Summary');
  });

  it('completes headings in Portuguese for a spec written in Portuguese', async () => {
    const pt =
      '# Tech Spec: Curta\n\n## Resumo Executivo\n\nPalavras.\n\n## Arquitetura do Sistema\n\nTexto.\n\n## \n';
    const uri = uriOf(path.join(root, 'tasks/prd-curta/techspec.md'));
    await openSpec(client, uri, pt);
    const list = await client.connection.sendRequest<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 10, character: 3 },
    });
    expect(list.items.map((i) => i.label)).toContain('## Design de Implementação');
  });

  const hoverAt = (l: number, character: number) =>
    client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: specUri },
      position: { line: l, character },
    });
  const valueOf = (h: Hover | null): string => (h?.contents as { value: string } | undefined)?.value ?? '';

  it('hovers a cited rule file with its activation and assistant', async () => {
    const l = lineOf(text, '.kilocode/rules/http-api.md');
    const value = valueOf(await hoverAt(l, 6));
    expect(value).toContain('**.kilocode/rules/http-api.md**');
    expect(value).toContain('Loaded by: Kilo Code');
    expect(value).toMatch(/Activation: /);
  });

  it('hovers a listed file with its state', async () => {
    expect(valueOf(await hoverAt(lineOf(text, '`src/http/routes.ts`'), 6))).toMatch(
      /^\*\*src\/http\/routes\.ts\*\*: exists/,
    );
    expect(valueOf(await hoverAt(lineOf(text, '`src/webhooks/worker.ts`'), 6))).toContain(
      'marked as new, not created yet',
    );
  });

  it('hovers a rule id with its description and docs', async () => {
    const uri = uriOf(path.join(root, 'tasks/prd-hover/techspec.md'));
    await openSpec(
      client,
      uri,
      '# Tech Spec: H\n\n## Executive Summary\n\nTBD <!-- techspec-disable-line word-budget -->\n',
    );
    const h = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 4, character: 35 },
    });
    expect(valueOf(h)).toContain('**word-budget**');
    expect(valueOf(h)).toContain('docs/rules/word-budget.md');
  });

  it('links listed paths and cited rule files to the files', async () => {
    const links = await client.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', {
      textDocument: { uri: specUri },
    });
    const targets = links.map((link) => path.relative(root, new URL(link.target ?? '').pathname));
    expect(targets).toEqual(
      expect.arrayContaining([
        'src/http/routes.ts',
        'src/orders/order-service.ts',
        '.kilocode/rules/http-api.md',
      ]),
    );
    expect(targets).not.toContain('src/webhooks/worker.ts');
  });

  it('outlines the sections as nested symbols', async () => {
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: specUri },
    });
    expect(symbols.map((s) => s.name)).toEqual(
      (exampleFiles()[SPEC] ?? '')
        .split('\n')
        .filter((l) => /^## /.test(l))
        .map((l) => l.slice(3)),
    );
    const design = symbols.find((s) => s.name === 'Implementation Design');
    expect(design?.children?.map((c) => c.name)).toEqual(['Main Interfaces', 'Data Models', 'API Endpoints']);
    expect(design?.detail).toBe('implementation-design');
  });

  it('goes from a type and an endpoint to the code that defines them', async () => {
    const define = (l: number, character: number) =>
      client.connection.sendRequest<Location[]>('textDocument/definition', {
        textDocument: { uri: specUri },
        position: { line: l, character },
      });
    const source = readFileSync(path.join(root, 'src/orders/order-service.ts'), 'utf8').split('\n');
    const order = await define(lineOf(text, '`Order { id, status }`'), 4);
    expect(
      order.map((loc) => [path.relative(root, new URL(loc.uri).pathname), loc.range.start.line]),
    ).toEqual([['src/orders/order-service.ts', source.findIndex((l) => l.includes('interface Order '))]]);
    const routes = readFileSync(path.join(root, 'src/http/routes.ts'), 'utf8').split('\n');
    const route = await define(lineOf(text, 'GET /api/v0/orders/{id}'), 6);
    expect(
      route.map((loc) => [path.relative(root, new URL(loc.uri).pathname), loc.range.start.line]),
    ).toEqual([['src/http/routes.ts', routes.findIndex((l) => l.includes("app.get('/orders/:id'"))]]);
  });
});

describe('watching and folders', () => {
  it('registers file watchers and re-lints open specs when the config changes', async () => {
    // The registration is the server's request after `initialized`: it may still be on its way.
    for (let waited = 0; !client.asked.includes('client/registerCapability') && waited < 5000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(client.asked).toContain('client/registerCapability');
    const config = path.join(root, 'techspec.config.json');
    const before = readFileSync(config, 'utf8');
    writeFileSync(config, JSON.stringify({ rules: { 'encoding-artifacts': 'off' } }));
    const next = client.nextDiagnostics(
      specUri,
      (list) => !list.some((d) => d.code === 'encoding-artifacts'),
    );
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(config), type: 2 }],
    });
    expect((await next).length).toBeGreaterThan(0);
    writeFileSync(config, before);
    const back = client.nextDiagnostics(specUri, (list) => list.some((d) => d.code === 'encoding-artifacts'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(config), type: 2 }],
    });
    await back;
  });

  it('gives each workspace folder its own config', async () => {
    const other = makeRepo({
      'techspec.config.json': JSON.stringify({ rules: { 'encoding-artifacts': 'off' } }),
    });
    const multi = await startClient({ root, folders: [other] });
    const text = '# Tech Spec: X\n\n## Executive Summary\n\ncafÃ© here.\n';
    const inRoot = await openSpec(multi, uriOf(path.join(root, 'tasks/prd-x/techspec.md')), text);
    const inOther = await openSpec(multi, uriOf(path.join(other, 'tasks/prd-x/techspec.md')), text);
    expect(inRoot.map((d) => d.code)).toContain('encoding-artifacts');
    expect(inOther.map((d) => d.code)).not.toContain('encoding-artifacts');
    await multi.close();
  });

  it('gives a rule file the findings of `techspec rules --check`, and other Markdown none', async () => {
    const rule = '---\ndescription: Database access\nglobs: src/nowhere/**/*.ts\n---\n\n# Database\n';
    const repo = makeRepo({ '.cursor/rules/db.md': rule, 'src/a.ts': 'export {};\n', 'docs/x.md': '# X\n' });
    const own = await startClient({ root: repo });
    const found = await openSpec(own, uriOf(path.join(repo, '.cursor/rules/db.md')), rule);
    expect(found.map((d) => d.code)).toEqual(['unmatched-glob']);
    expect(found[0]?.source).toBe('techspec');
    expect(await openSpec(own, uriOf(path.join(repo, 'docs/x.md')), '# X\n')).toEqual([]);
    await own.close();
  });

  it('follows workspace folders added and removed', async () => {
    const sub = path.join(root, 'handbook');
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      path.join(sub, 'techspec.config.json'),
      JSON.stringify({ rules: { 'encoding-artifacts': 'off' } }),
    );
    const folders = await startClient({ root, capabilities: { workspace: { workspaceFolders: true } } });
    const text = '# Tech Spec: Y\n\n## Executive Summary\n\ncafÃ© here.\n';
    const uri = uriOf(path.join(sub, 'tasks/prd-y/techspec.md'));
    const codes = (list: Diagnostic[]) => list.map((d) => d.code);
    // Inside the root folder, the root's config applies.
    expect(codes(await openSpec(folders, uri, text))).toContain('encoding-artifacts');
    const added = folders.nextDiagnostics(uri, (list) => !codes(list).includes('encoding-artifacts'));
    void folders.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: uriOf(sub), name: 'handbook' }], removed: [] },
    });
    await added;
    const removed = folders.nextDiagnostics(uri, (list) => codes(list).includes('encoding-artifacts'));
    void folders.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [{ uri: uriOf(sub), name: 'handbook' }] },
    });
    await removed;
    await folders.close();
  });
});

describe('robustness', () => {
  it('answers unknown methods and bad parameters with errors or nothing, and keeps serving', async () => {
    await expect(client.connection.sendRequest('techspec/nope', {})).rejects.toMatchObject({ code: -32601 });
    const notOpen = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: uriOf(path.join(root, 'nowhere.md')) },
      position: { line: 0, character: 0 },
    });
    expect(notOpen).toBeNull();
    const garbage = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: 'not a uri' },
      position: { line: -5, character: 1e9 },
    });
    expect(garbage).toBeNull();
    const far = await client.connection.sendRequest<CompletionList | null>('textDocument/completion', {
      textDocument: { uri: specUri },
      position: { line: 99999, character: 99999 },
    });
    expect(far?.items ?? []).toEqual([]);
    await expect(
      client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri: specUri },
      }),
    ).resolves.not.toHaveLength(0);
  });

  it('lints a 1 MiB document and answers requests on it', async () => {
    const paragraph = 'The export walks every order once and writes one line per invoice. ';
    const body = paragraph.repeat(Math.ceil((1024 * 1024) / paragraph.length));
    const big = `# Tech Spec: Big\n\n## Executive Summary\n\n${body}\n`;
    expect(Buffer.byteLength(big)).toBeGreaterThanOrEqual(1024 * 1024);
    const uri = uriOf(path.join(root, 'tasks/prd-big/techspec.md'));
    const diagnostics = await openSpec(client, uri, big);
    // What `techspec lint --stdin --stdin-filename tasks/prd-big/techspec.md` reports.
    const report = lintSource(big, { cwd: root, filename: 'tasks/prd-big/techspec.md' });
    expect(diagnostics.map((d) => [d.code, d.range.start.line + 1])).toEqual(
      (report.results[0]?.diagnostics ?? []).map((d) => [d.ruleId, d.line]),
    );
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    expect(symbols.map((s) => s.name)).toEqual(['Executive Summary']);
  });

  it('serves over stdio from the built CLI, survives a malformed message, and exits 0 after shutdown', async () => {
    const spawned = await startClient({ root, spawned: true });
    const diagnostics = await openSpec(spawned, specUri, flawedSpec());
    expect(diagnostics.map((d) => d.code)).toContain('encoding-artifacts');
    // A body that is no JSON, then a message that is JSON but no request: the server reads on.
    spawned.raw('Content-Length: 9\r\n\r\n{not json');
    spawned.raw('Content-Length: 2\r\n\r\n[]');
    const symbols = await spawned.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: specUri },
    });
    expect(symbols.length).toBeGreaterThan(0);
    expect(await spawned.close()).toBe(0);
  });
});
