import { ScimError } from './errors';
import type { ScimFilter, FilterTarget } from './filter';
import type { ScimTransport } from './transport';
import type { ListResponse } from './types';
import { MAX_PAGE_SIZE } from './urn';

/**
 * Cursor paging as AWS does it: the first request carries a bare `cursor` (no `=`; URL builders
 * drop empty values, so the query is written by hand), later ones `cursor=<nextCursor>` with the
 * same filter. A page may hold fewer items than `count` even when more follow.
 */
export async function* pages<T>(transport: ScimTransport, api: string, target: FilterTarget, filter?: ScimFilter<FilterTarget>): AsyncGenerator<readonly T[]> {
  const filterPart = filter ? `&filter=${encodeURIComponent(filter.expression)}` : '';
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const cursorPart = cursor === undefined ? 'cursor' : `cursor=${encodeURIComponent(cursor)}`;
    const path = `/${target}?${cursorPart}&count=${MAX_PAGE_SIZE}${filterPart}`;
    const res = await transport.send<ListResponse<T>>({ api, kind: 'read', method: 'GET', path });
    yield res.body?.Resources ?? [];
    const next = res.body?.nextCursor;
    if (!next) return;
    if (seen.has(next)) throw new ScimError(`GET ${path}: the endpoint returned the same cursor twice; stopping instead of looping`, { method: 'GET', path });
    seen.add(next);
    cursor = next;
  }
}

export async function collect<T>(iter: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of iter) out.push(...page);
  return out;
}
