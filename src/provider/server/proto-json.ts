import type { INamespace } from 'protobufjs';
import { GO_PLUGIN_PROTO, HEALTH_PROTO, TFPLUGIN6_PROTO } from './proto';

/** Our three .proto texts as protobuf.js JSON descriptors (what `Root.fromJSON` takes). */
export interface ProtoDescriptors {
  readonly tfplugin6: INamespace;
  readonly plugin: INamespace;
  readonly health: INamespace;
}

/**
 * Parses the .proto texts of ./proto.ts. `provider install` calls this at bundle time and
 * bundles its result in place of this module (see PROTO_DESCRIPTORS_MODULE in src/cli/provider.ts),
 * so the shipped provider neither carries the .proto parser nor spends start-up time in it.
 */
export function protoDescriptors(): ProtoDescriptors {
  const protobuf = require('protobufjs') as typeof import('protobufjs');
  const parse = (text: string) => protobuf.parse(text, { keepCase: true }).root.toJSON();
  return { tfplugin6: parse(TFPLUGIN6_PROTO), plugin: parse(GO_PLUGIN_PROTO), health: parse(HEALTH_PROTO) };
}
