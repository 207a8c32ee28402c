import { request } from 'undici';
import { MAX_BODY_BYTES, startEmulatorServer, RunningEmulator } from '../../mocks/server';

describe('loopback emulator server', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulatorServer();
  });
  afterAll(() => emulator.close());

  test('listens on 127.0.0.1 and records its endpoint on the state', () => {
    expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.state.endpoint).toBe(emulator.endpoint);
  });

  test('answers an unknown route with 404 naming the route', async () => {
    const res = await request(`${emulator.endpoint}/nowhere`);
    expect(res.statusCode).toBe(404);
    expect(await res.body.text()).toContain('GET /nowhere');
  });

  test('fails with 413 when a request body is larger than any AWS API accepts', async () => {
    const res = await request(`${emulator.endpoint}/_fake/accounts`, { method: 'POST', body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20) });
    expect(res.statusCode).toBe(413);
    expect(await res.body.text()).toContain('request body over');
  });

  test('fails when asked to listen on a non-loopback address', async () => {
    await expect(startEmulatorServer({ host: '0.0.0.0' })).rejects.toThrow(/loopback addresses only/);
  });
});

describe('the same handlers in-process and on loopback', () => {
  const { startEmulator } = require('../../mocks/testing') as typeof import('../../mocks/testing');
  const { setupScimEmulator } = require('../../mocks/testing') as typeof import('../../mocks/testing');
  const body = JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'both', name: { givenName: 'B', familyName: 'O' }, displayName: 'B O',
  });

  test('startEmulator returns a loopback scimUrl and a working token', async () => {
    const emu = await startEmulator();
    try {
      expect(emu.scimUrl).toBe(`${emu.endpoint}/${emu.state.tenantId}/scim/v2`);
      const res = await request(`${emu.scimUrl}/Users`, { method: 'POST', headers: { authorization: `Bearer ${emu.scimToken}` }, body });
      expect(res.statusCode).toBe(201);
      expect(res.headers['x-amzn-requestid']).toEqual(expect.any(String));
      expect(emu.state.directory.findUserByUserName('both')).toBeDefined();
    } finally {
      await emu.close();
    }
  });

  test('setupScimEmulator answers on AWS\'s SCIM host with the same resource shape', async () => {
    const emu = setupScimEmulator({ region: 'eu-west-1' });
    emu.server.listen({ onUnhandledRequest: 'error' });
    try {
      expect(emu.scimUrl).toMatch(/^https:\/\/scim\.eu-west-1\.amazonaws\.com\/[^/]+\/scim\/v2$/);
      const res = await fetch(`${emu.scimUrl}/Users`, { method: 'POST', headers: { authorization: `Bearer ${emu.scimToken}` }, body });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ userName: 'both', meta: { resourceType: 'User' } });
    } finally {
      emu.server.close();
    }
  });
});
