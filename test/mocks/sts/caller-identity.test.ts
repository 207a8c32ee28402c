import { startEmulatorServer, type RunningEmulator } from '../../../mocks/server';

// STS speaks the Query protocol; these requests are what the AWS SDKs send for GetCallerIdentity.
const SIGNED = 'AWS4-HMAC-SHA256 Credential=AKIDEMULATOR00000000/20261201/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00';

describe('STS GetCallerIdentity', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulatorServer({ managementAccountId: '210987654321' });
  });
  afterAll(() => emulator.close());

  const call = (body: string, authorization: string | null = SIGNED) =>
    fetch(`${emulator.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...(authorization && { authorization }) },
      body,
    });

  test('answers with the management account and a user named after the access key', async () => {
    const res = await call('Action=GetCallerIdentity&Version=2011-06-15');
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('<Account>210987654321</Account>');
    expect(xml).toContain('<Arn>arn:aws:iam::210987654321:user/AKIDEMULATOR00000000</Arn>');
    expect(xml).toContain('<UserId>AKIDEMULATOR00000000</UserId>');
  });

  test.each([
    ['an unsigned request', 'Action=GetCallerIdentity&Version=2011-06-15', null, 403, 'MissingAuthenticationToken'],
    ['a malformed access key', 'Action=GetCallerIdentity&Version=2011-06-15', 'AWS4-HMAC-SHA256 Credential=<x>/20261201/us-east-1/sts/aws4_request', 403, 'InvalidClientTokenId'],
    ['another STS action', 'Action=AssumeRole&Version=2011-06-15', SIGNED, 400, 'InvalidAction'],
    ['another API version', 'Action=GetCallerIdentity&Version=2010-01-01', SIGNED, 400, 'InvalidParameterValue'],
  ])('fails when it gets %s', async (_name, body, authorization, status, code) => {
    const res = await call(body, authorization);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(`<Code>${code}</Code>`);
  });

  test('leaves form posts that are not STS (the SAML ACS) to their own handlers', async () => {
    const res = await fetch(`${emulator.endpoint}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'SAMLResponse=x' });
    expect(res.status).toBe(404);
  });
});
