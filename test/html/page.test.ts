import { createHash } from 'node:crypto';
import { contentSecurityPolicy, escapeHtml, hashSource, pageHeaders, renderPage } from '../../src/html';

describe('Content-Security-Policy', () => {
  test('a hash source is the base64 SHA-256 of the exact inline text', () => {
    expect(hashSource('a')).toBe(`'sha256-${createHash('sha256').update('a').digest('base64')}'`);
    expect(hashSource('a')).toBe("'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='");
    expect(hashSource('a ')).not.toBe(hashSource('a'));
  });

  test('without scripts the policy forbids every script; with one it names only that one', () => {
    expect(contentSecurityPolicy({ styles: ['b{}'] })).toContain("script-src 'none'");
    const policy = contentSecurityPolicy({ styles: ['b{}'], scripts: ['go()'], formTargets: ['http://127.0.0.1:9'] });
    expect(policy).toContain(`script-src ${hashSource('go()')};`);
    expect(policy).toContain("form-action 'self' http://127.0.0.1:9;");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});

describe('renderPage', () => {
  test('writes a language, a viewport and the one script, and hashes exactly what it wrote', () => {
    const page = renderPage({ title: 'A & B', css: 'p{color:red}', body: '<main></main>', script: 'go();' });
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain('<title>A &amp; B</title>');
    expect(page.html).toContain('<style>p{color:red}</style>');
    expect(page.html).toContain('<script>go();</script>');
    expect(page.csp).toContain(`style-src ${hashSource('p{color:red}')}`);
    expect(page.csp).toContain(`script-src ${hashSource('go();')}`);
    expect(page.html).not.toContain('http-equiv');
  });

  test('a page meant for disk carries its policy in a meta element', () => {
    const page = renderPage({ title: 't', css: '', body: '', policyInMeta: true });
    expect(page.html).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(page.csp)}">`);
  });

  test('headers pair the page with its policy and forbid sniffing, referrers and caching', () => {
    const page = renderPage({ title: 't', css: '', body: '' });
    expect(pageHeaders(page)).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': page.csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });

  test.each([
    ['<script>', '&lt;script&gt;'],
    ['"quoted" & \'single\'', '&quot;quoted&quot; &amp; &#39;single&#39;'],
  ])('escapes %s', (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped);
  });
});
