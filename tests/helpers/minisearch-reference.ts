// MiniSearch over the router's documents, configured like the compact index: the
// reference that tests compare scores with and the benchmark compares speed with.
import MiniSearch from 'minisearch';
import { DEFAULT_ROUTER_OPTIONS, FIELDS, type IndexedDoc } from '../../src/knowledge/search.js';
import { tokenize } from '../../src/knowledge/tokenize.js';

export function minisearchReference(docs: readonly IndexedDoc[]): MiniSearch {
  const library = new MiniSearch<Record<string, string | number>>({
    fields: [...FIELDS],
    tokenize,
    processTerm: (term) => term,
    searchOptions: { boost: DEFAULT_ROUTER_OPTIONS.boosts, tokenize: (text) => text.split(' ') },
  });
  library.addAll(
    docs.map((doc, id) => ({
      id,
      ...Object.fromEntries(FIELDS.map((field) => [field, doc.fields[field] ?? ''])),
    })),
  );
  return library;
}
