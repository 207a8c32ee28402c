import { acsUrls, portalUrl, spEntityId } from '../../mocks/saml';
import { AUTO_POST_SCRIPT, LAUNCH_PATH } from '../../src/catalog';
import { hashSource } from '../../src/html';
import { verifySamlResponseField } from '../../src/saml/verify-response';
import { IDP_ENTITY_ID, material } from '../saml/fixtures';
import { startCatalogHarness, type CatalogHarness } from './harness';

let h: CatalogHarness;
beforeAll(async () => {
  h = await startCatalogHarness();
});
afterAll(() => h.close());

const launch = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${h.emulator.endpoint}${LAUNCH_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

/** The value of a hidden input in the auto-post form (the page escapes it as an attribute). */
const hidden = (html: string, name: string): string | undefined =>
  /value="([^"]*)"/.exec(html.slice(html.indexOf(`name="${name}"`)))?.[1]?.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe('catalog pages', () => {
  test('the picker labels its select and lists every idemeum user by display name, escaped', async () => {
    const res = await fetch(h.catalog);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<label for="user">User</label>');
    expect(html).toContain('<select id="user" name="user">');
    expect(html).toContain('<option value="ada@acme.example">Ada Lovelace (ada@acme.example)</option>');
    expect(html).toContain('Carol &lt;Shaw&gt;');
    expect(html).not.toContain('Carol <Shaw>');
    expect(html.indexOf('Ada Lovelace')).toBeLessThan(html.indexOf('Hedy Lamarr'));
  });

  test('an entitled user sees the Amazon Web Services tile, a form that posts to the launch endpoint', async () => {
    const html = await (await fetch(`${h.catalog}?user=ADA@acme.example`)).text();
    expect(html).toContain(`<form method="post" action="${LAUNCH_PATH}">`);
    expect(html).toContain('<input type="hidden" name="user" value="ada@acme.example">');
    expect(html).toMatch(/<button type="submit" class="tile"[^>]*>.*Amazon Web Services/);
  });

  test('a user idemeum does not entitle sees no AWS tile', async () => {
    const html = await (await fetch(`${h.catalog}?user=hedy@acme.example`)).text();
    expect(html).not.toContain(LAUNCH_PATH);
    expect(html).toContain('No applications are assigned to you');
  });

  test('fails when ?user= names nobody: the picker says so', async () => {
    const html = await (await fetch(`${h.catalog}?user=${encodeURIComponent('<eve>@acme.example')}`)).text();
    expect(html).toContain('role="alert">idemeum has no user &quot;&lt;eve&gt;@acme.example&quot;; pick one of the users below.');
  });

  test('every page names its own style by hash and allows no script', async () => {
    const res = await fetch(h.catalog);
    const csp = res.headers.get('content-security-policy')!;
    const css = /<style>([\s\S]*?)<\/style>/.exec(await res.text())![1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${hashSource(css)}`);
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('paths outside the catalog reach the emulator untouched', async () => {
    const res = await fetch(`${h.emulator.endpoint}/idemeum/catalogue`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: expect.stringContaining('The emulator has no route') });
  });

  test.each([
    ['GET on the launch endpoint', `${LAUNCH_PATH}`, 'GET', 405],
    ['POST on the catalog page', '/idemeum/catalog', 'POST', 405],
    ['an unknown catalog page', '/idemeum/catalog/admin', 'GET', 404],
  ])('fails with a clear status for %s', async (_name, path, method, status) => {
    const res = await fetch(`${h.emulator.endpoint}${path}`, { method });
    expect(res.status).toBe(status);
  });
});

describe('launching the AWS tile', () => {
  test('issues a signed response for the user that IAM Identity Center verifies, in an auto-posting form', async () => {
    const res = await launch({ user: 'ada@acme.example', app: 'aws' });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain(`<form id="saml-post" method="post" action="${acsUrls(h.emulator.state)[0]}">`);
    expect(html).toContain(`<script>${AUTO_POST_SCRIPT}</script>`);
    expect(html).toMatch(/<noscript>.*<button type="submit">Continue to Amazon Web Services<\/button><\/noscript>/);
    expect(hidden(html, 'RelayState')).toBe(portalUrl(h.emulator.state));
    const verified = verifySamlResponseField(hidden(html, 'SAMLResponse')!, {
      spEntityId: spEntityId(h.emulator.state),
      acsUrl: acsUrls(h.emulator.state)[0],
      idpEntityId: IDP_ENTITY_ID,
      idpCertificatePem: (await material()).certificatePem,
      now: h.clock.now(),
      clockSkewMs: 0,
      allowSha1: false,
    });
    expect(verified.nameId).toBe('ada@acme.example');
  });

  test('the page policy allows exactly its one script and a post to the ACS', async () => {
    const csp = (await launch({ user: 'ada@acme.example', app: 'aws' })).headers.get('content-security-policy')!;
    expect(csp).toContain(`script-src ${hashSource(AUTO_POST_SCRIPT)};`);
    expect(csp).toContain(`form-action 'self' ${new URL(acsUrls(h.emulator.state)[0]).origin}`);
    expect(csp).not.toContain('unsafe-inline');
  });

  test.each([
    ['the user is not entitled', { user: 'hedy@acme.example', app: 'aws' }, {}, 403, 'not-entitled', 'hedy@acme.example is not entitled to the AWS application'],
    ['the user is unknown to idemeum', { user: 'eve@acme.example', app: 'aws' }, {}, 404, undefined, 'idemeum has no user &quot;eve@acme.example&quot;'],
    ['the application is unknown', { user: 'ada@acme.example', app: 'gcp' }, {}, 404, 'unknown-application', 'idemeum has no application &quot;gcp&quot;'],
    ['another site posts the form', { user: 'ada@acme.example', app: 'aws' }, { 'sec-fetch-site': 'cross-site' }, 403, 'cross-site', 'only the catalog&#39;s own tiles can launch'],
    ['another origin posts the form', { user: 'ada@acme.example', app: 'aws' }, { origin: 'http://127.0.0.2:8080' }, 403, 'cross-site', 'a page at http://127.0.0.2:8080 asked for a sign-in'],
    ['the form is oversized', { user: 'ada@acme.example', app: 'aws', pad: 'x'.repeat(9000) }, {}, 413, 'malformed', 'over 8192 bytes'],
  ])('fails when %s, issuing no response', async (_name, fields, headers, status, reason, message) => {
    const res = await launch(fields, headers);
    const html = await res.text();
    expect(res.status).toBe(status);
    if (reason) expect(html).toContain(`data-reason="${reason}"`);
    expect(html).toContain(message);
    expect(html).not.toContain('SAMLResponse');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
  });
});
