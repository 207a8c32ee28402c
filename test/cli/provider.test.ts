import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { cliConfigBlock, command } from '../../src/cli/provider';

/** Runs `idemeum-aws provider <args>` in process and returns what it printed. */
async function provider(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await command.run(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('idemeum-aws provider --help', () => {
  test.each([
    [['--help'], 'usage: idemeum-aws provider <install|release>'],
    [['install', '--help'], 'usage: idemeum-aws provider install [--dir D] [--cli-config FILE] [--aws-mirror DIR]'],
    [['release', '--help'], 'usage: idemeum-aws provider release --out DIR [--version V]'],
    [['release', '-h', '--out', 'x'], 'usage: idemeum-aws provider release --out DIR'],
  ])('%j prints that usage on stdout and exits 0', async (args, usage) => {
    const r = await provider(...args);
    expect(r).toEqual({ code: 0, stdout: expect.stringContaining(usage), stderr: '' });
  });
});

test('idemeum-aws provider release --help through the CLI entry point shows the release options', async () => {
  let stdout = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  try {
    await expect(main(['provider', 'release', '--help'])).resolves.toBe(0);
  } finally {
    out.mockRestore();
  }
  expect(stdout).toContain('usage: idemeum-aws provider release --out DIR');
  expect(stdout).toContain('--runner P=COMMAND');
});

describe('idemeum-aws provider: bad input', () => {
  test.each([
    ['the subcommand is missing', [], /missing subcommand/, 'usage: idemeum-aws provider <install|release>'],
    ['the subcommand is unknown', ['publish'], /unknown subcommand "publish"/, 'usage: idemeum-aws provider <install|release>'],
    ['an option belongs to the other subcommand', ['install', '--out', 'x'], /unknown option "--out" for provider install/, 'provider install [--dir D]'],
    ['an option has no value', ['install', '--dir'], /--dir needs a value/, 'provider install [--dir D]'],
    ['release has no --out', ['release'], /--out DIR is required/, 'provider release --out DIR'],
    ['--runner names no platform', ['release', '--out', 'x', '--runner', 'qemu-aarch64'], /--runner "qemu-aarch64" must be PLATFORM=COMMAND/, 'provider release --out DIR'],
    ['--runner names a platform without a single executable', ['release', '--out', 'x', '--runner', 'darwin_arm64=qemu'], /PLATFORM one of linux_amd64, linux_arm64, windows_amd64/, 'provider release --out DIR'],
  ])('fails when %s: exit 2, the problem and the usage on stderr', async (_what, args, problem, usage) => {
    const r = await provider(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(problem);
    expect(r.stderr).toContain(usage);
  });

  test('fails when the release version is not a semantic version, before building anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idemeum-release-bad-'));
    try {
      await expect(provider('release', '--out', dir, '--version', 'v1')).rejects.toThrow('version "v1" is not a semantic version like 0.1.0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('idemeum-aws provider install --aws-mirror', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'idemeum-install-'));
    mkdirSync(join(dir, 'aws', 'registry.terraform.io', 'hashicorp', 'aws'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('writes a CLI config with both mirrors, both excluded from direct', async () => {
    const r = await provider('install', '--dir', join(dir, 'mirror'), '--cli-config', join(dir, 'tf.rc'), '--aws-mirror', join(dir, 'aws'));
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'tf.rc'), 'utf8')).toBe(r.stdout);
    expect(r.stdout).toBe(cliConfigBlock(join(dir, 'mirror'), join(dir, 'aws')));
    expect(r.stdout).toContain(`path    = ${JSON.stringify(join(dir, 'aws'))}\n    include = ["registry.terraform.io/hashicorp/aws"]`);
    expect(r.stdout).toContain('exclude = ["registry.terraform.io/idemeum/*", "registry.terraform.io/hashicorp/aws"]');
  }, 120_000);

  test('without it, only idemeum/* comes from the mirror and hashicorp/aws still from the registry', () => {
    const block = cliConfigBlock('/m');
    expect(block).not.toContain('hashicorp/aws');
    expect(block).toContain('exclude = ["registry.terraform.io/idemeum/*"]');
  });

  test('fails when the folder holds no hashicorp/aws, saying which folder to give', async () => {
    await expect(provider('install', '--dir', join(dir, 'mirror2'), '--aws-mirror', join(dir, 'mirror'))).rejects.toThrow(
      `--aws-mirror ${join(dir, 'mirror')} holds no registry.terraform.io/hashicorp/aws; give the mirror's root, the folder that contains registry.terraform.io/`,
    );
  });
});
