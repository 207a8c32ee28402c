import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { type Installed, installProvider } from '../../../src/cli/provider';
import { BUNDLE_FILE, CODE_CACHE_FILE } from '../../../src/provider/package/launcher';
import { generateCertificate } from '../../../src/provider/server/cert';
import { grpcDefinitions } from '../../../src/provider/server/grpc-defs';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, NOT_A_COMMAND_MESSAGE } from '../../../src/provider/server/handshake';
import { FakeCore } from '../../support/fake-core';

/** These tests run the bundled executable exactly as Terraform launches it. */
let dir: string;
let installed: Installed;
let executable: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'idemeum-provider-'));
  installed = await installProvider({ dir });
  executable = installed.executable;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('go-plugin handshake of the bundled provider', () => {
  test('the package is the executable, the self-contained bundle and its code cache, nothing else', () => {
    expect(readdirSync(dirname(executable)).sort()).toEqual([BUNDLE_FILE, CODE_CACHE_FILE, `terraform-provider-idemeum_v${installed.version}`].sort());
    const launcher = readFileSync(executable, 'utf8');
    expect(launcher.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // Only node's own modules: everything else is in the bundle, inside the hashed package directory.
    expect([...launcher.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).sort()).toEqual(['node:fs', 'node:path', 'node:vm']);
    const bundle = readFileSync(installed.bundle, 'utf8');
    expect(bundle).not.toMatch(/require\("(@grpc|@msgpack|protobufjs|undici|@peculiar|xml-crypto)/);
    expect(installed.codeCache).toEqual({ file: join(dirname(executable), CODE_CACHE_FILE), bytes: expect.any(Number) });
  });

  test('the bundle carries the .proto descriptors as JSON, not the .proto text', () => {
    const bundle = readFileSync(installed.bundle, 'utf8');
    expect(bundle).not.toContain('syntax = "proto3"');
    expect(bundle).toContain('GetProviderSchema');
  });

  test('starts one server: exactly one handshake line on stdout until Shutdown', async () => {
    const child = spawn(executable, [], {
      env: { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6', PLUGIN_CLIENT_CERT: '' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    while (!stdout.includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const address = stdout.split('|')[3];
    const controller = new (grpcDefinitions().controller)(`unix:${address}`, grpc.credentials.createInsecure());
    // A schema round trip first, so a second server started alongside would have printed by now.
    const provider = new (grpcDefinitions().provider)(`unix:${address}`, grpc.credentials.createInsecure());
    await new Promise((resolve, reject) =>
      (provider as unknown as { GetProviderSchema: (r: object, cb: (e: Error | null, res: unknown) => void) => void }).GetProviderSchema({}, (e, res) => (e ? reject(e) : resolve(res))),
    );
    await new Promise((resolve) => (controller as unknown as { Shutdown: (r: object, cb: () => void) => void }).Shutdown({}, () => resolve(undefined)));
    expect(await exited).toBe(0);
    provider.close();
    controller.close();
    expect(stdout.split('\n')).toEqual([expect.stringMatching(/^1\|6\|unix\|/), '']);
  }, 30_000);

  test('prints 1|6|unix|<socket>|grpc|<cert>, serves GetProviderSchema over mTLS, exits on Shutdown', async () => {
    const core = await FakeCore.spawn(executable);
    expect(core.handshake).toMatchObject({ core: 1, app: 6, network: 'unix', protocol: 'grpc' });
    expect(core.handshake.cert.length).toBeGreaterThan(50);
    expect(core.handshake.cert).not.toContain('=');
    const schema = await core.schema();
    expect(schema.provider.block.attributes.map((a: { name: string }) => a.name)).toContain('scim_token');
    await expect(core.shutdown()).resolves.toBe(0);
  }, 30_000);

  test('fails when the client presents a certificate other than PLUGIN_CLIENT_CERT', async () => {
    const core = await FakeCore.spawn(executable);
    const h = core.handshake;
    const stranger = generateCertificate();
    const der = Buffer.from(h.cert, 'base64').toString('base64').replace(/(.{64})/g, '$1\n');
    const creds = grpc.credentials.createSsl(Buffer.from(`-----BEGIN CERTIFICATE-----\n${der}\n-----END CERTIFICATE-----\n`), Buffer.from(stranger.keyPem), Buffer.from(stranger.certPem));
    const client = new (grpcDefinitions().provider)(`unix:${h.address}`, creds, { 'grpc.ssl_target_name_override': 'localhost' });
    const err = await new Promise<grpc.ServiceError | null>((resolve) =>
      (client as unknown as { GetProviderSchema: (r: object, o: object, cb: (e: grpc.ServiceError | null) => void) => void }).GetProviderSchema(
        {},
        { deadline: Date.now() + 5000 },
        (e) => resolve(e),
      ),
    );
    client.close();
    expect(err).not.toBeNull();
    expect(err!.code).toBe(grpc.status.UNAVAILABLE);
    await core.shutdown();
  }, 30_000);

  test('ignores SIGINT (Terraform sends StopProvider instead) and keeps serving', async () => {
    const core = await FakeCore.spawn(executable);
    core.process!.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    expect(core.process!.exitCode).toBeNull();
    expect(await core.stop()).toBe('');
    await expect(core.schema()).resolves.toHaveProperty('provider');
    await expect(core.shutdown()).resolves.toBe(0);
  }, 30_000);

  test('fails when run by hand (no magic cookie): explains and exits 1, nothing on stdout', () => {
    const env = { ...process.env };
    delete env[MAGIC_COOKIE_KEY];
    const r = spawnSync(executable, [], { env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(NOT_A_COMMAND_MESSAGE);
  });

  test('fails when Terraform offers only protocol 5', () => {
    const r = spawnSync(executable, [], { env: { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5' }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('speaks plugin protocol 6, but the caller offered 5');
  });

  test('serves plaintext when TLS is disabled (no PLUGIN_CLIENT_CERT): empty cert field', async () => {
    const child = spawn(executable, [], { env: { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_CLIENT_CERT: '' } });
    const line = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    child.kill('SIGKILL');
    expect(line).toMatch(/^1\|6\|unix\|[^|]+\|grpc\|\n$/);
  }, 30_000);
});
