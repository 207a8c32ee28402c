import { HttpResponse } from 'msw';
import { pageHeaders, type Page } from '../../src/html';

/** JSON for programs (Accept: application/json), a small HTML page for people. */
export function wantsJson(request: Request): boolean {
  return (request.headers.get('accept') ?? '').toLowerCase().includes('application/json');
}

/** A page with its Content-Security-Policy and the other headers every emulator page gets. */
export function htmlResponse(page: Page, status = 200, headers: Record<string, string> = {}): Response {
  return new HttpResponse(page.html, { status, headers: { ...pageHeaders(page), ...headers } });
}

export function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
