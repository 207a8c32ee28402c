import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { readableDuration, DEFAULT_CONSOLE_URL } from '../../mocks/saml/pages';
import { effectiveAccess, type AccessReport } from '../../src/access';
import { AUTO_POST_SCRIPT } from '../../src/catalog';
import { hashSource } from '../../src/html';
import { describeWithChromium, openBrowser, type BrowserSession } from '../support/chromium';
import { fetchStateDump, snapshotOfDump, type StateDump } from '../support/state-dump';
import { describeWithTerraform } from '../support/terraform';

const ROOT = resolve(__dirname, '..', '..');

interface Served {
  readonly child: ChildProcess;
  readonly catalog: string;
  readonly endpoint: string;
  readonly port: number;
  output(): string;
  readonly exited: Promise<number | null>;
}

/** `idemeum-aws simulate --serve` as a person runs it, until it prints the catalog URL. */
function startServing(workdir: string): Promise<Served> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'idemeum-aws.js'), 'simulate', '--serve', '--workdir', workdir], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((resolveServed, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /catalog\s+(http:\/\/127\.0\.0\.1:(\d+))(\/idemeum\/catalog)\s/.exec(output);
      if (m) resolveServed({ child, catalog: m[1] + m[3], endpoint: m[1], port: Number(m[2]), output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`simulate --serve exited (${code}) before serving:\n${output}`)));
  });
}

/** (account, permission set) pairs, the unit the portal, the report and effective access share. */
const pairsOf = (report: AccessReport, userName: string): string[] =>
  report.grants.filter((g) => g.userName === userName).map((g) => `${g.accountId}:${g.permissionSet}`).sort();

async function portalPairs(page: Page): Promise<string[]> {
  const pairs = await page.$$eval('li.account', (accounts) =>
    accounts.flatMap((a) => [...a.querySelectorAll('li[data-permission-set]')].map((p) => `${a.getAttribute('data-account-id')}:${p.getAttribute('data-permission-set')}`)),
  );
  return pairs.sort();
}

async function signInThroughTile(page: Page, catalog: string, userName: string): Promise<void> {
  await page.goto(`${catalog}?user=${encodeURIComponent(userName)}`);
  await Promise.all([page.waitForURL('**/start'), page.getByRole('button', { name: 'Amazon Web Services' }).click()]);
}

// Issue 12: the flow a person clicks through, in Debian's Chromium, against the real simulation.
describeWithTerraform('the sign-in a person sees: simulate --serve in Chromium', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'idemeum-serve-'));
  let served: Served;
  let dump: StateDump;
  let report: AccessReport;

  beforeAll(async () => {
    served = await startServing(workdir);
    dump = await fetchStateDump(served.endpoint);
    report = effectiveAccess(snapshotOfDump(dump));
  }, 600_000);
  afterAll(() => {
    if (served && served.child.exitCode === null) served.child.kill('SIGKILL');
  });

  test('prints the catalog URL once the emulator and the catalog are up', () => {
    expect(served.output()).toContain(`catalog        ${served.catalog}`);
    expect(report.grants.length).toBeGreaterThan(0);
  });

  describeWithChromium('in Chromium', (chromiumPath) => {
    let browser: BrowserSession;
    const shown = new Map<string, string[]>();
    const pages: { url: string; status: number; csp: string | undefined }[] = [];

    beforeAll(async () => {
      browser = await openBrowser(chromiumPath, 'catalog-browser');
      browser.context.on('response', (r) => {
        if ((r.headers()['content-type'] ?? '').startsWith('text/html')) pages.push({ url: r.url(), status: r.status(), csp: r.headers()['content-security-policy'] });
      });
    }, 60_000);
    afterAll(() => browser?.close());

    test('catalog → pick ada → the AWS tile → the portal lists exactly the accounts and permission sets effective access gives ada', async () => {
      const page = await browser.context.newPage();
      await page.goto(served.catalog);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Choose a user');
      await page.getByLabel('User').selectOption('ada@acme.example');
      await page.getByRole('button', { name: 'Open catalog' }).click();
      await browser.screenshot(page, '1-catalog-ada');

      const launch = page.waitForResponse((r) => r.url().endsWith('/idemeum/catalog/launch'));
      const acs = page.waitForResponse((r) => r.url().includes('/platform/saml/acs/'));
      await Promise.all([page.waitForURL('**/start'), page.getByRole('button', { name: 'Amazon Web Services' }).click()]);
      expect((await launch).headers()['content-security-policy']).toContain(`script-src ${hashSource(AUTO_POST_SCRIPT)}`);
      expect((await acs).status()).toBe(302);

      const pairs = await portalPairs(page);
      expect(pairs).toEqual(pairsOf(report, 'ada@acme.example'));
      expect(pairs.length).toBeGreaterThan(0);
      shown.set('ada@acme.example', pairs);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('AWS access portal');
      await expect(page.locator('main').textContent()).resolves.toContain('This portal session ends at');
      await browser.screenshot(page, '2-portal-ada');
    });

    test('each permission set shows its session duration and links to its relay state', async () => {
      const page = await browser.context.newPage();
      await signInThroughTile(page, served.catalog, 'grace@acme.example');
      const sets = Object.values(dump.sso.permissionSets);
      const rows = await page.$$eval('li[data-permission-set]', (items) =>
        items.map((i) => ({ name: i.getAttribute('data-permission-set'), href: i.querySelector('a')!.getAttribute('href'), text: i.textContent })),
      );
      expect(rows.length).toBe(pairsOf(report, 'grace@acme.example').length);
      for (const row of rows) {
        const ps = sets.find((s) => s.name === row.name)!;
        expect(row.href).toBe(ps.relayState ?? DEFAULT_CONSOLE_URL);
        expect(row.text).toContain(`session ${readableDuration(ps.sessionDuration)}`);
      }
      // Both branches ran: a permission set with a relay state of its own and one without.
      expect(new Set(rows.map((r) => sets.find((s) => s.name === r.name)!.relayState === undefined))).toEqual(new Set([true, false]));
      shown.set('grace@acme.example', await portalPairs(page));
      await browser.screenshot(page, '3-portal-grace');
    });

    test('every other entitled user lands on exactly their own access', async () => {
      const page = await browser.context.newPage();
      for (const userName of ['barbara@acme.example', 'linus@acme.example']) {
        await signInThroughTile(page, served.catalog, userName);
        const pairs = await portalPairs(page);
        expect({ userName, pairs }).toEqual({ userName, pairs: pairsOf(report, userName) });
        shown.set(userName, pairs);
      }
    });

    test('sign-out ends the portal session', async () => {
      const page = await browser.context.newPage();
      await signInThroughTile(page, served.catalog, 'ada@acme.example');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('You have signed out');
      const again = await page.goto(`${served.endpoint}/start`);
      expect(again!.status()).toBe(401);
    });

    test('hedy (not entitled) sees no AWS tile, and a forced launch for her shows why idemeum refused', async () => {
      const page = await browser.context.newPage();
      await page.goto(`${served.catalog}?user=hedy%40acme.example`);
      await expect(page.getByRole('button', { name: 'Amazon Web Services' }).count()).resolves.toBe(0);
      await expect(page.locator('main').textContent()).resolves.toContain('No applications are assigned to you');
      await browser.screenshot(page, '4-catalog-hedy');

      // The tile is absent, so post what it would have posted. The navigation may tear down the
      // evaluation's context before it returns; the launch response below is what counts.
      const refused = page.waitForResponse((r) => r.url().endsWith('/idemeum/catalog/launch'));
      await page.evaluate(`(() => {
        const f = document.createElement('form');
        f.method = 'post';
        f.action = '/idemeum/catalog/launch';
        for (const [name, value] of [['user', 'hedy@acme.example'], ['app', 'aws']]) {
          const i = document.createElement('input'); i.type = 'hidden'; i.name = name; i.value = value; f.append(i);
        }
        document.body.append(f);
        f.submit();
      })()`).catch(() => undefined);
      expect((await refused).status()).toBe(403);
      await page.waitForLoadState();
      const alert = page.getByRole('alert');
      await expect(alert.textContent()).resolves.toContain('hedy@acme.example is not entitled to the AWS application');
      await browser.screenshot(page, '5-refused-hedy');
    });

    test('the HTML access report opens from disk and shows the same matrix', async () => {
      const page = await browser.context.newPage();
      await page.goto(pathToFileURL(join(workdir, 'access.html')).href);
      const matrix = await page.$$eval('#matrix tbody tr', (rows) =>
        rows.map((r) => ({
          user: r.getAttribute('data-user')!,
          pairs: [...r.querySelectorAll('td[data-account] li[data-permission-set]')]
            .map((li) => `${li.closest('td')!.getAttribute('data-account')}:${li.getAttribute('data-permission-set')}`)
            .sort(),
        })),
      );
      const entitledUsers = [...new Set(report.grants.map((g) => g.userName))].sort();
      expect(matrix.map((r) => r.user).sort()).toEqual(entitledUsers);
      for (const row of matrix) {
        expect(row.pairs).toEqual(pairsOf(report, row.user));
        if (shown.has(row.user)) expect(row.pairs).toEqual(shown.get(row.user));
      }
      expect(shown.size).toBe(entitledUsers.length);
      await browser.screenshot(page, '6-access-report');
    });

    test('every page came with a Content-Security-Policy and no request left 127.0.0.1 or file:', () => {
      const served = pages.filter((p) => p.url.startsWith('http://127.0.0.1:'));
      expect(served.length).toBeGreaterThan(10);
      for (const p of served) {
        expect({ url: p.url, csp: p.csp }).toEqual({ url: p.url, csp: expect.stringContaining("default-src 'none'") });
        if (!p.url.endsWith('/idemeum/catalog/launch') || p.status !== 200) expect(p.csp).toContain("script-src 'none'");
      }
      expect(browser.offLoopback).toEqual([]);
    });
  });

  describe('Ctrl-C', () => {
    test('SIGINT stops the simulation: exit 0 and the port is closed', async () => {
      served.child.kill('SIGINT');
      await expect(served.exited).resolves.toBe(0);
      const refused = await new Promise<string>((done) => {
        const socket = connect(served.port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), done('connected')));
        socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
      expect(served.output()).toContain('stopping');
    }, 30_000);
  });
});
