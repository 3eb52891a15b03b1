import { createHmac, timingSafeEqual } from 'node:crypto';

export type RequesterLinkPurpose = 'unsubscribe' | 'not-fixed';

/**
 * Signed links in requester e-mails. A token is an HMAC-SHA256 of the purpose and the request's id
 * (not its tracking number, which is public and guessable), with a key derived from the JWT secret, so
 * no new secret needs managing. It authorises exactly one thing for one request and never expires: an
 * unsubscribe link must work whenever it is clicked, and reopening is bounded by the reopen window.
 */
export interface RequesterLinks {
  token(purpose: RequesterLinkPurpose, requestId: string): string;
  verify(purpose: RequesterLinkPurpose, requestId: string, token: string): boolean;
  statusPage(trackingNumber: string): string;
  unsubscribe(trackingNumber: string, requestId: string): string;
  notFixed(trackingNumber: string, requestId: string): string;
}

export function createRequesterLinks(options: { secret: string; publicBaseUrl: string }): RequesterLinks {
  const key = createHmac('sha256', options.secret).update('nsp requester links v1').digest();
  const sign = (purpose: RequesterLinkPurpose, requestId: string) =>
    createHmac('sha256', key).update(`${purpose}\n${requestId}`).digest('base64url');
  const base = options.publicBaseUrl;
  const link = (purpose: RequesterLinkPurpose, trackingNumber: string, requestId: string) =>
    `${base}/api/v1/public/requests/${encodeURIComponent(trackingNumber)}/${purpose}?token=${sign(purpose, requestId)}`;
  return {
    token: sign,
    verify(purpose, requestId, token) {
      const expected = Buffer.from(sign(purpose, requestId));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    // The agreed link to the public page (issue #12 builds it): it opens this request.
    statusPage: (trackingNumber) => `${base}/public/?track=${encodeURIComponent(trackingNumber)}`,
    unsubscribe: (trackingNumber, requestId) => link('unsubscribe', trackingNumber, requestId),
    notFixed: (trackingNumber, requestId) => link('not-fixed', trackingNumber, requestId),
  };
}
