// The context engine's ranking, one signal per tiny real repository: exact ranked lists, exact reasons, exact counts.
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lexicalScores } from '../src/context/bm25.js';
import {
  buildIndex,
  rankFiles,
  tokenize,
  type RankedFile,
  type RelevanceIndex,
} from '../src/context/index.js';
import { parseQuery } from '../src/text/query.js';
import { git, makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

const noCache = { cacheDir: false } as const;

function order(ranked: readonly RankedFile[]): string[][] {
  return ranked.map((file) => [file.path, file.reason]);
}

/** Files in order of their lexical score alone (BM25F and quoted symbols), to show what the graph changes. */
function lexicalOrder(index: RelevanceIndex, text: string): string[] {
  const { scores } = lexicalScores(index, parseQuery(text));
  return index.files
    .map((file, i) => ({ path: file.path, score: scores[i] ?? 0 }))
    .filter((file) => file.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((file) => file.path);
}

describe('tokenize', () => {
  it('splits identifiers, folds case and accents, drops stop words and stems', () => {
    expect(tokenize('CardService handles the payments_due of HTTPServer; o cartão é válido')).toEqual([
      'card',
      'servic',
      'handl',
      'payment',
      'due',
      'http',
      'server',
      'cartao',
      'valido',
    ]);
  });
});

describe('rankFiles', () => {
  it('ranks by path tokens when the contents say nothing', async () => {
    const root = makeRepo({
      'src/payments/refund-handler.ts':
        'export function handle(input: string) {\n  return input.trim();\n}\n',
      'src/payments/charge.ts': 'export function run(amount: number) {\n  return amount * 2;\n}\n',
      'src/orders/list.ts': 'export function list() {\n  return [];\n}\n',
    });
    const index = await buildIndex(root, noCache);
    expect(order(rankFiles(index, { text: 'Refund a payment' }))).toEqual([
      ['src/payments/refund-handler.ts', 'matches refund, payment'],
      ['src/payments/charge.ts', 'matches payment'],
    ]);
  });

  it('ranks by the parsed query it is given, without parsing the text again', async () => {
    const root = makeRepo({
      'src/payments/refund-handler.ts': 'export function handle() {}\n',
      'src/orders/list.ts': 'export function list() {}\n',
    });
    const index = await buildIndex(root, noCache);
    // getContext parses its text once and passes the parse on; the ranking follows that parse, not `text`.
    const ranked = rankFiles(index, { text: 'orders list', parsed: parseQuery('Refund') });
    expect(ranked.map((file) => file.path)).toEqual(['src/payments/refund-handler.ts']);
  });

  it('ranks the file defining a matched symbol above the files that only use it, through the graph', async () => {
    const root = makeRepo({
      'src/domain/rules.ts':
        'export class LimitPolicy {\n  allows(amount: number) {\n    return amount < 100;\n  }\n}\n',
      'src/api/card-limits.ts': [
        "import { LimitPolicy } from '../domain/rules';",
        '// Raises or lowers the limit of a card when the policy allows the new limit.',
        'export function changeCardLimit(limit: number) {',
        '  return new LimitPolicy().allows(limit) ? limit : 0;',
        '}',
        '',
      ].join('\n'),
      'src/jobs/limit-audit.ts': [
        "import { LimitPolicy } from '../domain/rules';",
        '// Audits every card limit against the policy.',
        'export const auditLimits = (limits: number[]) => limits.filter((limit) => new LimitPolicy().allows(limit));',
        '',
      ].join('\n'),
      'src/misc/logger.ts': 'export function log(message: string) {\n  console.log(message);\n}\n',
    });
    const index = await buildIndex(root, noCache);
    const text = 'Which policy applies to card limits';
    expect(lexicalOrder(index, text)).toEqual([
      'src/api/card-limits.ts',
      'src/jobs/limit-audit.ts',
      'src/domain/rules.ts',
    ]);
    expect(order(rankFiles(index, { text }))).toEqual([
      ['src/domain/rules.ts', 'matches limits, policy; imported by src/api/card-limits.ts'],
      ['src/api/card-limits.ts', 'matches card, limits, policy'],
      ['src/jobs/limit-audit.ts', 'matches limits, card, policy'],
    ]);
  });

  it('names the symbols a file defines when the text quotes them or spells them out', async () => {
    const root = makeRepo({
      'src/cards/service.ts': 'export class CardService {\n  block() {}\n}\nexport class Card {}\n',
      'src/cards/controller.ts':
        "import { CardService } from './service';\nexport const service = new CardService();\n",
    });
    const index = await buildIndex(root, noCache);
    expect(order(rankFiles(index, { text: 'The `CardService` blocks a card' }))).toEqual([
      ['src/cards/service.ts', 'defines `CardService`, `Card`; matches blocks, card, service'],
      ['src/cards/controller.ts', 'matches card, service; imports src/cards/service.ts'],
    ]);
    expect(order(rankFiles(index, { text: 'Fix the card service' }))[0]).toEqual([
      'src/cards/service.ts',
      'defines `CardService`, `Card`; matches card, service',
    ]);
  });

  it('reads a Portuguese text through the glossary to meet English identifiers', async () => {
    const root = makeRepo({
      'src/cards/card-service.ts':
        'export class CardService {\n  block(id: string) {}\n  issue(id: string) {}\n}\n',
      'src/users/user-repository.ts': 'export class UserRepository {\n  find(id: string) {}\n}\n',
      'src/reports/statement.ts': 'export function buildStatement() {\n  return [];\n}\n',
      'src/orders/order.ts': 'export class Order {}\n',
    });
    const index = await buildIndex(root, noCache);
    expect(order(rankFiles(index, { text: 'Bloquear o cartão do usuário quando a fatura vencer' }))).toEqual([
      ['src/cards/card-service.ts', 'matches card, block'],
      ['src/users/user-repository.ts', 'matches user'],
      ['src/reports/statement.ts', 'matches statement'],
    ]);
  });

  it('ranks prose below code, unless the text asks for documentation', async () => {
    const root = makeRepo({
      'docs/payments.md':
        '# Payments\n\nHow a payment refund works: the refund of a payment goes back to the card.\n',
      'README.md': '# Shop\n\nPayments and refunds.\n',
      'src/payments/refund.ts': 'export function refundPayment(id: string) {\n  return id;\n}\n',
      'src/orders/order.ts': 'export class Order {}\n',
    });
    const index = await buildIndex(root, noCache);
    expect(order(rankFiles(index, { text: 'Refund a payment' }))).toEqual([
      ['src/payments/refund.ts', 'matches payment, refund'],
      ['docs/payments.md', 'matches payment, refund'],
      ['README.md', 'matches payment, refund'],
    ]);
    expect(
      rankFiles(index, { text: 'Document how to refund a payment in the docs' }).map((file) => file.path),
    ).toEqual(['docs/payments.md', 'src/payments/refund.ts', 'README.md']);
  });

  it('pulls the neighbours of the seeds: what they import first, then what imports them', async () => {
    const root = makeRepo({
      'src/a/seed.ts': "import { help } from '../b/helper';\nexport function seed() {\n  return help();\n}\n",
      'src/b/helper.ts': 'export function help() {\n  return 1;\n}\n',
      'src/c/consumer.ts': "import { seed } from '../a/seed';\nexport const consumer = () => seed();\n",
      'src/d/unrelated.ts': 'export const unrelated = 1;\n',
    });
    const index = await buildIndex(root, noCache);
    expect(
      order(rankFiles(index, { text: 'Improve the flow', seeds: ['./src/a/seed.ts', 'src/gone.ts'] })),
    ).toEqual([
      ['src/a/seed.ts', 'listed in the spec'],
      ['src/b/helper.ts', 'imported by src/a/seed.ts'],
      ['src/c/consumer.ts', 'imports src/a/seed.ts'],
    ]);
    expect(rankFiles(index, { text: 'Improve the flow' })).toEqual([]);
  });

  it('ranks the files a text names by path, and the files under a folder it names', async () => {
    const root = makeRepo({
      'app/internal/card/handler.go': 'package card\n\nfunc Handle() {}\n',
      'app/internal/card/store.go': 'package card\n\nfunc Save() {}\n',
      'app/internal/user/user.go': 'package user\n\nfunc Find() {}\n',
      'app/cmd/main.go': 'package main\n\nfunc main() {}\n',
    });
    const index = await buildIndex(root, noCache);
    const text =
      'The module `internal/card/` gains an endpoint; wire it in ./app/cmd/main.go (see https://example.com/app/cmd/x).';
    expect(order(rankFiles(index, { text }))).toEqual([
      ['app/cmd/main.go', 'named in the text; matches cmd, main, app'],
      ['app/internal/card/handler.go', 'in `internal/card`; matches card, internal, app'],
      ['app/internal/card/store.go', 'in `internal/card`; matches card, internal, app'],
      ['app/internal/user/user.go', 'matches internal, app'],
    ]);
  });

  // Three hundred distinct filler words (no vowels, so the stemmer leaves them alone): a text as long as a PRD.
  const letters = 'b c d f g h j k l m n p q r t v w x z'.split(' ');
  const filler = letters.flatMap((a) => letters.map((b) => `zx${a}${b}`)).slice(0, 300);

  it('in a long text, ranks the file that keeps using the main word above a file meeting several words once', async () => {
    const root = makeRepo({
      'src/refund/refund-service.ts': [
        'export function refund(id: string) {',
        '  const refundId = `refund-${id}`;',
        '  return { refundId, refunded: true, refundReason: "refund requested", refundSource: "refund desk" };',
        '}',
        '',
      ].join('\n'),
      'src/misc/catalog.ts': `export const words = ${JSON.stringify([...filler.slice(0, 3), 'refund'])};\n`,
    });
    const index = await buildIndex(root, noCache);
    const text = `Refund a payment from the refund desk. ${filler.join(' ')}`;
    // With the saturation of a short question (k1 1.2) the catalog would come first.
    expect(order(rankFiles(index, { text }))).toEqual([
      ['src/refund/refund-service.ts', 'matches refund, desk; referenced by src/misc/catalog.ts'],
      ['src/misc/catalog.ts', 'matches zxbb, zxbc, zxbd, refund'],
    ]);
  });

  it('in a long text, ranks a file the text names above a file meeting forty of its words', async () => {
    const root = makeRepo({
      'src/jobs/nightly.ts': 'export function nightly() {\n  return 1;\n}\n',
      'src/misc/catalog.ts': `export const words = ${JSON.stringify(filler.slice(0, 40))};\n`,
      'src/misc/other.ts': 'export const other = 1;\n',
    });
    const index = await buildIndex(root, noCache);
    const text = `Run src/jobs/nightly.ts after it. ${filler.join(' ')}`;
    // The named file gains half the best lexical score; without that share the catalog would come first.
    expect(order(rankFiles(index, { text }))).toEqual([
      ['src/jobs/nightly.ts', 'named in the text; matches nightly, jobs, src'],
      ['src/misc/catalog.ts', 'matches zxbb, zxbc, zxbd, zxbf, zxbg'],
      ['src/misc/other.ts', 'matches src'],
    ]);
  });

  it('keeps the k best', async () => {
    const root = makeRepo({
      'a/card.ts': 'card\n',
      'b/card.ts': 'card card\n',
      'c/card.ts': 'card card card\n',
    });
    const index = await buildIndex(root, noCache);
    expect(rankFiles(index, { text: 'card' }, { k: 2 }).map((file) => file.path)).toEqual([
      'c/card.ts',
      'b/card.ts',
    ]);
  });
});

describe('buildIndex', () => {
  it('skips and counts binaries, lock files, vendored and generated code, large, unreadable and non-UTF-8 files', async () => {
    const root = makeRepo(
      {
        'src/app.ts': 'export function main() {}\n',
        'README.md': '# App\n',
        'package-lock.json': '{}\n',
        'yarn.lock': '# yarn\n',
        'ios/Podfile.lock': 'PODS:\n',
        'vendor/lib.js': 'var x = 1;\n',
        'web/dist/app.js': 'var y = 2;\n',
        'web/.next/page.js': 'var z = 3;\n',
        'web/app.min.js': 'var a=1;\n',
        'api/user.pb.go': 'package api\n',
        'lib/model.g.dart': 'class A {}\n',
        'src/schema.ts': '// Code generated by schema-gen. DO NOT EDIT.\nexport type A = string;\n',
        'assets/logo.png': 'not even a png',
        'assets/blob.xyz': new Uint8Array([0x41, 0x00, 0x42]),
        'data/big.txt': 'x'.repeat(1024 * 1024 + 1),
        'data/latin1.txt': new Uint8Array([0x63, 0x61, 0x72, 0x74, 0xe3, 0x6f, 0x0a]),
      },
      { links: { 'loop/a': 'b', 'loop/b': 'a', 'dangling.ts': 'missing.ts' } },
    );
    const index = await buildIndex(root, noCache);
    expect(index.files.map((file) => file.path)).toEqual(['README.md', 'src/app.ts']);
    expect({ ...index.stats, ms: 0 }).toEqual({
      files: 19,
      indexed: 2,
      skipped: {
        binary: 2,
        lockfile: 3,
        vendored: 3,
        generated: 4,
        'too-large': 1,
        unreadable: 3,
        'non-utf8': 1,
      },
      parsed: 1,
      fromCache: 0,
      ms: 0,
    });
  });

  it('reuses the cache: a second run on an unchanged repository parses nothing, a changed file is read again', async () => {
    const root = makeRepo({
      'src/cards/card.ts': 'export class Card {}\n',
      'src/users/user.ts': 'export class User {}\n',
      'docs/guide.md': '# Guide\n',
      'logo.png': 'png',
    });
    const progress: [number, number][] = [];
    const first = await buildIndex(root, { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    expect({ ...first.stats, ms: 0, skipped: first.stats.skipped.binary }).toEqual({
      files: 4,
      indexed: 3,
      skipped: 1,
      parsed: 2,
      fromCache: 0,
      ms: 0,
    });
    expect(existsSync(path.join(root, '.techspec/cache/context-index.json'))).toBe(true);
    expect(git(root, 'status', '--porcelain')).toBe('');

    const second = await buildIndex(root);
    expect({ ...second.stats, ms: 0, skipped: second.stats.skipped.binary }).toEqual({
      files: 4,
      indexed: 3,
      skipped: 1,
      parsed: 0,
      fromCache: 3,
      ms: 0,
    });
    expect(rankFiles(second, { text: 'card user' })).toEqual(rankFiles(first, { text: 'card user' }));

    writeFileSync(path.join(root, 'src/users/user.ts'), 'export class User {}\nexport class Account {}\n');
    const third = await buildIndex(root);
    expect([third.stats.parsed, third.stats.fromCache]).toEqual([1, 2]);
    expect(third.files.find((file) => file.path === 'src/users/user.ts')?.defs).toEqual(['User', 'Account']);
  });

  it('builds two indexes of one repository at once, sharing the parsers and the cache folder', async () => {
    const root = makeRepo({
      'src/card.ts': 'export class Card {}\n',
      'src/user.py': 'class User:\n    pass\n',
      'src/bank.go': 'package bank\n\ntype Bank struct{}\n',
    });
    const [a, b] = await Promise.all([buildIndex(root), buildIndex(root)]);
    expect(b.files).toEqual(a.files);
    expect(a.files.map((file) => file.defs)).toEqual([['Bank'], ['Card'], ['User']]);
    expect((await buildIndex(root)).stats.fromCache).toBe(3);
  });

  it('reads again a file rewritten with the same size and mtime just after the cache was written', async () => {
    const root = makeRepo({
      'src/card.ts': 'export class Card {}\n',
      'src/user.ts': 'export class User {}\n',
    });
    const file = path.join(root, 'src/card.ts');
    const before = statSync(file);
    await buildIndex(root);
    writeFileSync(file, 'export class Bank {}\n');
    utimesSync(file, before.atime, before.mtime);
    const again = await buildIndex(root);
    expect([again.stats.parsed, again.stats.fromCache]).toEqual([1, 1]);
    expect(again.files.map((entry) => entry.defs)).toEqual([['Bank'], ['User']]);
  });

  it('ignores a cache of another version or a corrupt one, and writes none when told not to', async () => {
    const root = makeRepo({ 'src/card.ts': 'export class Card {}\n' });
    const cacheDir = path.join(root, 'elsewhere');
    await buildIndex(root, { cacheDir });
    const file = path.join(cacheDir, 'context-index.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"version":1', '"version":0'));
    expect((await buildIndex(root, { cacheDir })).stats.parsed).toBe(1);
    writeFileSync(file, '{ not json');
    expect((await buildIndex(root, { cacheDir })).stats.parsed).toBe(1);
    const fresh = makeRepo({ 'src/card.ts': 'export class Card {}\n' });
    await buildIndex(fresh, noCache);
    expect(existsSync(path.join(fresh, '.techspec'))).toBe(false);
  });

  it('indexes a folder outside git by walking it, honouring .gitignore, without following symlink loops', async () => {
    const root = makeRepo(
      {
        '.gitignore': 'tmp/\n*.log\n',
        'src/card.ts': 'export class Card {}\n',
        'tmp/card.ts': 'export class Card {}\n',
        'debug.log': 'card\n',
      },
      { git: false, links: { 'src/self': '.' } },
    );
    const index = await buildIndex(root, noCache);
    expect(index.files.map((file) => file.path)).toEqual(['.gitignore', 'src/card.ts']);
    expect(rankFiles(index, { text: 'card' }).map((file) => file.path)).toEqual(['src/card.ts']);
  });

  it('gives an empty index for an empty repository or a missing folder', async () => {
    const empty = await buildIndex(makeRepo({}), noCache);
    expect([empty.stats.files, empty.files.length, rankFiles(empty, { text: 'card' })]).toEqual([0, 0, []]);
    const missing = await buildIndex(path.join(makeRepo({}), 'no-such-folder'), noCache);
    expect([missing.stats.files, rankFiles(missing, { text: 'card' })]).toEqual([0, []]);
  });

  it('counts a listed path that is a folder or has vanished as unreadable', async () => {
    const root = makeRepo({ 'src/card.ts': 'export class Card {}\n' });
    const index = await buildIndex(root, {
      ...noCache,
      files: ['src/card.ts', 'src', 'src\\gone.ts', './src/card.ts'],
    });
    expect([index.stats.files, index.stats.indexed, index.stats.skipped.unreadable]).toEqual([3, 1, 2]);
  });
});
