import { SamlMetadataError } from './errors';
import { NS } from './urn';
import { descendantsOf, parseXmlTree, type XmlElement, XmlInputError } from './xml-tree';

/**
 * What both metadata parsers (the SP metadata idemeum reads, the IdP metadata AWS's console
 * accepts) require of a document before looking at its role: well-formed and bounded (see
 * xml-tree.ts), exactly one EntityDescriptor as the root and none nested in it, and an entityID.
 * One function, so the two parsers cannot disagree on what a valid document is.
 */
export function parseEntityDescriptor(xml: string, maxChars: number, what: string): { root: XmlElement; entityId: string } {
  let root: XmlElement;
  try {
    root = parseXmlTree(xml, maxChars, what);
  } catch (err) {
    if (err instanceof XmlInputError) throw new SamlMetadataError(err.reason, err.message);
    throw err;
  }
  if (root.ns === NS.metadata && root.local === 'EntitiesDescriptor') {
    const count = descendantsOf(root, NS.metadata, 'EntityDescriptor').length;
    throw new SamlMetadataError('multiple-entities', `${what} holds ${count} entity descriptors in an EntitiesDescriptor; give the single EntityDescriptor`);
  }
  if (root.ns !== NS.metadata || root.local !== 'EntityDescriptor') {
    throw new SamlMetadataError('wrong-root', `${what} root is <${root.local}> in namespace "${root.ns}"; expected <EntityDescriptor> in ${NS.metadata}`);
  }
  if (descendantsOf(root, NS.metadata, 'EntityDescriptor').length > 0) {
    throw new SamlMetadataError('multiple-entities', `${what} nests another EntityDescriptor inside its EntityDescriptor; give exactly one`);
  }
  const entityId = root.attrs.entityID;
  if (!entityId) throw new SamlMetadataError('no-entity-id', `${what} EntityDescriptor has no entityID attribute`);
  // A character reference can put any character into an attribute; an entity id holds none of these.
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(entityId)) {
    throw new SamlMetadataError('invalid-entity-id', `${what} entityID ${JSON.stringify(entityId)} contains control or invisible characters; an entity id is a plain URL`);
  }
  return { root, entityId };
}
