// The index's own ranking tried other ways, each way chosen leaving one repository out: the ranking's weights (lexical
// share, walk damping, reverse edges, walk starts), the query's terms (headings and title weighed up, flat or square-root
// counts, only the rarest terms), and the file graph around the best matches. Reads the kept records (truth, which
// cases) and re-ranks from the index; usage:
//   scripts/run-ts.sh bench/eval/ranking-sweep.ts --manifest ../shared/bench/dev.jsonl --repos DIR --work DIR
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIndex } from '../../src/context/build.js';
import type { RelevanceIndex } from '../../src/context/model.js';
import { DEFAULT_WEIGHTS, rankFiles, type RankingWeights } from '../../src/context/ranking.js';
import { parseQuery, type Query, type QueryTerm } from '../../src/text/query.js';
import { looKnob } from './file-signals.js';
import { bootstrapMean } from './folds.js';
import { readManifest } from './manifest.js';
import { fileScores } from './metrics.js';
import { queryText } from './query-text.js';
import { loadRecord } from './records.js';
import { findRepo, materialise } from './repos.js';
import { table } from './report.js';

type Variant = { name: string; rank: (index: RelevanceIndex, text: string, parsed: Query) => string[] };

const K = 10;

function weightVariants(): Variant[] {
  const out: Variant[] = [];
  for (const lexical of [0.5, 0.25, 1, 2])
    for (const damping of [0.7, 0.5, 0.85])
      for (const walkStarts of [50, 10, 150])
        for (const reverse of [0.3, 0.6]) {
          const weights: Partial<RankingWeights> = {
            lexical,
            walkStarts,
            walk: { ...DEFAULT_WEIGHTS.walk, damping, reverse },
          };
          out.push({
            name: `lexical ${lexical}, damping ${damping}, starts ${walkStarts}, reverse ${reverse}`,
            rank: (index, text, parsed) =>
              rankFiles(index, { text, parsed }, { k: K, weights }).map((file) => file.path),
          });
        }
  return out;
}

/** The query with each term's weight changed by `change` (term, its weight) → new weight, or dropped when undefined. */
function reweighed(parsed: Query, change: (term: string, term_: QueryTerm) => number | undefined): Query {
  const terms = new Map<string, QueryTerm>();
  for (const [term, value] of parsed.terms) {
    const weight = change(term, value);
    if (weight !== undefined) terms.set(term, { ...value, weight });
  }
  return { ...parsed, terms };
}

function queryVariants(): Variant[] {
  const ranked = (index: RelevanceIndex, text: string, query: Query): string[] =>
    rankFiles(index, { text, parsed: query }, { k: K }).map((file) => file.path);
  const headingTerms = (text: string, level: RegExp, count: number): Set<string> =>
    new Set(
      parseQuery(
        text
          .split('\n')
          .filter((line) => level.test(line))
          .slice(0, count)
          .join('\n'),
      ).terms.keys(),
    );
  const out: Variant[] = [{ name: 'as parsed', rank: ranked }];
  for (const boost of [0.5, 1, 2]) {
    out.push({
      name: `heading terms +${boost}`,
      rank: (index, text, parsed) => {
        const up = headingTerms(text, /^#{1,3}\s/, Infinity);
        return ranked(
          index,
          text,
          reweighed(parsed, (term, v) => v.weight + (up.has(term) ? boost : 0)),
        );
      },
    });
    out.push({
      name: `title terms +${boost}`,
      rank: (index, text, parsed) => {
        const up = headingTerms(text, /^#\s/, 1);
        return ranked(
          index,
          text,
          reweighed(parsed, (term, v) => v.weight + (up.has(term) ? boost : 0)),
        );
      },
    });
  }
  out.push({
    name: 'flat weights',
    rank: (index, text, parsed) =>
      ranked(
        index,
        text,
        reweighed(parsed, () => 1),
      ),
  });
  out.push({
    name: 'square-root counts',
    rank: (index, text, parsed) =>
      ranked(
        index,
        text,
        reweighed(parsed, (_, v) => Math.sqrt(Math.exp(v.weight - 1))),
      ),
  });
  for (const keep of [50, 100, 200]) {
    out.push({
      name: `the ${keep} rarest-weighted terms`,
      rank: (index, text, parsed) => {
        const n = index.files.length;
        const idf = (term: string): number => {
          const df = (index.body.get(term)?.length ?? 0) / 2;
          return Math.log(1 + (n - df + 0.5) / (df + 0.5));
        };
        const kept = new Set(
          [...parsed.terms]
            .sort((a, b) => b[1].weight * idf(b[0]) - a[1].weight * idf(a[0]))
            .slice(0, keep)
            .map(([term]) => term),
        );
        return ranked(
          index,
          text,
          reweighed(parsed, (term, v) => (kept.has(term) ? v.weight : undefined)),
        );
      },
    });
  }
  return out;
}

/** Files linked to (or from) the best five matches, added to the scaled score by `weight` per link (at most three). */
function graphVariants(): Variant[] {
  const out: Variant[] = [];
  for (const direction of ['forward', 'backward'] as const)
    for (const weight of [0, 0.02, 0.05, 0.1, 0.2, -0.05, -0.1]) {
      out.push({
        name: `${direction === 'forward' ? 'links to' : 'linked from'} the best five, ${weight} per link`,
        rank: (index, text, parsed) => {
          const ranked = rankFiles(index, { text, parsed }, { k: 150 });
          const top = ranked[0]?.score ?? 1;
          const best = new Set(ranked.slice(0, 5).map((file) => index.byPath.get(file.path)));
          const rows = index.graph[direction];
          return ranked
            .map((file, at) => {
              const i = index.byPath.get(file.path) ?? -1;
              let links = 0;
              for (let k = rows.start[i] ?? 0; k < (rows.start[i + 1] ?? 0); k++)
                if (best.has(rows.to[k])) links++;
              return { file: file.path, at, score: file.score / top + weight * Math.min(3, links) };
            })
            .sort((a, b) => b.score - a.score || a.at - b.at)
            .slice(0, K)
            .map(({ file }) => file);
        },
      });
    }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { manifest: { type: 'string' }, repos: { type: 'string' }, work: { type: 'string' } },
  });
  if (!values.manifest || !values.repos || !values.work)
    throw new Error(
      'usage: ranking-sweep.ts --manifest FILE --repos DIR --work DIR (the eval:context --work)',
    );
  const work = path.resolve(values.work);
  const checkout = path.join(path.dirname(path.resolve(values.manifest)), 'checkout.sh');
  const groups = {
    'index weights': weightVariants(),
    'query terms': queryVariants(),
    'file graph': graphVariants(),
  };
  const cases: { repo: string; truth: string[]; top: Map<string, string[]> }[] = [];
  for (const entry of readManifest(values.manifest)) {
    const record = loadRecord(work, entry.id);
    const source = findRepo(values.repos, entry.repo);
    if (!record || record.truthFiles.length === 0 || !source || entry.parent_commit === null) continue;
    const query = queryText(source, entry);
    if (!query) continue;
    const slug = entry.repo.replace('/', '+');
    const tree = materialise(checkout, source, entry.parent_commit, { workDir: work, slug });
    const index = await buildIndex(tree.root, {
      cacheDir: path.join(work, 'cache', slug, entry.parent_commit),
      workers: 0,
    });
    const parsed = parseQuery(query.text);
    const top = new Map<string, string[]>();
    for (const [group, variants] of Object.entries(groups))
      for (const variant of variants)
        top.set(`${group}: ${variant.name}`, variant.rank(index, query.text, parsed));
    cases.push({ repo: entry.repo, truth: record.truthFiles, top });
    process.stderr.write(`[${cases.length}] ${entry.id}\n`);
  }
  const rows: (string | number)[][] = [];
  for (const [group, variants] of Object.entries(groups)) {
    const { perRepo, dev } = looKnob(
      cases,
      variants.map((_, i) => i),
      (item, i) => fileScores(item.top.get(`${group}: ${variants[i]?.name ?? ''}`) ?? [], item.truth).r10,
    );
    const loo = bootstrapMean([...perRepo.values()]);
    const bestDev = dev.indexOf(Math.max(...dev));
    rows.push([
      group,
      dev[0] ?? 0,
      `${variants[bestDev]?.name ?? ''}: ${(dev[bestDev] ?? 0).toFixed(3)}`,
      `${loo.mean.toFixed(3)} [${loo.low.toFixed(3)}, ${loo.high.toFixed(3)}]`,
      loo.mean - (dev[0] ?? 0),
    ]);
  }
  console.log(
    `Files recall@10, ${cases.length} cases: the index ranking tried other ways, each chosen leaving one repository out`,
  );
  console.log(
    table(['variants', 'shipped (dev)', 'best on dev', 'LOO mean [95% bootstrap]', 'change'], rows),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
