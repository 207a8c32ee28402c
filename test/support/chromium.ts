import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { findOnPath, isExecutable, type Located } from '../../src/terraform/locate';
import { describeOrReport } from './not-run';

/**
 * Debian's Chromium, driven by playwright-core: never a browser download. `$CHROMIUM_PATH` if set,
 * else `chromium` (or `chromium-browser`) on PATH.
 */
export function locateChromium(env: NodeJS.ProcessEnv = process.env): Located {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    return isExecutable(configured) ? { path: configured } : { reason: `CHROMIUM_PATH=${configured} is not an executable file` };
  }
  for (const name of ['chromium', 'chromium-browser']) {
    const found = findOnPath(name, env);
    if (found) return { path: found };
  }
  return { reason: 'Chromium is not on PATH (apt-get install chromium, or set CHROMIUM_PATH)' };
}

/** `describe` for browser suites; without Chromium it prints NOT RUN with the reason. */
export function describeWithChromium(name: string, body: (executablePath: string) => void): void {
  const located = locateChromium();
  describeOrReport('browser suites', name, located.reason, () => body(located.path!));
}

/**
 * No background traffic, no first-run or sync, and a resolver that knows only loopback, so nothing
 * the browser does can reach another host even by accident. (`--headless` comes from the launch
 * option; Playwright rejects `--user-data-dir` in args and takes the fresh directory as a parameter.)
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

const ALLOWED = /^(http:\/\/127\.0\.0\.1:\d+\/|file:|data:|about:)/;

export interface BrowserSession {
  readonly context: BrowserContext;
  /** Where this suite's screenshots go (gitignored). */
  readonly outputDir: string;
  /** Every URL the browser tried that was neither loopback nor file: (each was aborted). */
  readonly offLoopback: string[];
  /** A second context in the same browser, e.g. with JavaScript off. */
  newContext(options: BrowserContextOptions): Promise<BrowserContext>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** The suite's output folder: `$TEST_OUTPUT_DIR/<suite>`, by default `test-output/<suite>` in the repository. */
export function testOutputDir(suite: string): string {
  const dir = join(process.env.TEST_OUTPUT_DIR ?? resolve(__dirname, '..', '..', 'test-output'), suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Chromium headless with a fresh profile; requests off loopback are recorded and aborted. */
export async function openBrowser(executablePath: string, suite: string): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'idemeum-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 960, height: 640 } });
  const offLoopback: string[] = [];
  const guard = async (ctx: BrowserContext): Promise<void> => {
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (ALLOWED.test(url)) return route.continue();
      offLoopback.push(url);
      return route.abort('blockedbyclient');
    });
  };
  await guard(context);
  const browser = context.browser() as Browser;
  const outputDir = testOutputDir(suite);
  const extra: BrowserContext[] = [];
  return {
    context,
    outputDir,
    offLoopback,
    async newContext(options) {
      const ctx = await browser.newContext({ viewport: { width: 960, height: 640 }, ...options });
      await guard(ctx);
      extra.push(ctx);
      return ctx;
    },
    async screenshot(page, name) {
      const path = join(outputDir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      for (const ctx of extra) await ctx.close();
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
