import { request } from 'undici';
import { startEmulatorServer, RunningEmulator } from '../../mocks/server';

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

  test('fails when asked to listen on a non-loopback address', async () => {
    await expect(startEmulatorServer({ host: '0.0.0.0' })).rejects.toThrow(/loopback addresses only/);
  });
});
