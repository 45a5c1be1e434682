// The context engine's public surface: index a repository, rank files for a query, pack a budget.
export { ContextIndex, defaultIndexCacheDir, indexFileFor, type IndexSettings, type ReadFilePort } from './context-index.js';
export { openIndex, updateIndex, updateIndexForFiles, type IndexOptions, type IndexProgress, type IndexStats } from './build.js';
export { rankContext, type RankedFile, type RankOptions } from './rank.js';
export { queryTerms, type QueryTerms } from './query-terms.js';
export { packContext, type Pack, type PackEntry, type PackEntryKind, type PackOptions } from './pack.js';
export { tokenCounter, type TokenizerChoice, type TokenizerName } from './tokens.js';
