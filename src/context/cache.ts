// The version of what the index cache holds: the facts each file gives and how they are assembled.

/** Bump when extraction changes (tokenizer, queries, patterns): an older stored index is then ignored whole. */
export const CACHE_VERSION = 2;
