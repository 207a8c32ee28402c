import { SamlMetadataError } from './errors';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * Loopback http is allowed so the local emulator's metadata works; anything else must be https.
 * Checked before the WHATWG parser sees the value, because it repairs what AWS's validation
 * refuses: it drops tabs and line breaks, turns "https:/host" into "https://host", and reads
 * "https://aws.example@evil.example/" as a URL whose host is evil.example.
 */
export function assertHttpsUrl(value: string, what: string): void {
  if (/\p{Cc}/u.test(value)) {
    throw new SamlMetadataError('invalid-url', `${what} ${JSON.stringify(value)} contains control characters; a URL has none`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SamlMetadataError('invalid-url', `${what} "${value}" is not an absolute URL`);
  }
  if (!/^https?:\/\/[^/]/.test(value)) throw new SamlMetadataError('invalid-url', `${what} "${value}" is not an absolute URL`);
  if (url.username || url.password || /^https?:\/\/[^/?#]*@/.test(value)) {
    throw new SamlMetadataError(
      'invalid-url',
      `${what} "${value}" has user information before "@" (its host is really ${url.host}); give the URL without "user@"`,
    );
  }
  const loopback = url.protocol === 'http:' && LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !loopback) {
    throw new SamlMetadataError('invalid-url', `${what} "${value}" must be an https:// URL`);
  }
}
