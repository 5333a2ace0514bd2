/**
 * ARC-0060 signData on Tandem's own window event (avm-web-provider carries none): the page
 * dispatches SIGN_DATA_REQUEST_EVENT, and this handler validates it like the provider's requests,
 * hands it over the same transport and answers exactly once with SIGN_DATA_RESPONSE_EVENT, whose
 * detail is a JSON string (Firefox pages cannot read objects a content script made).
 *
 * No extension APIs here (the transport and the window are parameters), so unit tests drive it.
 */
import { pageSignDataCode } from '@/lib/arc27/sign-data-errors';
import { parseSignDataRequest } from '@/lib/arc27/sign-data-request';
import { isRecordLike, readOwn } from '@/lib/arc27/safe-read';
import { TANDEM_PROVIDER_ID, type Arc27Error, type Arc27Outcome } from '@/lib/arc27/types';
import { SIGN_DATA_REQUEST_EVENT, SIGN_DATA_RESPONSE_EVENT, SIGN_DATA_RESPONSE_REFERENCE } from '../../packages/use-wallet-tandem/src/protocol';
import type { BackgroundTransport } from './provider-handlers';

/** The one answer to a signData request, as the page reads it. */
export function signDataAnswer(requestId: string, answerId: string, outcome: Arc27Outcome): string {
  const base = { id: answerId, reference: SIGN_DATA_RESPONSE_REFERENCE, requestId };
  if (outcome.ok) return JSON.stringify({ ...base, result: outcome.result });
  const error: Arc27Error & { providerId: string } = { code: pageSignDataCode(outcome.error.code), message: String(outcome.error.message).slice(0, 1000), providerId: TANDEM_PROVIDER_ID };
  return JSON.stringify({ ...base, error });
}

/** Listens on `target` (the page's window) for signData requests addressed to Tandem (or to no provider). */
export function listenForSignData(target: Pick<Window, 'addEventListener' | 'dispatchEvent'>, transport: BackgroundTransport): void {
  target.addEventListener(SIGN_DATA_REQUEST_EVENT, (event) => {
    const detail: unknown = (event as CustomEvent<unknown>).detail;
    // An envelope with no usable id cannot be answered; one for another provider is not Tandem's.
    const id = isRecordLike(detail) ? readOwn(detail, 'id') : undefined;
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) return;
    const params = isRecordLike(detail) ? readOwn(detail, 'params') : undefined;
    const providerId = isRecordLike(params) ? readOwn(params, 'providerId') : undefined;
    if (providerId !== undefined && providerId !== TANDEM_PROVIDER_ID) return;

    const answer = (outcome: Arc27Outcome) =>
      target.dispatchEvent(new CustomEvent(SIGN_DATA_RESPONSE_EVENT, { detail: signDataAnswer(id, crypto.randomUUID(), outcome) }));
    const parsed = parseSignDataRequest(detail);
    if (!parsed.ok) return void answer({ ok: false, error: parsed.error });
    void transport(parsed.request).then(answer);
  });
}
