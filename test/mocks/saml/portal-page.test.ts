import { setupEmulator } from '../../../mocks/node';
import { DEFAULT_CONSOLE_URL, readableDuration } from '../../../mocks/saml/pages';
import { acsUrls, portalUrl, SESSION_COOKIE, spEntityId } from '../../../mocks/saml';
import { ManualClock } from '../../../mocks/store';
import { hashSource } from '../../../src/html';
import { material, NOW } from '../../saml/fixtures';
import { addUser, craft, idpMetadataFor } from './support';

const clock = new ManualClock(NOW);
const { state, server } = setupEmulator({ clock, region: 'us-east-1' });
const ACCOUNTS = ['111111111111', '222222222222'];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  clock.set(NOW);
  const res = await fetch('https://portal.sso.us-east-1.amazonaws.com/_fake/saml/idp-metadata', { method: 'PUT', body: idpMetadataFor(await material()) });
  expect(res.status).toBe(200);
  const alice = addUser(state, 'alice@example.com');
  const group = state.directory.createGroup({ displayName: 'Engineering' });
  state.directory.addMember(group.id, alice.id);
  const permissionSet = (name: string, extra: { description?: string; relayState?: string; sessionDuration?: string } = {}) => {
    const arn = `${state.instanceArn.replace(':instance/', ':permissionSet/')}/ps-${name.toLowerCase()}`;
    state.sso.permissionSets.set(arn, {
      arn, name, sessionDuration: extra.sessionDuration ?? 'PT1H', createdDate: NOW, managedPolicies: new Map(), customerManagedPolicies: new Map(),
      tags: new Map(), provisionedTo: new Map(), ...(extra.description && { description: extra.description }), ...(extra.relayState && { relayState: extra.relayState }),
    });
    return arn;
  };
  const power = permissionSet('PowerUser', { sessionDuration: 'PT8H', relayState: 'https://console.aws.amazon.com/ec2/home?a=1&b=2', description: 'Build <things>' });
  const read = permissionSet('ReadOnly', { sessionDuration: 'PT1H30M' });
  state.sso.assignments.push(
    { accountId: ACCOUNTS[0], permissionSetArn: read, principalType: 'GROUP', principalId: group.id },
    { accountId: ACCOUNTS[1], permissionSetArn: power, principalType: 'GROUP', principalId: group.id },
    { accountId: ACCOUNTS[1], permissionSetArn: read, principalType: 'USER', principalId: alice.id },
  );
});
afterEach(() => {
  server.resetHandlers();
  state.reset();
});
afterAll(() => server.close());

/** Signs alice in at the ACS and returns the session cookie. */
async function signIn(): Promise<string> {
  const { base64 } = craft({ now: NOW, sp: { entityId: spEntityId(state), acsUrl: acsUrls(state)[0] }, signing: await material() });
  const res = await fetch(acsUrls(state)[0], {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse: base64 }).toString(),
  });
  expect(res.status).toBe(302);
  return res.headers.get('set-cookie')!.split(';')[0];
}

const portalHtml = async (cookie?: string) => {
  const res = await fetch(portalUrl(state), { headers: cookie ? { cookie } : {} });
  return { res, html: await res.text() };
};

describe('the access portal page', () => {
  test('lists every account with its permission sets, each linking to its relay state, with its session duration', async () => {
    const { res, html } = await portalHtml(await signIn());
    expect(res.status).toBe(200);
    expect([...html.matchAll(/data-account-id="(\d+)"/g)].map((m) => m[1])).toEqual(ACCOUNTS);
    const second = html.slice(html.indexOf(`data-account-id="${ACCOUNTS[1]}"`));
    expect(second).toContain('<a href="https://console.aws.amazon.com/ec2/home?a=1&amp;b=2"');
    expect(second).toContain('session 8 hours');
    expect(second).toContain('Build &lt;things&gt;');
    expect(html).toContain(`<a href="${DEFAULT_CONSOLE_URL}"`);
    expect(html).toContain('session 1 hour 30 minutes');
  });

  test('says who is signed in, when the session ends, and offers sign-out', async () => {
    const { html } = await portalHtml(await signIn());
    expect(html).toContain('Signed in as alice@example.com.');
    expect(html).toContain('<time datetime="2026-03-01T20:00:00.000Z">2026-03-01 20:00:00 UTC</time> (in 8 hours)');
    expect(html).toContain('<form method="post" action="/start/sign-out"><button type="submit">Sign out</button></form>');
  });

  test('has landmarks and headings, and a policy that allows its own style and no script', async () => {
    const { res, html } = await portalHtml(await signIn());
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<header>[\s\S]*<main id="main">[\s\S]*<h1>AWS access portal<\/h1>[\s\S]*<h2 id="accounts-heading">AWS accounts \(2\)<\/h2>/);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain(`style-src ${hashSource(css)}`);
    expect(csp).toContain("script-src 'none'");
    expect(html).not.toContain('<script');
  });

  test('sign-out ends the session and clears the cookie', async () => {
    const cookie = await signIn();
    const out = await fetch(`${portalUrl(state)}/sign-out`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure`));
    expect(await out.text()).toContain('<h1>You have signed out</h1>');
    const { res, html } = await portalHtml(cookie);
    expect(res.status).toBe(401);
    expect(html).toContain('role="alert">not signed in');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  test('fails when the ACS refuses: the page names the check and escapes the message', async () => {
    const res = await fetch(acsUrls(state)[0], {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SAMLResponse: Buffer.from('<x>not a response</x>').toString('base64') }).toString(),
    });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain('<h1>An unexpected error has occurred</h1>');
    expect(html).toContain('<code data-reason="wrong-root">wrong-root</code>');
    expect(html).toContain('expected a samlp:Response (got &lt;x&gt;)');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
  });
});

test.each([
  ['PT1H', '1 hour'],
  ['PT12H', '12 hours'],
  ['PT1H30M', '1 hour 30 minutes'],
  ['PT45M', '45 minutes'],
  ['P1D', 'P1D'],
])('readableDuration(%s) = %s', (iso, text) => {
  expect(readableDuration(iso)).toBe(text);
});
