import { createHash } from 'node:crypto';
import { ValidationError } from './errors';
import { LIST_RESPONSE } from './urn';

/** AWS's page size: `count` 1-100, default 100. */
export const MAX_PAGE = 100;

export interface PageRequest {
  readonly count: number;
  /** undefined: plain mode; '' : first cursor page (a bare `?cursor`); otherwise a nextCursor. */
  readonly cursor?: string;
}

export function readPageRequest(url: URL): PageRequest {
  const raw = url.searchParams.get('count');
  let count = MAX_PAGE;
  if (raw !== null) {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PAGE) {
      throw new ValidationError(`count must be an integer from 1 to ${MAX_PAGE}, got "${raw}".`);
    }
    count = Number(raw);
  }
  // A bare `?cursor` (no `=`) still starts cursor mode: URLSearchParams reports it as ''.
  const cursor = url.searchParams.get('cursor');
  return { count, ...(cursor !== null && { cursor }) };
}

function fingerprint(filter: string | null): string {
  return createHash('sha256').update(filter ?? '').digest('base64url').slice(0, 12);
}

/** Cursors carry the creation sequence of the last item and the filter they were issued for. */
function encodeCursor(seq: number, filter: string | null): string {
  return Buffer.from(`${seq}:${fingerprint(filter)}`).toString('base64url');
}

function decodeCursor(cursor: string, filter: string | null): number {
  const text = /^[-A-Za-z0-9_]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const match = /^(\d+):([-A-Za-z0-9_]{12})$/.exec(text);
  if (!match) throw new ValidationError('The cursor is invalid. Start again with a bare cursor parameter.');
  if (match[2] !== fingerprint(filter)) throw new ValidationError('The filter must not change between cursor pages.');
  return Number(match[1]);
}

/**
 * One ListResponse page over `items` (in creation order). Plain mode returns the first `count`
 * items with `totalResults` equal to what is returned, as AWS does; cursor mode omits
 * `totalResults`/`startIndex` and adds `nextCursor` while more remain.
 */
export function listPage<T>(
  items: Iterable<T>,
  page: PageRequest,
  filter: string | null,
  seqOf: (item: T) => number,
  render: (item: T) => unknown,
): Record<string, unknown> {
  const after = page.cursor ? decodeCursor(page.cursor, filter) : 0;
  const taken: T[] = [];
  let more = false;
  for (const item of items) {
    if (seqOf(item) <= after) continue;
    if (taken.length === page.count) {
      more = true;
      break;
    }
    taken.push(item);
  }
  const Resources = taken.map(render);
  if (page.cursor === undefined) {
    return { totalResults: taken.length, itemsPerPage: taken.length, startIndex: 1, schemas: [LIST_RESPONSE], Resources };
  }
  const nextCursor = more ? encodeCursor(seqOf(taken[taken.length - 1]), filter) : undefined;
  return { itemsPerPage: taken.length, ...(nextCursor && { nextCursor }), schemas: [LIST_RESPONSE], Resources };
}
