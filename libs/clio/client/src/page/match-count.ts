import type { ClioPage } from '../types';
import { ClioParam } from '../wire';

/** How many records a listing matches, as far as its pages back it up. */
export type MatchCount = { known: true; total: number } | { known: false; reason: string };

/**
 * What a page says about the listing's size. Clio documents no meaning for `meta.records` (an official example
 * shows it equal to the page's own count), so it is used only when the page cannot contradict it: a first page
 * without `next` is the whole listing (its length is the count, whatever `meta.records` says); otherwise
 * `meta.records` must exceed what the pages so far hold while more follow, and equal it on the last page.
 * Anything else is "unknown" with the reason, never a number that may be wrong.
 */
export function matchCount(
  page: Pick<ClioPage, 'records' | 'nextUrl' | 'url' | 'total'>,
  fetchedBefore = 0,
): MatchCount {
  const seen = fetchedBefore + page.records.length;
  const first = fetchedBefore === 0 && !new URL(page.url).searchParams.has(ClioParam.PageToken);
  if (first && page.nextUrl === null) return { known: true, total: seen };
  if (page.total === null) return { known: false, reason: 'Clio sent no meta.records' };
  if (page.nextUrl !== null && page.total <= seen)
    return { known: false, reason: `meta.records ${page.total} is not a total: more pages follow ${seen} records` };
  if (page.nextUrl === null && page.total !== seen)
    return { known: false, reason: `meta.records ${page.total} disagrees with the ${seen} records listed` };
  return { known: true, total: page.total };
}
