// The stored, assembled index: reused as it is while no file changed, and updated for exactly the files that changed
// (edited, added, deleted, now skipped) into the same index, and the same ranking, that a build from nothing gives.
import { rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex, holdIndex } from '../src/context/build.js';
import { rankFiles } from '../src/context/ranking.js';
import type { RelevanceIndex } from '../src/context/model.js';
import type { KeyedRows } from '../src/context/rows.js';
import { makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

const QUERY = 'charge the payment card and notify the user when the monthly limit is reached';

/** Everything the ranking reads from an index, as plain data. */
function plain(index: RelevanceIndex): unknown {
  const rows = (table: KeyedRows): unknown => table.keys.map((key, i) => [key, Array.from(table.row(i))]);
  const edges = (side: 'forward' | 'backward'): unknown => {
    const { start, to, weight, imports } = index.graph[side];
    return [start, to, weight, imports].map((array) => Array.from(array));
  };
  return {
    files: index.files,
    path: rows(index.path),
    def: rows(index.def),
    body: rows(index.body),
    segments: rows(index.segments),
    symbols: rows(index.symbols),
    folded: index.symbolsFolded.rows.keys.map((key) => [key, index.symbolsFolded.get(key)]),
    averages: index.averages,
    forward: edges('forward'),
    backward: edges('backward'),
  };
}

function sources(): Record<string, string> {
  const files: Record<string, string> = {
    'src/card.ts': 'export class PaymentCard { charge(amount: number) { return amount; } }\n',
    'src/limit.ts':
      "import { PaymentCard } from './card';\nexport function monthlyLimit(card: PaymentCard) { return card; }\n",
    'src/notify.ts':
      "import { monthlyLimit } from './limit';\nexport const notifyUser = () => monthlyLimit;\n",
    'docs/limits.md': '# Limits\n\nThe monthly limit of a payment card.\n',
    'README.md': '# Cards\n',
  };
  // Enough files that sharing terms, definers and import targets is the rule, not the exception.
  for (let i = 0; i < 12; i++) {
    files[`src/feature${i}/service${i}.ts`] =
      `import { PaymentCard } from '../card';\nexport class Service${i} { run(card: PaymentCard) { return notifyUser${i % 3}(card); } }\n`;
    files[`src/feature${i}/helper${i}.ts`] =
      `export function notifyUser${i % 3}(x: unknown) { return x; }\nexport const limit${i} = 'monthly card limit ${i}';\n`;
  }
  return files;
}

async function cold(root: string): Promise<RelevanceIndex> {
  return buildIndex(root, { cacheDir: false, workers: 0 });
}

describe('the stored context index', () => {
  it('is reused as it is, neither read again nor rewritten, while no file changed', async () => {
    const files = sources();
    const root = makeRepo(files);
    // Files written a minute ago: their stamps are trusted at once (a file this recent would be compared by content).
    const then = new Date(Date.now() - 60_000);
    for (const file of Object.keys(files)) utimesSync(path.join(root, file), then, then);
    const first = await buildIndex(root, { workers: 0 });
    const stored = path.join(root, '.techspec/cache/context-index.bin');
    const written = statSync(stored).mtimeMs;
    const again = await buildIndex(root, { workers: 0 });
    expect([again.stats.parsed, again.stats.fromCache, again.stats.indexed]).toEqual([0, 29, 29]);
    expect(statSync(stored).mtimeMs).toBe(written);
    expect(plain(again)).toEqual(plain(first));
    // Held in memory (a long-lived process): the very same arrays answer the next call.
    const held = holdIndex();
    const one = await buildIndex(root, { workers: 0, held });
    const two = await buildIndex(root, { workers: 0, held });
    expect(two.body.data).toBe(one.body.data);
    expect(two.graph.forward.to).toBe(one.graph.forward.to);
  });

  it('after an edit, an addition, a deletion and a file that becomes binary, equals a build from nothing', async () => {
    const root = makeRepo(sources());
    const held = holdIndex();
    await buildIndex(root, { workers: 0 });
    await buildIndex(root, { workers: 0, held });
    const steps: [string, () => void][] = [
      // A definition moves: files that only reference it change their edges too.
      [
        'edit',
        () => {
          writeFileSync(
            path.join(root, 'src/card.ts'),
            'export class CreditCard { charge() {} }\nexport function notifyUser1() {}\n',
          );
        },
      ],
      [
        'add',
        () => {
          writeFileSync(
            path.join(root, 'src/cardLimit.ts'),
            "import { CreditCard } from './card';\nexport class PaymentCard extends CreditCard { limit = 'monthly'; }\n",
          );
        },
      ],
      [
        'delete',
        () => {
          rmSync(path.join(root, 'src/limit.ts'));
          rmSync(path.join(root, 'src/feature3/helper3.ts'));
        },
      ],
      [
        'binary',
        () => {
          writeFileSync(path.join(root, 'docs/limits.md'), Buffer.from([0x23, 0, 1, 2]));
        },
      ],
    ];
    for (const [step, change] of steps) {
      change();
      const fromDisk = await buildIndex(root, { workers: 0 });
      const fromHeld = await buildIndex(root, { workers: 0, held });
      const fresh = await cold(root);
      expect(plain(fromDisk), step).toEqual(plain(fresh));
      expect(plain(fromHeld), step).toEqual(plain(fresh));
      expect(rankFiles(fromDisk, { text: QUERY }), step).toEqual(rankFiles(fresh, { text: QUERY }));
      // Only what changed was read again.
      expect(fromDisk.stats.parsed, step).toBeLessThanOrEqual(1);
      expect(fromDisk.stats.fromCache, step).toBe(
        fresh.stats.indexed - (step === 'add' || step === 'edit' ? 1 : 0),
      );
    }
    const top = rankFiles(await buildIndex(root, { workers: 0 }), { text: 'CreditCard monthly limit' });
    expect(top.map((file) => file.path)).toContain('src/cardLimit.ts');
  });

  it('answers an unchanged repository from the stored file in a new process as a cold build ranks', async () => {
    const root = makeRepo(sources());
    await buildIndex(root, { workers: 0 });
    const reused = await buildIndex(root, { workers: 0 });
    const fresh = await cold(root);
    expect(reused.stats.parsed).toBe(0);
    expect(rankFiles(reused, { text: QUERY, seeds: ['src/limit.ts'] })).toEqual(
      rankFiles(fresh, { text: QUERY, seeds: ['src/limit.ts'] }),
    );
  });
});
