import type { Page } from 'playwright-core';
import { describeWithChromium, openBrowser, type BrowserSession } from '../support/chromium';
import { ACCOUNT, startCatalogHarness, type CatalogHarness } from './harness';

/** What the focused element is, by class or tag, for keyboard walks. */
const focused = (page: Page): Promise<string> => page.evaluate('document.activeElement.className || document.activeElement.tagName');

// The catalog, the HTTP-POST binding and the ACS's refusals in Chromium, on an emulator whose clock
// the test moves. The full flow against the simulation is test/e2e/catalog-browser.test.ts.
describeWithChromium('catalog and portal in Chromium (loopback emulator, manual clock)', (chromiumPath) => {
  let h: CatalogHarness;
  let browser: BrowserSession;

  beforeAll(async () => {
    h = await startCatalogHarness();
    browser = await openBrowser(chromiumPath, 'catalog');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  test('keyboard only: Tab reaches the skip link, then the AWS tile, and Enter signs in', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${h.catalog}?user=ada@acme.example`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('skip');
    for (let i = 0; i < 5 && (await focused(page)) !== 'tile'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('tile');
    await Promise.all([page.waitForURL('**/start'), page.keyboard.press('Enter')]);
    await expect(page.locator(`li.account[data-account-id="${ACCOUNT}"] a`).textContent()).resolves.toBe('ReadOnly');
    await expect(page.getByRole('main').count()).resolves.toBe(1);
    await expect(page.getByRole('banner').count()).resolves.toBe(1);
  });

  test('without JavaScript the no-script button posts the response and the portal still works', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.catalog}?user=ada@acme.example`);
    await page.getByRole('button', { name: 'Amazon Web Services' }).click();
    const proceed = page.getByRole('button', { name: 'Continue to Amazon Web Services' });
    await expect(proceed.isVisible()).resolves.toBe(true);
    await Promise.all([page.waitForURL('**/start'), proceed.click()]);
    await expect(page.locator('li[data-permission-set="ReadOnly"] a').getAttribute('href')).resolves.toBe('https://console.aws.amazon.com/s3/home');
    await expect(page.locator('li[data-permission-set="ReadOnly"]').textContent()).resolves.toContain('session 2 hours');
  });

  test('fails when the assertion expired before it was posted: the page shows the ACS reason', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${h.catalog}?user=ada@acme.example`);
    await page.getByRole('button', { name: 'Amazon Web Services' }).click();
    // Five minutes of validity plus five of tolerated skew, then the person presses the button.
    const before = h.clock.now();
    h.clock.advance(11 * 60_000);
    try {
      const [acs] = await Promise.all([page.waitForResponse((r) => r.url().includes('/platform/saml/acs/')), page.getByRole('button', { name: 'Continue to Amazon Web Services' }).click()]);
      expect(acs.status()).toBe(403);
    } finally {
      h.clock.set(before);
    }
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('An unexpected error has occurred');
    await expect(page.locator('[data-reason]').getAttribute('data-reason')).resolves.toBe('expired');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/expired at \d{4}-/);
    await browser.screenshot(page, 'acs-refused-expired');
  });

  test('fails when the user is disabled in IAM Identity Center: the tile lands on the ACS reason', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${h.catalog}?user=carol@acme.example`);
    const [acs] = await Promise.all([page.waitForResponse((r) => r.url().includes('/platform/saml/acs/')), page.getByRole('button', { name: 'Amazon Web Services' }).click()]);
    expect(acs.status()).toBe(403);
    await page.waitForLoadState();
    await expect(page.locator('[data-reason]').getAttribute('data-reason')).resolves.toBe('inactive-user');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('the user carol@acme.example is disabled in IAM Identity Center');
  });

  test('fails when a page on another site posts the launch form: nothing is signed', async () => {
    const page = await browser.context.newPage();
    await page.setContent(
      `<form method="post" action="${h.emulator.endpoint}/idemeum/catalog/launch"><input name="user" value="ada@acme.example"><input name="app" value="aws"><button>go</button></form>`,
    );
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/launch')), page.getByRole('button', { name: 'go' }).click()]);
    expect(res.status()).toBe(403);
    await page.waitForLoadState();
    await expect(page.locator('[data-reason]').getAttribute('data-reason')).resolves.toBe('cross-site');
  });

  test('the policy stops any inline script the page does not name', async () => {
    const page = await browser.context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) violations.push(m.text());
    });
    for (const url of [`${h.catalog}?user=ada@acme.example`, `${h.emulator.endpoint}/start`]) {
      await page.goto(url);
      await page.evaluate(`(() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.append(s); })()`);
      await expect(page.evaluate('window.injected === true')).resolves.toBe(false);
    }
    expect(violations.length).toBeGreaterThanOrEqual(2);
  });

  test('no request left 127.0.0.1', () => {
    expect(browser.offLoopback).toEqual([]);
  });
});
