import { SamlMetadataError } from './errors';
import { parseEntityDescriptor } from './metadata-document';
import { assertHttpsUrl } from './metadata-url';
import { BINDING, LIMITS, NAME_ID_FORMAT, NS } from './urn';
import { childrenOf } from './xml-tree';

export { assertHttpsUrl };

/** What idemeum needs from the SP metadata IAM Identity Center lets you download. */
export interface SpMetadata {
  readonly entityId: string;
  /** HTTP-POST ACS endpoints in document order. */
  readonly acs: readonly AcsEndpoint[];
  readonly nameIdFormats: readonly string[];
}

export interface AcsEndpoint {
  readonly location: string;
  readonly index?: number;
  readonly isDefault: boolean;
  /** The AWS region in the host name (`<region>.signin.aws…`), when there is one. */
  readonly region?: string;
}

/**
 * Parses SP metadata. Rejects, with the reason: DOCTYPE/entities, oversized documents, a root
 * other than one EntityDescriptor (including an EntitiesDescriptor holding several), no
 * SPSSODescriptor, no HTTP-POST AssertionConsumerService.
 */
export function parseSpMetadata(xml: string): SpMetadata {
  const { root, entityId } = parseEntityDescriptor(xml, LIMITS.spMetadataChars, 'SP metadata');
  assertHttpsUrl(entityId, 'SP entityID');

  const descriptors = childrenOf(root, NS.metadata, 'SPSSODescriptor');
  if (descriptors.length !== 1) {
    throw new SamlMetadataError(
      'no-sp-descriptor',
      `SP metadata must contain exactly one SPSSODescriptor (found ${descriptors.length}); is this IdP metadata instead?`,
    );
  }
  const sp = descriptors[0];
  const acs: AcsEndpoint[] = [];
  for (const el of childrenOf(sp, NS.metadata, 'AssertionConsumerService')) {
    if (el.attrs.Binding !== BINDING.httpPost || !el.attrs.Location) continue;
    assertHttpsUrl(el.attrs.Location, 'AssertionConsumerService Location');
    const index = el.attrs.index === undefined ? undefined : Number(el.attrs.index);
    acs.push({
      location: el.attrs.Location,
      ...(index !== undefined && Number.isInteger(index) ? { index } : {}),
      isDefault: el.attrs.isDefault === 'true',
      ...regionOf(el.attrs.Location),
    });
  }
  if (acs.length === 0) {
    throw new SamlMetadataError(
      'no-post-acs',
      `SP metadata has no AssertionConsumerService with Binding ${BINDING.httpPost}; IAM Identity Center receives responses by HTTP-POST only`,
    );
  }
  const nameIdFormats = childrenOf(sp, NS.metadata, 'NameIDFormat').map((e) => e.text.trim()).filter(Boolean);
  return { entityId, acs, nameIdFormats: nameIdFormats.length ? nameIdFormats : [NAME_ID_FORMAT.emailAddress] };
}

/**
 * The ACS a response goes to: in `region` when given (IPv4 `signin.aws.amazon.com`/`signin.aws` before
 * dual-stack), else the default one, else the lowest index.
 */
export function chooseAcs(metadata: SpMetadata, region?: string): AcsEndpoint {
  if (region !== undefined) {
    const inRegion = metadata.acs.filter((a) => a.region === region);
    if (inRegion.length === 0) {
      const regions = [...new Set(metadata.acs.map((a) => a.region).filter(Boolean))].join(', ') || 'none';
      throw new SamlMetadataError('no-post-acs', `SP metadata has no ACS in region ${region} (regions present: ${regions})`);
    }
    return inRegion.find((a) => !/\.sso\.signin\./.test(a.location)) ?? inRegion[0];
  }
  const byIndex = [...metadata.acs].sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
  return metadata.acs.find((a) => a.isDefault) ?? byIndex[0];
}

function regionOf(location: string): { region?: string } {
  const host = new URL(location).hostname;
  const m = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)\.(?:sso\.)?signin\.aws/.exec(host);
  return m ? { region: m[1] } : {};
}
