import type { RequestHandler } from 'msw';

/**
 * Narrows the emulator's handlers to those that can match a request, before msw's own matching
 * runs over them (getResponse tries each handler in order, and each try parses the URL against
 * the handler's path and the request's cookies: most of a GET's cost with 39 handlers). The
 * narrowing only drops a handler when its method differs or a literal segment of its path is
 * missing from the request path, in order; msw still decides among the rest, so the handlers
 * stay the one definition of what the emulator answers.
 */
export function handlerIndex(handlers: readonly RequestHandler[]): (method: string, pathname: string) => RequestHandler[] {
  const entries = handlers.map((handler) => ({ handler, passes: passesThrough.get(handler), ...shape(handler) }));
  return (method, pathname) => {
    const segments = pathname.toLowerCase().split('/');
    return entries
      .filter((e) => (e.method === undefined || e.method === method) && (e.literals === undefined || inOrder(e.literals, segments)) && !e.passes?.())
      .map((e) => e.handler);
  };
}

const passesThrough = new WeakMap<RequestHandler, () => boolean>();

/**
 * Declares, next to a handler that matches every request, when it answers none: its resolver
 * returns undefined while `idle()` holds (the fault handler with no fault injected). The index
 * then leaves it out, sparing msw a clone, URL match and cookie parse per request.
 */
export function passesThroughWhile<H extends RequestHandler>(handler: H, idle: () => boolean): H {
  passesThrough.set(handler, idle);
  return handler;
}

interface Shape {
  /** Upper-case method, or undefined for any (a RegExp or a handler that is not an HttpHandler). */
  readonly method?: string;
  /** Literal path segments, lower-case (path-to-regexp matches case-insensitively), or undefined when unknown. */
  readonly literals?: readonly string[];
}

function shape(handler: RequestHandler): Shape {
  const info = handler.info as { method?: unknown; path?: unknown };
  const method = typeof info.method === 'string' && info.method !== '*' ? info.method.toUpperCase() : undefined;
  if (typeof info.path !== 'string' || !info.path.startsWith('*')) return { method };
  // `*/:tenant/scim/v2/Users/:id`: params match one segment, `*` anything, the rest literally.
  const literals = info.path
    .split('/')
    .filter((s) => s !== '' && !s.startsWith(':') && !s.includes('*') && !/[()?+\\]/.test(s))
    .map((s) => s.toLowerCase());
  return { method, literals };
}

function inOrder(literals: readonly string[], segments: readonly string[]): boolean {
  let at = 0;
  for (const literal of literals) {
    at = segments.indexOf(literal, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
