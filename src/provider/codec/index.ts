export * from './types';
export * from './values';
export * from './path';
export * from './errors';
export { encodeMsgpack, decodeMsgpackValue, type EncodeOptions } from './msgpack';
export { decodeJsonValue, decodeJsonBytes, encodeJsonValue, type JsonDecodeOptions } from './json';
