import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Terraform starts the provider 3-5 times per command, mostly just to ask for the schema, so
 * loading the resource types must not load what their operations use (issue 3). Checked in a
 * fresh node process, whose require.cache shows every package that was loaded.
 */
const ROOT = resolve(__dirname, '..', '..');
const HEAVY = ['undici', '@peculiar/x509', 'xml-crypto', '@xmldom/xmldom', 'fast-xml-parser', 'xpath', 'asn1js'];

function packagesLoadedAfter(script: string): string[] {
  const code = `${script};
const loaded = new Set();
for (const file of Object.keys(require.cache)) for (const p of ${JSON.stringify(HEAVY)}) if (file.includes('/node_modules/' + p + '/') || file.includes('/node_modules/' + p + '.')) loaded.add(p);
process.stdout.write(JSON.stringify([...loaded].sort()));`;
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`probe failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

const REGISTRY = `const { providerDefinition } = require('./src/provider/registry');
const def = providerDefinition();
JSON.stringify([def.providerSchema, ...def.resources.map((r) => r.schema), ...def.dataSources.map((d) => d.schema)]);`;

describe('loading the provider', () => {
  test('the resource types and their schemas load without the SCIM client, SAML, XML or X.509 libraries', () => {
    expect(packagesLoadedAfter(REGISTRY)).toEqual([]);
  }, 60_000);

  test('validating an idemeum_aws_application loads the SAML and X.509 code it needs', () => {
    const loaded = packagesLoadedAfter(`${REGISTRY}
const app = def.resources.find((r) => r.typeName === 'idemeum_aws_application');
app.validate({ config: { signing_certificate_pem: '-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n', signing_key_pem: null } });`);
    expect(loaded).toEqual(expect.arrayContaining(['@peculiar/x509', 'xml-crypto']));
  }, 60_000);

  test('the first SCIM session loads the SCIM client and undici', () => {
    const loaded = packagesLoadedAfter(`${REGISTRY}
require('./src/provider/resources/scim-session').createScimSession({ endpoint: 'https://scim.us-east-1.amazonaws.com/t/scim/v2', token: 't' });`);
    expect(loaded).toContain('undici');
  }, 60_000);
});
