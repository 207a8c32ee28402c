import { getResponse } from 'msw';
import { ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import { createHandlers } from '../../../mocks/handlers';
import { EmulatorState } from '../../../mocks/store';
import { awsJsonHarness } from './harness';

describe('awsJson 1.1 wire protocol (SSO Admin)', () => {
  const h = awsJsonHarness();

  test('ListInstances answers with the one instance and its identity store', async () => {
    const out = await h.sso.send(new ListInstancesCommand({}));
    expect(out.Instances).toEqual([
      expect.objectContaining({
        InstanceArn: h.emulator.state.instanceArn,
        IdentityStoreId: h.emulator.state.identityStoreId,
        OwnerAccountId: '123456789012',
        Status: 'ACTIVE',
      }),
    ]);
    expect(out.Instances?.[0].CreatedDate).toBeInstanceOf(Date);
  });

  test('success responses carry the awsJson content type and a request id', async () => {
    const res = await h.call('SWBExternalService.ListInstances', {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof res.body.Instances[0].CreatedDate).toBe('number');
  });

  test('fails when the operation is unknown, with UnknownOperationException as HTTP 400', async () => {
    const res = await h.call('SWBExternalService.CreateInstanceMagic', {});
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(res.body).toEqual({ __type: 'UnknownOperationException', Message: expect.stringContaining('CreateInstanceMagic') });
  });

  test('fails when the body is not JSON, with SerializationException', async () => {
    const res = await h.call('SWBExternalService.ListInstances', undefined, { raw: '{not json' });
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('SerializationException');
  });

  test('fails when a member has the wrong JSON type, with SerializationException', async () => {
    const res = await h.call('SWBExternalService.ListInstances', { MaxResults: 'ten' });
    expect(res.body.__type).toBe('SerializationException');
    expect(res.body.Message).toContain("'maxResults'");
  });

  test('fails when the content type is not application/x-amz-json-1.1', async () => {
    const res = await h.call('SWBExternalService.ListInstances', {}, { contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('UnknownOperationException');
  });

  test('answers on any host (the loopback server uses 127.0.0.1)', async () => {
    const state = new EmulatorState();
    const request = new Request('http://127.0.0.1:4566/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SWBExternalService.ListInstances' },
      body: '{}',
    });
    const response = await getResponse(createHandlers(state), request);
    expect(response?.status).toBe(200);
    expect(((await response!.json()) as { Instances: { InstanceArn: string }[] }).Instances[0].InstanceArn).toBe(state.instanceArn);
  });

  test.each([
    ['another service target', { 'x-amz-target': 'AmazonSSOOIDC.CreateToken' }, '/'],
    ['no target header', {}, '/'],
    ['a path other than /', { 'x-amz-target': 'SWBExternalService.ListInstances' }, '/elsewhere'],
  ])('leaves requests with %s to other handlers', async (_label, headers, path) => {
    const state = new EmulatorState();
    const request = new Request(`http://127.0.0.1:4566${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', ...headers },
      body: '{}',
    });
    const handlers = createHandlers(state).filter((handler) => handler.info.header.startsWith('POST *'));
    expect(handlers.length).toBeGreaterThanOrEqual(2);
    expect(await getResponse(handlers, request)).toBeUndefined();
  });
});
