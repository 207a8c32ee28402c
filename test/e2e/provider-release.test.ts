import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startEmulator, type StartedEmulator } from '../../mocks/testing';
import { packageVersion } from '../../src/provider/package/layout';
import { archiveName, buildRelease, RELEASE_PLATFORMS, RUNNER_ENV_PREFIX, runnersFromEnv, sha256sumsName } from '../../src/provider/package/release';
import { TerraformWorkdir } from '../../src/terraform/workdir';
import { describeWithRelease } from '../support/release';
import { createTestCa, serveStatic, type StaticServer, type TestCa } from '../support/static-https';
import { readZip } from '../support/zip';

/**
 * `idemeum-aws provider release` output installed the ways a user installs it: the folder as a
 * packed filesystem_mirror, and the same folder served over HTTPS as a network_mirror. Terraform
 * and the provider run with a PATH that has no node on it, so what starts is the single
 * executable. One release for the suite (a second one only to compare bytes), one emulator.
 */
const ROOT = resolve(__dirname, '..', '..');
const VERSION = packageVersion();
const TYPE_DIR = join('registry.terraform.io', 'idemeum', 'idemeum');
const PLATFORM_FLAGS = RELEASE_PLATFORMS.map((p) => `-platform=${p}`);

const HCL = `
terraform {
  required_providers {
    idemeum = { source = "idemeum/idemeum" }
  }
}

provider "idemeum" {
  request_timeout = "10s"
}

variable "who" {
  type = string
}

resource "idemeum_pushed_user" "ada" {
  user_name    = "ada-\${var.who}@acme.example"
  display_name = "Ada Lovelace"
  given_name   = "Ada"
  family_name  = "Lovelace"
}

resource "idemeum_pushed_group" "admins" {
  display_name = "Admins-\${var.who}"
  members      = [idemeum_pushed_user.ada.id]
}
`;

/** Whether `name` would be found on `path` the way a shell or Go's exec.LookPath finds it. */
function resolvable(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const candidate of [name, `${name}.exe`, `${name}.cmd`]) {
      try {
        accessSync(join(dir, candidate), constants.X_OK);
        return join(dir, candidate);
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describeWithRelease('provider release installed by real terraform with no node on PATH (e2e)', ({ terraform, nodeCacheDir }) => {
  jest.setTimeout(300_000);
  let tmp: string;
  let outDir: string;
  let typeDir: string;
  let releaseStdout: string;
  let emu: StartedEmulator;
  let ca: TestCa;
  let mirror: StaticServer;
  let caFile: string;
  /** A PATH with nothing on it: terraform is given by absolute path and the provider needs nothing. */
  let barePath: string;
  const versionJson = () => JSON.parse(readFileSync(join(typeDir, `${VERSION}.json`), 'utf8')) as { archives: Record<string, { url: string; hashes: string[] }> };

  function workdir(name: string, env: Record<string, string> = {}): TerraformWorkdir {
    const wd = TerraformWorkdir.create({
      terraform,
      mirrors: [outDir],
      dir: join(tmp, name),
      env: { PATH: barePath, IDEMEUM_SCIM_ENDPOINT: emu.scimUrl, IDEMEUM_SCIM_TOKEN: emu.scimToken, TF_VAR_who: name, ...env },
    });
    wd.writeFile('main.tf', HCL);
    return wd;
  }

  function networkMirrorConfig(): string {
    return `provider_installation {
  network_mirror {
    url     = "${mirror.url}"
    include = ["registry.terraform.io/idemeum/*"]
  }
  direct {
    exclude = ["registry.terraform.io/idemeum/*"]
  }
}
`;
  }

  async function applyThenEmptyPlan(wd: TerraformWorkdir, who: string): Promise<void> {
    await wd.expectOk(['apply', '-auto-approve', '-input=false', '-no-color']);
    const user = [...emu.state.directory.users.values()].find((u) => u.userName === `ada-${who}@acme.example`);
    expect(user).toBeDefined();
    const group = [...emu.state.directory.groups.values()].find((g) => g.displayName === `Admins-${who}`);
    expect(emu.state.directory.membersOfGroup(group!.id).map((m) => m.userId)).toEqual([user!.id]);
    const plan = await wd.run(['plan', '-detailed-exitcode', '-input=false', '-no-color']);
    expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
    expect(plan.stdout).toContain('No changes.');
  }

  /** The package terraform installed: the single executable and Node's licence, no bundle beside it. */
  function installedPackage(wd: TerraformWorkdir): string[] {
    return readdirSync(join(wd.dir, '.terraform', 'providers', TYPE_DIR, VERSION, 'linux_amd64')).sort();
  }

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'idemeum-release-e2e-'));
    outDir = join(tmp, 'release');
    typeDir = join(outDir, TYPE_DIR);
    const run = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'idemeum-aws.js'), 'provider', 'release', '--out', outDir], {
      cwd: ROOT,
      env: { ...process.env, IDEMEUM_NODE_CACHE: nodeCacheDir },
      maxBuffer: 16 * 1024 * 1024,
    });
    releaseStdout = run.stdout;
    barePath = join(tmp, 'empty-bin');
    mkdirSync(barePath);
    [emu, ca] = await Promise.all([startEmulator(), createTestCa()]);
    caFile = join(tmp, 'test-ca.pem');
    writeFileSync(caFile, ca.caPem);
    mirror = await serveStatic(outDir, ca);
  }, 600_000);

  afterAll(async () => {
    await mirror?.close();
    await emu?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('provider release reports one zip per platform and which ones carry their own Node', () => {
    for (const p of RELEASE_PLATFORMS) expect(releaseStdout).toContain(p);
    expect(releaseStdout).toMatch(/linux_amd64 .* single executable \(Node 24\.\d+\.\d+, code cache\)/);
    expect(releaseStdout).toMatch(/darwin_arm64 .* launcher, needs Node >= 20 on PATH/);
    expect(readdirSync(typeDir).sort()).toEqual(
      [...RELEASE_PLATFORMS.map((p) => archiveName(VERSION, p)), sha256sumsName(VERSION), `terraform-provider-idemeum_${VERSION}_manifest.json`, `${VERSION}.json`, 'index.json'].sort(),
    );
  });

  test('the PATH terraform and the provider are given has no node on it', () => {
    expect(resolvable('node', barePath)).toBeUndefined();
    // The check itself finds node where there is one (this jest runs on it).
    expect(resolvable('node', process.env.PATH ?? '')).toBeDefined();
  });

  test('installs from the folder as a packed filesystem_mirror and applies with no node on PATH; the next plan is empty', async () => {
    const wd = workdir('fs');
    const init = await wd.init();
    expect(init.stdout).toContain(`Installed idemeum/idemeum v${VERSION} (unauthenticated)`);
    expect(installedPackage(wd)).toEqual(['LICENSE.node', `terraform-provider-idemeum_v${VERSION}`]);
    await applyThenEmptyPlan(wd, 'fs');
  });

  test('installs from the folder served over HTTPS as a network_mirror (test CA via SSL_CERT_FILE) and applies with no node on PATH; the next plan is empty', async () => {
    const wd = workdir('net', { SSL_CERT_FILE: caFile });
    writeFileSync(wd.cliConfigPath, networkMirrorConfig());
    const init = await wd.init();
    expect(init.stdout).toMatch(new RegExp(`Installed idemeum/idemeum v${VERSION.replace(/\./g, '\\.')}`));
    expect(mirror.requests).toEqual(
      expect.arrayContaining([`200 /${TYPE_DIR}/index.json`, `200 /${TYPE_DIR}/${VERSION}.json`, `200 /${TYPE_DIR}/${archiveName(VERSION, 'linux_amd64')}`]),
    );
    // Terraform checked the zip against the mirror's hashes and locked the package's h1:.
    expect(readFileSync(join(wd.dir, '.terraform.lock.hcl'), 'utf8')).toContain(versionJson().archives.linux_amd64.hashes[0]);
    expect(installedPackage(wd)).toEqual(['LICENSE.node', `terraform-provider-idemeum_v${VERSION}`]);
    await applyThenEmptyPlan(wd, 'net');
  });

  test('a remote runner: the linux_amd64 zip in the configuration\'s terraform.d/plugins is found with no provider_installation at all', async () => {
    const wd = workdir('implied');
    writeFileSync(wd.cliConfigPath, '# no provider_installation: Terraform\'s implied local mirrors\n');
    const plugins = join(wd.dir, 'terraform.d', 'plugins', TYPE_DIR);
    mkdirSync(plugins, { recursive: true });
    copyFileSync(join(typeDir, archiveName(VERSION, 'linux_amd64')), join(plugins, archiveName(VERSION, 'linux_amd64')));
    const init = await wd.init();
    expect(init.stdout).toContain(`Installed idemeum/idemeum v${VERSION} (unauthenticated)`);
    await applyThenEmptyPlan(wd, 'implied');
  });

  test('fails when the network mirror is served with a certificate Terraform does not trust', async () => {
    const wd = workdir('untrusted');
    writeFileSync(wd.cliConfigPath, networkMirrorConfig());
    const init = await wd.run(['init', '-input=false', '-no-color']);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/certificate signed by unknown authority|x509/);
  });

  test('terraform providers lock -fs-mirror for all five platforms writes one lock file with every platform h1:, which init then accepts', async () => {
    const wd = workdir('lock-fs');
    await wd.expectOk(['providers', 'lock', '-no-color', `-fs-mirror=${outDir}`, ...PLATFORM_FLAGS]);
    const lock = readFileSync(join(wd.dir, '.terraform.lock.hcl'), 'utf8');
    for (const p of RELEASE_PLATFORMS) expect(lock).toContain(versionJson().archives[p].hashes[0]);
    expect(versionJson().archives.linux_amd64.hashes[0]).toMatch(/^h1:/);
    await wd.init();
    expect(readFileSync(join(wd.dir, '.terraform.lock.hcl'), 'utf8')).toBe(lock);
  });

  test('terraform providers lock -net-mirror for all five platforms writes the same h1: hashes as the mirror\'s <version>.json', async () => {
    const wd = workdir('lock-net', { SSL_CERT_FILE: caFile });
    await wd.expectOk(['providers', 'lock', '-no-color', `-net-mirror=${mirror.url}`, ...PLATFORM_FLAGS]);
    const lock = readFileSync(join(wd.dir, '.terraform.lock.hcl'), 'utf8');
    const h1s = [...new Set(RELEASE_PLATFORMS.map((p) => versionJson().archives[p].hashes[0]))].sort();
    // Mirrors are unauthenticated, so Terraform locks what it computed itself; zh: it locks only from a signed registry.
    expect([...lock.matchAll(/"(h1:[^"]+|zh:[^"]+)"/g)].map((m) => m[1]).sort()).toEqual(h1s);
  });

  test('fails when a network mirror\'s zh: hash does not match the zip it serves', async () => {
    const tampered = join(tmp, 'tampered');
    mkdirSync(join(tampered, TYPE_DIR), { recursive: true });
    copyFileSync(join(typeDir, 'index.json'), join(tampered, TYPE_DIR, 'index.json'));
    copyFileSync(join(typeDir, archiveName(VERSION, 'linux_amd64')), join(tampered, TYPE_DIR, archiveName(VERSION, 'linux_amd64')));
    const json = versionJson();
    json.archives.linux_amd64.hashes = [`zh:${'0'.repeat(64)}`];
    writeFileSync(join(tampered, TYPE_DIR, `${VERSION}.json`), JSON.stringify(json));
    const bad = await serveStatic(tampered, ca);
    try {
      const wd = workdir('tampered', { SSL_CERT_FILE: caFile });
      writeFileSync(wd.cliConfigPath, networkMirrorConfig().replace(mirror.url, bad.url));
      const init = await wd.run(['init', '-input=false', '-no-color']);
      expect(init.code).toBe(1);
      expect(init.stderr).toMatch(/checksum|does not match/i);
    } finally {
      await bad.close();
    }
  });

  test('SHA256SUMS and the zh: hashes of <version>.json match the files; index.json lists the version', () => {
    const sums = readFileSync(join(typeDir, sha256sumsName(VERSION)), 'utf8').trim().split('\n');
    const listed = sums.map((line) => line.split('  ')[1]);
    expect(listed).toEqual([...listed].sort());
    for (const line of sums) {
      const [hex, name] = line.split('  ');
      expect({ name, hex }).toEqual({ name, hex: sha256(join(typeDir, name)) });
    }
    for (const [platform, archive] of Object.entries(versionJson().archives)) {
      expect(archive.url).toBe(archiveName(VERSION, platform));
      expect(archive.hashes[1]).toBe(`zh:${sha256(join(typeDir, archive.url))}`);
    }
    expect(JSON.parse(readFileSync(join(typeDir, 'index.json'), 'utf8'))).toEqual({ versions: { [VERSION]: {} } });
  });

  test('linux and windows zips hold a single executable with Node\'s SEA fuse flipped; darwin zips hold the launcher and its bundle', () => {
    const entries = (p: string) => readZip(readFileSync(join(typeDir, archiveName(VERSION, p))));
    for (const p of ['linux_amd64', 'linux_arm64', 'windows_amd64']) {
      const exe = `terraform-provider-idemeum_v${VERSION}${p.startsWith('windows') ? '.exe' : ''}`;
      const zip = entries(p);
      expect(zip.map((e) => [e.name, e.mode.toString(8), e.madeBy])).toEqual([['LICENSE.node', '644', 3], [exe, '755', 3]]);
      const binary = zip[1].data;
      // A PE (MZ) for Windows, an ELF for Linux; the blob's presence flips Node's fuse.
      expect(p.startsWith('windows') ? binary.subarray(0, 2).toString('latin1') : binary.subarray(0, 4).toString('latin1')).toBe(p.startsWith('windows') ? 'MZ' : '\x7fELF');
      expect(binary.includes(Buffer.from('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1'))).toBe(true);
    }
    for (const p of ['darwin_amd64', 'darwin_arm64']) {
      const zip = entries(p);
      expect(zip.map((e) => [e.name, e.mode.toString(8)])).toEqual([['provider.js', '644'], [`terraform-provider-idemeum_v${VERSION}`, '755']]);
      expect(zip[1].data.toString('utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    }
  });

  const arm64Runner = runnersFromEnv().linux_arm64;
  (arm64Runner ? test : test.skip)(
    arm64Runner ? `linux_arm64 carries the code cache of its own node and started under ${arm64Runner}` : `not run: linux_arm64 executable start (set ${RUNNER_ENV_PREFIX}LINUX_ARM64, e.g. qemu-aarch64)`,
    () => {
      const arm = readZip(readFileSync(join(typeDir, archiveName(VERSION, 'linux_arm64'))))[1].data;
      expect(arm.readUInt16LE(18)).toBe(183); // e_machine EM_AARCH64
      expect(releaseStdout).toMatch(/linux_arm64 .* single executable \(Node 24\.\d+\.\d+, code cache\)/);
    },
  );
  if (!arm64Runner) process.stderr.write(`[provider release e2e] NOT RUN: starting the linux_arm64 executable — no ${RUNNER_ENV_PREFIX}LINUX_ARM64 (e.g. qemu-aarch64 with QEMU_LD_PREFIX); its blob has no code cache then\n`);

  test('building the release again from the same input gives the same bytes', async () => {
    const again = await buildRelease({ outDir: join(tmp, 'again'), version: VERSION, nodeCacheDir, runners: runnersFromEnv() });
    const files = readdirSync(typeDir).sort();
    expect(readdirSync(again.dir).sort()).toEqual(files);
    for (const f of files) expect({ f, sha256: sha256(join(again.dir, f)) }).toEqual({ f, sha256: sha256(join(typeDir, f)) });
  }, 600_000);
});
