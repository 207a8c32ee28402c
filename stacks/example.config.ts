import { join } from 'node:path';
import type { ExampleStackConfig } from './config';

/**
 * The example organization of the integration guide. Edit this file (it is type-checked) or
 * override the environment-specific parts with IDEMEUM_* variables (stacks/config.ts).
 */
export const exampleConfig: ExampleStackConfig = {
  region: 'us-east-1',
  scim: { tokenIssuedAt: '2026-11-01' },
  idemeum: {
    entityId: 'https://acme.idemeum.com',
    ssoUrl: 'https://acme.idemeum.com/api/saml/sso/aws',
  },
  spMetadataFile: join(__dirname, 'fixtures', 'aws-sp-metadata.xml'),
  accounts: { production: '111111111111', staging: '222222222222', sandbox: '333333333333' },
  // staging and sandbox sit in this OU (the simulation builds it; set yours, or IDEMEUM_AWS_NON_PRODUCTION_OU).
  organizationalUnits: { nonProduction: 'ou-ab12-nonprod1' },
  users: [
    { userName: 'ada@acme.example', givenName: 'Ada', familyName: 'Lovelace' },
    { userName: 'grace@acme.example', givenName: 'Grace', familyName: 'Hopper' },
    { userName: 'linus@acme.example', givenName: 'Linus', familyName: 'Torvalds' },
    { userName: 'barbara@acme.example', givenName: 'Barbara', familyName: 'Liskov' },
    // A contractor: pushed to AWS (her user exists there) but in no group, so no grant reaches her
    // and idemeum does not entitle her to the AWS tile: her sign-in is refused.
    { userName: 'hedy@acme.example', givenName: 'Hedy', familyName: 'Lamarr' },
  ],
  groupMembers: {
    Admins: ['ada@acme.example'],
    Engineering: ['grace@acme.example', 'linus@acme.example'],
    Auditors: ['barbara@acme.example'],
  },
};
