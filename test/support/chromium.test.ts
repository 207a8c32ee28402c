import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { locateChromium } from './chromium';

describe('locateChromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'idemeum-chromium-path-'));
  const fake = join(dir, 'chromium-browser');
  writeFileSync(fake, '#!/bin/sh\n');
  chmodSync(fake, 0o755);
  const notExecutable = join(dir, 'chromium.txt');
  writeFileSync(notExecutable, '');

  test.each([
    ['CHROMIUM_PATH names an executable', { CHROMIUM_PATH: fake, PATH: '' }, { path: fake }],
    ['chromium-browser is on PATH', { PATH: ['', join(dir, 'missing'), dir].join(delimiter) }, { path: fake }],
  ])('finds it when %s', (_name, env, expected) => {
    expect(locateChromium(env)).toEqual(expected);
  });

  test.each([
    ['CHROMIUM_PATH is not executable', { CHROMIUM_PATH: notExecutable, PATH: dir }, `CHROMIUM_PATH=${notExecutable} is not an executable file`],
    ['nothing is on PATH', { PATH: join(dir, 'missing') }, 'Chromium is not on PATH (apt-get install chromium, or set CHROMIUM_PATH)'],
  ])('fails when %s, with the reason', (_name, env, reason) => {
    expect(locateChromium(env)).toEqual({ reason });
  });
});
