// Paths a text names (`internal/card`, src/payments/refund.ts): the files at or under them score as if matched.
import type { RelevanceIndex } from './model.js';

/** Weight of a file that a path in the text names, against one ordinary term. */
const PATH_WEIGHT = 3;

/** What the named paths gave each file: its score, and the mentions that reached it (for the reason). */
export interface MentionMatches {
  files: Map<number, string[]>;
  /** The files a mention names exactly (the whole path, or a suffix of whole segments), not by a folder above. */
  named: Set<number>;
}

/**
 * Adds to `scores` for every file a mention names: the file itself (also by path suffix, for texts that drop the
 * repository's leading folders) or a file under a named folder. A mention that names many files adds less to each.
 */
export function scoreMentions(
  index: RelevanceIndex,
  mentions: readonly string[],
  scores: Float64Array,
): MentionMatches {
  const files = new Map<number, string[]>();
  const named = new Set<number>();
  const n = index.files.length;
  for (const mention of mentions) {
    // Only files that have the mention's last segment somewhere can hold it as a run of whole segments.
    const last = mention.slice(mention.lastIndexOf('/') + 1);
    const needle = `/${mention}/`;
    const hits = (index.segments.get(last) ?? []).filter((i) =>
      `/${index.files[i]?.path ?? ''}/`.includes(needle),
    );
    if (hits.length === 0) continue;
    const amount = PATH_WEIGHT * Math.log(1 + (n - hits.length + 0.5) / (hits.length + 0.5));
    for (const i of hits) {
      scores[i] = (scores[i] ?? 0) + amount;
      files.set(i, [...(files.get(i) ?? []), mention]);
      const path = index.files[i]?.path ?? '';
      if (path === mention || path.endsWith(`/${mention}`)) named.add(i);
    }
  }
  return { files, named };
}
