import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { setupEmulator, type InProcessEmulator } from '../../../mocks/node';
import { ManualClock, sequentialIds, type EmulatorStateInit, type StoredGroup, type StoredUser } from '../../../mocks/store';

export interface JsonReply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface AwsJsonHarness {
  readonly emulator: InProcessEmulator;
  readonly clock: ManualClock;
  readonly sso: SSOAdminClient;
  readonly identityStore: IdentitystoreClient;
  /** A raw awsJson call (for error shapes the SDK hides). */
  call(target: string, body: unknown, options?: { contentType?: string; raw?: string; host?: string }): Promise<JsonReply>;
  user(userName: string, extra?: Partial<StoredUser>): StoredUser;
  group(displayName: string, extra?: Partial<StoredGroup>): StoredGroup;
}

const CREDENTIALS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' };

/**
 * An in-process emulator (MSW setupServer, `onUnhandledRequest: 'error'`) reached at AWS's own
 * hostnames, a manual clock and the two AWS SDK clients. Call inside a describe.
 */
export function awsJsonHarness(init: EmulatorStateInit = {}): AwsJsonHarness {
  const clock = new ManualClock();
  const emulator = setupEmulator({ clock, ids: sequentialIds(), throttle: { enabled: false }, ...init });
  beforeAll(() => emulator.server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    emulator.server.resetHandlers();
    emulator.state.reset();
  });
  afterAll(() => emulator.server.close());
  const sdk = { region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 };
  const region = emulator.state.options.region;

  return {
    emulator,
    clock,
    sso: new SSOAdminClient(sdk),
    identityStore: new IdentitystoreClient(sdk),
    async call(target, body, options = {}) {
      const host = options.host ?? (target.startsWith('AWSIdentityStore.') ? `identitystore.${region}.amazonaws.com` : `sso.${region}.amazonaws.com`);
      const res = await fetch(`https://${host}/`, {
        method: 'POST',
        headers: { 'content-type': options.contentType ?? 'application/x-amz-json-1.1', 'x-amz-target': target },
        body: options.raw ?? JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    user(userName, extra = {}) {
      return emulator.state.directory.createUser({
        userName,
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        displayName: 'Ada Lovelace',
        active: true,
        emails: [{ value: userName, type: 'work', primary: true }],
        addresses: [],
        phoneNumbers: [],
        roles: [],
        ...extra,
      });
    },
    group(displayName, extra = {}) {
      return emulator.state.directory.createGroup({ displayName, ...extra });
    },
  };
}

/** The error type and message an SDK call failed with. */
export async function sdkError(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number; raw: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, raw: err };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
