import * as grpc from '@grpc/grpc-js';
import { Root, type IConversionOptions, type INamespace, type Type } from 'protobufjs/light';
import { protoDescriptors } from './proto-json';

/** Loaded service definitions, shared by the provider server and the test harness client. */
export interface GrpcDefinitions {
  provider: grpc.ServiceClientConstructor;
  controller: grpc.ServiceClientConstructor;
  stdio: grpc.ServiceClientConstructor;
  broker: grpc.ServiceClientConstructor;
  health: grpc.ServiceClientConstructor;
}

/**
 * Messages reach the handlers as plain objects: int64 as numbers, enums by name, bytes as
 * Buffers, absent fields at their defaults, and each set oneof named by a virtual field.
 */
const CONVERSION: IConversionOptions = { longs: Number, enums: String, bytes: Buffer, defaults: true, oneofs: true };

let cached: GrpcDefinitions | undefined;

function serializer(type: Type): (value: object) => Buffer {
  return (value) => {
    if (Array.isArray(value)) throw new Error(`cannot serialize ${type.name}: expected an object, got an array`);
    return Buffer.from(type.encode(type.fromObject(value)).finish());
  };
}

function deserializer(type: Type): (bytes: Buffer) => object {
  return (bytes) => type.toObject(type.decode(bytes), CONVERSION);
}

/**
 * gRPC definitions of one service, built straight from the protobuf.js reflection. This is what
 * @grpc/proto-loader's fromJSON produces, minus the per-message file descriptors it also builds
 * (for gRPC reflection, which go-plugin never asks for) and which cost tens of ms at start-up.
 */
function service(root: Root, name: string): grpc.ServiceClientConstructor {
  const svc = root.lookupService(name);
  const methods: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const m of svc.methodsArray) {
    const request = m.resolvedRequestType!;
    const response = m.resolvedResponseType!;
    methods[m.name] = {
      path: `/${svc.fullName.slice(1)}/${m.name}`,
      requestStream: !!m.requestStream,
      responseStream: !!m.responseStream,
      requestSerialize: serializer(request),
      requestDeserialize: deserializer(request),
      responseSerialize: serializer(response),
      responseDeserialize: deserializer(response),
      originalName: m.name[0].toLowerCase() + m.name.slice(1),
    };
  }
  return grpc.makeClientConstructor(methods, svc.name);
}

export function grpcDefinitions(): GrpcDefinitions {
  if (cached) return cached;
  const d = protoDescriptors();
  const load = (json: INamespace): Root => {
    const root = Root.fromJSON(json);
    root.resolveAll();
    return root;
  };
  const [tf, plugin, health] = [load(d.tfplugin6), load(d.plugin), load(d.health)];
  cached = {
    provider: service(tf, 'tfplugin6.Provider'),
    controller: service(plugin, 'plugin.GRPCController'),
    stdio: service(plugin, 'plugin.GRPCStdio'),
    broker: service(plugin, 'plugin.GRPCBroker'),
    health: service(health, 'grpc.health.v1.Health'),
  };
  return cached;
}

/** Terraform-plugin-go's limits: schemas and states can be large. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
