// The context engine's public surface: build a relevance index of a repository, rank its files for a text.
export { buildIndex, DEFAULT_CACHE_DIR } from './build.js';
export type { BuildOptions } from './build.js';
export { CACHE_VERSION } from './cache.js';
export { MAX_FILE_BYTES } from '../code/classify.js';
export { GLOSSARY, translate } from '../text/glossary.js';
export { SKIP_REASONS } from './model.js';
export type { FileKind, IndexedFile, IndexStats, RankedFile, RelevanceIndex, SkipReason } from './model.js';
export { parseQuery } from '../text/query.js';
export type { Query, QueryTerm } from '../text/query.js';
export { DEFAULT_K, DEFAULT_WEIGHTS, rankFiles } from './ranking.js';
export type { RankingWeights, RankOptions, RankQuery } from './ranking.js';
export { tokenize } from '../text/tokenize.js';
