import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { buildIdpMetadata, parseIdpMetadata } from '../../src/saml/idp-metadata';
import { issueResponseForUser } from '../../src/saml/entitlement';
import { NotEntitledError } from '../../src/saml/errors';
import { chooseAcs, parseSpMetadata } from '../../src/saml/sp-metadata';
import { counterIds, IDP_ENTITY_ID, IDP_SSO_URL, material, SP_ENTITY_ID, spMetadata } from './fixtures';

/**
 * An independent SP implementation (node-saml) configured only from our IdP metadata and the
 * emulator's SP settings must accept what idemeum issues.
 */
describe('interop with @node-saml/node-saml', () => {
  const sp = parseSpMetadata(spMetadata());
  const acs = chooseAcs(sp);
  const alice = { id: 'u-1', userName: 'alice@example.com', groupIds: ['g-eng'], fields: { department: 'Engineering' } };

  async function nodeSamlSp(wantResponseSigned: boolean) {
    const idp = parseIdpMetadata(buildIdpMetadata({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificatePem: (await material()).certificatePem }));
    return new SAML({
      idpCert: idp.certificatePem,
      idpIssuer: idp.entityId,
      entryPoint: idp.ssoUrl,
      issuer: sp.entityId,
      audience: sp.entityId,
      callbackUrl: acs.location,
      wantAssertionsSigned: !wantResponseSigned,
      wantAuthnResponseSigned: wantResponseSigned,
      validateInResponseTo: ValidateInResponseTo.never,
      identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      acceptedClockSkewMs: 0,
    });
  }

  test.each([
    ['assertion', false],
    ['response', true],
    ['both', true],
  ] as const)('accepts a response signed on the %s', async (sign, wantResponseSigned) => {
    const issued = issueResponseForUser(
      { entityId: IDP_ENTITY_ID, signing: await material(), sign, sessionDuration: 'PT4H' },
      { entityId: sp.entityId, acsUrl: acs.location },
      alice,
      { entitlements: { userIds: [], groupIds: ['g-eng'] }, attributeMappings: { Department: 'department' } },
      { now: new Date(), newId: counterIds() },
      'https://portal.example/start',
    );
    const { profile } = await (await nodeSamlSp(wantResponseSigned)).validatePostResponseAsync({ SAMLResponse: issued.base64 });
    expect(profile?.nameID).toBe('alice@example.com');
    expect(profile?.nameIDFormat).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    expect(profile?.issuer).toBe(IDP_ENTITY_ID);
    expect(profile?.['https://aws.amazon.com/SAML/Attributes/AccessControl:Department']).toBe('Engineering');
    expect(issued.relayState).toBe('https://portal.example/start');
    expect(sp.entityId).toBe(SP_ENTITY_ID);
  });

  test('fails when node-saml is given another certificate (so the acceptance above is meaningful)', async () => {
    const issued = issueResponseForUser(
      { entityId: IDP_ENTITY_ID, signing: await material('other') },
      { entityId: sp.entityId, acsUrl: acs.location },
      alice,
      { entitlements: { userIds: ['u-1'], groupIds: [] } },
      { now: new Date(), newId: counterIds() },
    );
    await expect((await nodeSamlSp(false)).validatePostResponseAsync({ SAMLResponse: issued.base64 })).rejects.toThrow(/signature/i);
  });

  test('fails when the user is not entitled directly or through a group', async () => {
    expect(() =>
      issueResponseForUser(
        { entityId: IDP_ENTITY_ID, signing: { keyPem: 'unused', certificatePem: 'unused', notAfter: new Date() } },
        { entityId: sp.entityId, acsUrl: acs.location },
        alice,
        { entitlements: { userIds: ['u-2'], groupIds: ['g-ops'] } },
        { now: new Date(), newId: counterIds() },
      ),
    ).toThrow(NotEntitledError);
  });
});
