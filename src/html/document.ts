import { contentSecurityPolicy } from './csp';
import { escapeHtml } from './escape';

export interface PageInput {
  readonly title: string;
  readonly css: string;
  /** The page's `<body>` content (already escaped HTML). */
  readonly body: string;
  /** The one inline script the page runs, if any (its hash goes into the policy). */
  readonly script?: string;
  readonly formTargets?: readonly string[];
  /**
   * Also state the policy in a `<meta>` element, for pages opened from disk where no server sends
   * the header.
   */
  readonly policyInMeta?: boolean;
}

export interface Page {
  readonly html: string;
  /** The Content-Security-Policy header value that goes with `html`. */
  readonly csp: string;
}

/** An HTML5 document whose policy permits exactly its own inline style and (at most) one script. */
export function renderPage(input: PageInput): Page {
  const csp = contentSecurityPolicy({
    styles: [input.css],
    ...(input.script !== undefined ? { scripts: [input.script] } : {}),
    ...(input.formTargets ? { formTargets: input.formTargets } : {}),
  });
  const meta = input.policyInMeta ? `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">\n` : '';
  const script = input.script !== undefined ? `<script>${input.script}</script>\n` : '';
  const html =
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n${meta}` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(input.title)}</title>\n` +
    `<style>${input.css}</style>\n</head>\n<body>\n${input.body}\n${script}</body>\n</html>\n`;
  return { html, csp };
}

/** Headers every page gets: its policy, no sniffing, no referrer (SAMLResponses must not leak), no caching. */
export function pageHeaders(page: Page): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': page.csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}
