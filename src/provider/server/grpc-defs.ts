import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';
import { GO_PLUGIN_PROTO, HEALTH_PROTO, TFPLUGIN6_PROTO } from './proto';

/** Loaded service definitions, shared by the provider server and the test harness client. */
export interface GrpcDefinitions {
  provider: grpc.ServiceClientConstructor;
  controller: grpc.ServiceClientConstructor;
  stdio: grpc.ServiceClientConstructor;
  broker: grpc.ServiceClientConstructor;
  health: grpc.ServiceClientConstructor;
}

const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: String, bytes: Buffer, defaults: true, oneofs: true };

let cached: GrpcDefinitions | undefined;

function load(text: string): grpc.GrpcObject {
  const root = protobuf.parse(text, { keepCase: true }).root;
  return grpc.loadPackageDefinition(protoLoader.fromJSON(root.toJSON(), LOADER_OPTIONS));
}

export function grpcDefinitions(): GrpcDefinitions {
  if (cached) return cached;
  const tf = load(TFPLUGIN6_PROTO).tfplugin6 as grpc.GrpcObject;
  const plugin = load(GO_PLUGIN_PROTO).plugin as grpc.GrpcObject;
  const health = ((load(HEALTH_PROTO).grpc as grpc.GrpcObject).health as grpc.GrpcObject).v1 as grpc.GrpcObject;
  cached = {
    provider: tf.Provider as grpc.ServiceClientConstructor,
    controller: plugin.GRPCController as grpc.ServiceClientConstructor,
    stdio: plugin.GRPCStdio as grpc.ServiceClientConstructor,
    broker: plugin.GRPCBroker as grpc.ServiceClientConstructor,
    health: health.Health as grpc.ServiceClientConstructor,
  };
  return cached;
}

/** Terraform-plugin-go's limits: schemas and states can be large. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
