import { useResourceEnv } from './support/env';

const D = 'idemeum_aws_group';
const env = useResourceEnv();

describe('data idemeum_aws_group', () => {
  test('finds a group pushed outside this configuration', async () => {
    const g = env.emu.state.directory.createGroup({ displayName: 'Pushed by idemeum', externalId: 'idm-7' });
    const res = await (await env.core()).readData(D, { display_name: 'Pushed by idemeum' });
    expect(res.diagnostics).toEqual([]);
    expect(res.state).toEqual({ display_name: 'Pushed by idemeum', timeout: null, id: g.id, external_id: 'idm-7' });
  });

  test('waits for a group that appears during the read', async () => {
    const core = await env.core();
    setTimeout(() => env.emu.state.directory.createGroup({ displayName: 'Late' }), 300);
    const res = await core.readData(D, { display_name: 'Late', timeout: '20s' });
    expect(res.diagnostics).toEqual([]);
    expect(res.state?.id).toBe(env.emu.state.directory.findGroupByDisplayName('Late')?.id);
  });

  test('fails when no group appears within the timeout, on display_name', async () => {
    const res = await (await env.core()).readData(D, { display_name: 'Never', timeout: '1s' });
    expect(res.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'No AWS group named "Never"', path: ['display_name'] });
    expect(res.diagnostics[0].detail).toContain('within 1s');
  });

  test.each([
    ['a timeout that is not a duration', { display_name: 'x', timeout: '2 minutes' }, 'timeout'],
    ['an empty name', { display_name: '' }, 'display_name'],
  ])('fails validation with %s', async (_n, config, attribute) => {
    const core = await env.core();
    const diags = await core.rpc('ValidateDataResourceConfig', {
      type_name: D,
      config: await (async () => {
        const { encodeDynamic } = await import('../../../src/provider/server/wire');
        const info = await core.dataSourceType(D);
        return encodeDynamic({ timeout: null, id: null, external_id: null, ...config }, info.type);
      })(),
    });
    expect(diags.diagnostics).toHaveLength(1);
    expect(diags.diagnostics[0].attribute.steps[0].attribute_name).toBe(attribute);
  });
});
