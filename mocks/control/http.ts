import { HttpResponse } from 'msw';
import { OrganizationConflictError, OrganizationInputError, OrganizationNotFoundError, OrganizationTreeError, TokenLimitError, TokenNotFoundError } from '../store';
import { FaultInputError } from './faults';

/** Control API errors: plain JSON, since /_fake is ours and not an AWS surface. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type ControlResolver = (args: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => Promise<Response> | Response;

/** The store's typed errors and the HTTP status each one answers with. */
const STATUS_OF: ReadonlyArray<[new (...args: never[]) => Error, number]> = [
  [FaultInputError, 400],
  [OrganizationInputError, 400],
  [OrganizationTreeError, 400],
  [TokenLimitError, 409],
  [OrganizationConflictError, 409],
  [TokenNotFoundError, 404],
  [OrganizationNotFoundError, 404],
];

export function control(resolve: ControlResolver): ControlResolver {
  return async (args) => {
    try {
      return await resolve(args);
    } catch (err) {
      if (err instanceof ControlError) return HttpResponse.json({ error: err.message }, { status: err.status });
      const status = STATUS_OF.find(([type]) => err instanceof type)?.[1];
      if (status !== undefined) return HttpResponse.json({ error: (err as Error).message }, { status });
      throw err;
    }
  };
}

/** An optional JSON object body; an empty body is `{}`. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ControlError(400, 'the body must be JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ControlError(400, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Refuses fields a route does not know, naming the first and the allowed ones. */
export function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown !== undefined) throw new ControlError(400, `unknown field "${unknown}"; allowed: ${allowed.join(', ')}`);
}
