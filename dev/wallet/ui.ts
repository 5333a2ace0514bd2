/**
 * The page: binds the static controls of index.html to the phone and renders its state.
 * Request content comes from the other side of the channel, so it is only ever written
 * with textContent, never as HTML.
 */
import type { Phone } from './phone';
import { PHONE_BEHAVIOURS, PHONE_FAULTS, describeTxn, type PhoneBehaviour, type PhoneFault } from './signer';

export interface UiActions {
  /** Switch to the account of this mnemonic (validated and stored, then the page reloads). */
  useMnemonic(mnemonic: string): void;
}

export function mountUi(doc: Document, phone: Phone, actions: UiActions): void {
  const el = <T extends HTMLElement>(id: string): T => {
    const found = doc.getElementById(id);
    if (!found) throw new Error(`index.html has no #${id}`);
    return found as T;
  };
  const address = el('address');
  const linkInput = el<HTMLInputElement>('link');
  const status = el('status');
  const error = el('error');
  const behaviour = el<HTMLSelectElement>('behaviour');
  const autoApprove = el<HTMLInputElement>('auto-approve');
  const fault = el<HTMLSelectElement>('fault');
  const stats = el('stats');
  const requests = el('requests');
  const log = el('log');
  const mnemonic = el<HTMLInputElement>('mnemonic');

  address.textContent = phone.address;

  const report = (err: unknown): void => {
    error.textContent = err instanceof Error ? err.message : String(err);
  };

  el('connect').addEventListener('click', () => {
    phone.connect(linkInput.value).catch(() => {
      // The phone records the error in its state; render() shows it.
    });
  });
  el('reconnect').addEventListener('click', () => {
    phone.reconnect().catch(() => {
      // As for connect: the phone records the error in its state.
    });
  });
  el('disconnect').addEventListener('click', () => phone.disconnect());
  behaviour.addEventListener('change', () => {
    if (isOneOf(PHONE_BEHAVIOURS, behaviour.value)) phone.setBehaviour(behaviour.value);
  });
  fault.addEventListener('change', () => {
    if (isOneOf(PHONE_FAULTS, fault.value)) phone.setFault(fault.value);
  });
  autoApprove.addEventListener('change', () => phone.setAutoApprove(autoApprove.checked));
  el('use-mnemonic').addEventListener('click', () => {
    try {
      actions.useMnemonic(mnemonic.value);
    } catch (err) {
      report(new Error(`not a valid mnemonic: ${err instanceof Error ? err.message : String(err)}`));
    }
  });

  let renderedQueue = '';
  const render = (): void => {
    status.textContent = phone.phase;
    error.textContent = phone.error ?? '';
    behaviour.value = phone.behaviour satisfies PhoneBehaviour;
    fault.value = phone.fault satisfies PhoneFault;
    autoApprove.checked = phone.autoApprove;
    stats.textContent = `${phone.stats.requestsSigned} requests, ${phone.stats.txnsSigned} txns`;
    log.textContent = phone.log.join('\n');
    log.scrollTop = log.scrollHeight;

    // Rebuild the list only when the queue changes, so a click is never lost to a re-render.
    const queueKey = phone.queue.map((p) => p.request.id).join('|');
    if (queueKey === renderedQueue) return;
    renderedQueue = queueKey;
    requests.replaceChildren(...phone.queue.map(({ request }) => renderRequest(doc, request.id, request.txns, phone, report)));
  };
  phone.onChange(render);
  render();
}

export function setLinkInput(doc: Document, link: string): void {
  const input = doc.getElementById('link') as HTMLInputElement | null;
  if (input) input.value = link;
}

function renderRequest(
  doc: Document,
  requestId: string,
  txns: Phone['queue'][number]['request']['txns'],
  phone: Phone,
  report: (err: unknown) => void,
): HTMLElement {
  const item = doc.createElement('div');
  item.className = 'request';
  item.dataset.testid = 'request';
  item.dataset.requestId = requestId;

  const title = doc.createElement('div');
  title.className = 'mono';
  title.textContent = `${requestId} · ${txns.length} txn(s)`;

  const list = doc.createElement('ol');
  for (const wtxn of txns) {
    const t = describeTxn(wtxn);
    const li = doc.createElement('li');
    li.className = 'mono';
    const parts = [t.type, `from ${t.sender}`];
    if (t.receiver) parts.push(`to ${t.receiver}`);
    if (t.amount) parts.push(t.assetId ? `${t.amount} of asset ${t.assetId}` : t.amount);
    if (Array.isArray(wtxn.signers) && wtxn.signers.length === 0) parts.push('(not asked to sign)');
    if (wtxn.authAddr) parts.push(`authAddr ${wtxn.authAddr}`);
    if (t.error) parts.push(`⚠ ${t.error}`);
    li.textContent = parts.join(' · ');
    list.append(li);
  }

  const approve = doc.createElement('button');
  approve.type = 'button';
  approve.textContent = 'Approve';
  approve.dataset.testid = 'approve';
  approve.addEventListener('click', () => phone.approve(requestId).catch(report));

  const reject = doc.createElement('button');
  reject.type = 'button';
  reject.textContent = 'Reject';
  reject.dataset.testid = 'reject';
  reject.addEventListener('click', () => phone.reject(requestId).catch(report));

  const actions = doc.createElement('div');
  actions.className = 'row';
  actions.append(approve, reject);
  item.append(title, list, actions);
  return item;
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
