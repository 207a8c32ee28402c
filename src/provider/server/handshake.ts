/**
 * go-plugin's launch contract (hashicorp/go-plugin server.go, Terraform internal/plugin/serve.go):
 * the magic cookie proves Terraform started us, PLUGIN_PROTOCOL_VERSIONS lists what it speaks,
 * and the first stdout line tells it where to connect.
 */
export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

/** The text go-plugin prints when a plugin binary is run by hand. */
export const NOT_A_COMMAND_MESSAGE =
  'This binary is a plugin. These are not meant to be executed directly.\n' +
  'Please execute the program that consumes these plugins, which will\n' +
  'load any plugins automatically\n';

export class HandshakeError extends Error {
  override readonly name = 'HandshakeError';
}

/** Checks the environment Terraform gives a plugin; throws with a message for a person. */
export function checkLaunchEnvironment(env: NodeJS.ProcessEnv): void {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) throw new HandshakeError(NOT_A_COMMAND_MESSAGE);
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  if (offered !== undefined && offered !== '') {
    const versions = offered.split(',').map((v) => Number(v.trim()));
    if (!versions.includes(APP_PROTOCOL_VERSION)) {
      throw new HandshakeError(
        `terraform-provider-idemeum speaks plugin protocol ${APP_PROTOCOL_VERSION}, but the caller offered ${offered}; use Terraform 1.0 or newer\n`,
      );
    }
  }
}

export interface HandshakeLine {
  core: number;
  app: number;
  network: 'unix' | 'tcp';
  address: string;
  protocol: string;
  /** base64 DER, standard alphabet without padding; empty when TLS is off. */
  cert: string;
}

export function formatHandshake(h: Omit<HandshakeLine, 'core' | 'app' | 'protocol'>): string {
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|${h.network}|${h.address}|grpc|${h.cert}\n`;
}

/** Parses a handshake line the way go-plugin's client does (used by the test harness). */
export function parseHandshake(line: string): HandshakeLine {
  const parts = line.trim().split('|');
  if (parts.length < 4) throw new HandshakeError(`Unrecognized remote plugin message: ${line.trim()}`);
  const [core, app, network, address, protocol = 'netrpc', cert = ''] = parts;
  if (Number(core) !== CORE_PROTOCOL_VERSION) throw new HandshakeError(`Incompatible core API version with plugin: ${core}`);
  if (network !== 'unix' && network !== 'tcp') throw new HandshakeError(`Unknown network type: ${network}`);
  if (protocol !== 'grpc') throw new HandshakeError(`Terraform supports only gRPC plugins, got protocol ${protocol}`);
  if (/=/.test(cert)) throw new HandshakeError('certificate field must be base64 without padding');
  return { core: Number(core), app: Number(app), network, address, protocol, cert };
}
