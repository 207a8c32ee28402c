import { FakeCore } from '../../support/fake-core';

/**
 * go-plugin serves on TCP on Windows (Node there takes a socket path for a named pipe), which is
 * what the windows_amd64 single executable does. The same transport, tried here on loopback.
 */
describe('serving over TCP (the Windows transport)', () => {
  test('prints 1|6|tcp|127.0.0.1:<port>|grpc|<cert> and serves the schema over mTLS on that port', async () => {
    const core = await FakeCore.inProcess({ network: 'tcp' });
    try {
      expect(core.handshake).toMatchObject({ core: 1, app: 6, network: 'tcp', protocol: 'grpc' });
      expect(core.handshake.address).toMatch(/^127\.0\.0\.1:\d{2,5}$/);
      expect(core.handshake.cert.length).toBeGreaterThan(50);
      const schema = await core.schema();
      expect(schema.provider.block.attributes.map((a: { name: string }) => a.name)).toContain('scim_token');
    } finally {
      await core.shutdown();
    }
  });

  test('the unix socket stays the default off Windows', async () => {
    const core = await FakeCore.inProcess();
    try {
      expect(core.handshake.network).toBe(process.platform === 'win32' ? 'tcp' : 'unix');
    } finally {
      await core.shutdown();
    }
  });
});
