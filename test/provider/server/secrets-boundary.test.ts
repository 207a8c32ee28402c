import { generateKeyPairSync } from 'node:crypto';
import { dataSources, resources } from '../../../src/provider/registry';
import type { DataSourceType, ResourceType } from '../../../src/provider/framework/resource';
import { FakeCore } from '../../support/fake-core';
import { IDP_ENTITY_ID, IDP_SSO_URL, spMetadata } from '../../saml/fixtures';

/**
 * One boundary for secrets: whatever attribute a secret was typed into, no diagnostic and no log
 * line the provider writes holds it, nor a recognisable piece of it.
 */
const TOKEN = 'Q2x' + 'a9Z/+k'.repeat(92) + '5=ab1';
const ENDPOINT = 'https://scim.us-east-1.amazonaws.com/abcd1234-5678/scim/v2';
const KEY = (generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).trim();

/** 24-character slices across the secret: none may appear anywhere. */
function pieces(secret: string): string[] {
  const body = secret.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  const out: string[] = [];
  for (let i = 0; i + 24 <= body.length; i += 24) out.push(body.slice(i, i + 24));
  return out;
}

function expectNoPieceOf(secret: string, text: string): void {
  for (const p of pieces(secret)) expect(text).not.toContain(p);
}

let core: FakeCore;
beforeEach(async () => {
  core = await FakeCore.inProcess({ resources: resources as ResourceType[], dataSources: dataSources as DataSourceType[] });
});
afterEach(() => core.shutdown());

describe('secrets never leave the provider', () => {
  test('fails when the SCIM token is pasted into request_timeout, quoting no part of it', async () => {
    const config = { scim_endpoint: ENDPOINT, scim_token: 'the-real-token-0123456789', request_timeout: TOKEN };
    const diags = [...(await core.validateProvider(config)), ...(await core.configure(config))];
    expect(diags.map((d) => d.summary)).toContain('Invalid request_timeout');
    expectNoPieceOf(TOKEN, JSON.stringify(diags) + core.logs.join(''));
  });

  test.each(['entity_id', 'sso_url'])('fails when a truncated private key (no END line) is given as %s, quoting no part of it', async (attribute) => {
    const truncated = KEY.slice(0, Math.floor(KEY.length * 0.7));
    const diags = await core.validate('idemeum_aws_application', { sp_metadata_xml: spMetadata(), entity_id: IDP_ENTITY_ID, sso_url: IDP_SSO_URL, [attribute]: truncated });
    expect(diags).toEqual([expect.objectContaining({ severity: 'error', path: [attribute] })]);
    expect(diags[0].detail).toMatch(/is not an absolute URL|contains control characters/);
    expectNoPieceOf(truncated, JSON.stringify(diags) + core.logs.join(''));
  });

  test('fails when the body of the signing key (no PEM lines) is given as sso_url, quoting no part of it', async () => {
    const body = KEY.split('\n').slice(1, -1).join('\n');
    const diags = await core.validate('idemeum_aws_application', { sp_metadata_xml: spMetadata(), entity_id: IDP_ENTITY_ID, sso_url: body, signing_key_pem: KEY });
    expect(diags.some((d) => d.path?.[0] === 'sso_url')).toBe(true);
    expectNoPieceOf(KEY, JSON.stringify(diags) + core.logs.join(''));
  });

  test('the application key given in signing_key_pem is scrubbed from a message that quotes it', async () => {
    const diags = await core.validate('idemeum_aws_application', { sp_metadata_xml: spMetadata(), entity_id: KEY, sso_url: IDP_SSO_URL, signing_key_pem: KEY });
    expect(diags[0]).toMatchObject({ severity: 'error', path: ['entity_id'] });
    expectNoPieceOf(KEY, JSON.stringify(diags) + core.logs.join(''));
  });
});
