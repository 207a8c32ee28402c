import { ValidationException } from './errors';
import type { JsonObject } from './handler';

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/**
 * Cursor paging over a stable list. Tokens are opaque base64 (fits both services' NextToken
 * patterns) and bound to the operation, so a token from one list cannot page another.
 */
export function paginate<T>(items: readonly T[], input: JsonObject, operation: string, defaultMax = 100): Page<T> {
  const max = typeof input.MaxResults === 'number' ? input.MaxResults : defaultMax;
  const start = typeof input.NextToken === 'string' ? decode(input.NextToken, operation) : 0;
  const slice = items.slice(start, start + max);
  const next = start + max;
  return next < items.length ? { items: slice, nextToken: encode(next, operation) } : { items: slice };
}

function encode(offset: number, operation: string): string {
  return Buffer.from(JSON.stringify({ op: operation, at: offset })).toString('base64');
}

function decode(token: string, operation: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { op?: unknown; at?: unknown };
    if (parsed.op === operation && typeof parsed.at === 'number' && Number.isInteger(parsed.at) && parsed.at >= 0) return parsed.at;
  } catch {
    // fall through to the error below
  }
  throw new ValidationException('The NextToken is invalid or has expired; start again without NextToken.');
}

/** Adds NextToken to a list response only when there is another page (absent members are omitted). */
export function withToken(body: JsonObject, nextToken: string | undefined): JsonObject {
  return nextToken === undefined ? body : { ...body, NextToken: nextToken };
}
