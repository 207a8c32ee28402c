import type { Construct } from 'constructs';

/**
 * The external_id a pushed user or group carries by default: how the provider recognises the
 * object an interrupted apply created as this construct's own, and refuses anyone else's
 * (docs/provider-guarantees.md, "Interruption-safe create"). `node.addr` hashes the construct
 * path: stable while the construct keeps its path, within AWS's externalId pattern and length.
 */
export function ownershipMarker(construct: Construct): string {
  return `idemeum-aws-sso:${construct.node.addr}`;
}
