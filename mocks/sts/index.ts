import { http, HttpResponse, type RequestHandler } from 'msw';
import type { EmulatorState } from '../store';
import { FORM_CONTENT_TYPE, STS_VERSION, STS_XMLNS } from './urn';

/**
 * STS `GetCallerIdentity`, the one STS call the AWS provider makes when it starts (to validate
 * credentials and learn the account id) unless told to skip it. With it, a stack written for real
 * AWS runs against the emulator unchanged: only `AWS_ENDPOINT_URL` and fake credentials differ.
 * The caller is an IAM user of the management account, named after the access key.
 */
export function stsHandlers(state: EmulatorState): RequestHandler[] {
  return [
    http.post('*', async ({ request }) => {
      if (new URL(request.url).pathname !== '/') return undefined;
      if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith(FORM_CONTENT_TYPE)) return undefined;
      const form = new URLSearchParams(await request.clone().text());
      const action = form.get('Action');
      if (action === null) return undefined;
      const requestId = state.ids.uuid();
      if (form.get('Version') !== STS_VERSION) {
        return stsError(400, 'InvalidParameterValue', `Version must be ${STS_VERSION}, got '${form.get('Version') ?? ''}'.`, requestId);
      }
      if (action !== 'GetCallerIdentity') {
        return stsError(400, 'InvalidAction', `Could not find operation ${action} for version ${STS_VERSION}`, requestId);
      }
      const accessKey = /Credential=([^/,\s]+)\//.exec(request.headers.get('authorization') ?? '')?.[1];
      if (!accessKey) return stsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token', requestId);
      if (!ACCESS_KEY.test(accessKey)) return stsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.', requestId);
      const account = state.options.managementAccountId;
      const body =
        `<GetCallerIdentityResponse xmlns="${STS_XMLNS}"><GetCallerIdentityResult>` +
        `<Arn>arn:aws:iam::${account}:user/${accessKey}</Arn><UserId>${accessKey}</UserId><Account>${account}</Account>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
      return xml(200, body, requestId);
    }),
  ];
}

/** The shape of an access key id (AKIA…/ASIA…, upper-case letters and digits). */
const ACCESS_KEY = /^[A-Z0-9]{16,128}$/;

function stsError(status: number, code: string, message: string, requestId: string, type = 'Sender'): Response {
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return xml(
    status,
    `<ErrorResponse xmlns="${STS_XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escaped}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    requestId,
  );
}

function xml(status: number, body: string, requestId: string): Response {
  return new HttpResponse(body, { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId } });
}
