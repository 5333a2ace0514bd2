/**
 * Several paired phones (#16), as pure functions of the popup store: which phone a view is about,
 * its name and its state, and what the header says for all of them.
 */
import { t } from '@/lib/i18n';
import type { Account } from '@/lib/accounts/accounts';
import type { ConnectionPhase, ConnectionState, Pairing } from '@/lib/liquid/types';
import type { QueuedRequest, QueuedSign } from '@/lib/storage/types';

/** The store's part these functions read. */
export interface PhonesView {
  connection: ConnectionState;
  pairings: readonly Pairing[];
  phones: Readonly<Record<string, ConnectionState>>;
}

/** A paired phone the background has not reported on yet: shown as offline, not as unpaired. */
const NOT_REPORTED: ConnectionState = { phase: 'phone-offline', socket: 'offline', updatedAt: 0 };

/**
 * Whether `connection` is a new pairing's attempt rather than a paired phone's link: its requestId
 * is no pairing's. Once the background adopts the attempt, its requestId is a pairing's and this
 * turns false on its own.
 */
export function attemptUnderWay({ connection, pairings }: Pick<PhonesView, 'connection' | 'pairings'>): boolean {
  const { requestId, phase } = connection;
  return requestId !== undefined && phase !== 'unpaired' && !pairings.some((p) => p.requestId === requestId);
}

/**
 * The link state of the phone paired as `requestId`. With one phone and no attempt, `connection` is
 * that phone's state (the single-phone screens read it, so they stay as they were).
 */
export function phoneState(view: PhonesView, requestId: string): ConnectionState {
  if (view.pairings.length === 1 && view.pairings[0]!.requestId === requestId && !attemptUnderWay(view)) return view.connection;
  return view.phones[requestId] ?? NOT_REPORTED;
}

/** The header's chip: the one phone's state; with several, connected only when every one is. */
export function headerPhase(view: PhonesView): ConnectionPhase {
  if (view.pairings.length < 2) return view.connection.phase;
  return view.pairings.every((p) => view.phones[p.requestId]?.phase === 'connected') ? 'connected' : 'phone-offline';
}

/**
 * Each phone's name by requestId: the name its wallet app gave, else the wallet app its server
 * belongs to, else "Your phone" / "Phone N". Two phones of the same app are told apart by their
 * number in the pairing order, since their short addresses are not shown everywhere a name is.
 */
export function phoneNames(pairings: readonly Pairing[], walletNameOf: (server: string) => string | undefined): Map<string, string> {
  const base = pairings.map((p, i) => p.phone?.name ?? walletNameOf(p.server) ?? (pairings.length === 1 ? t('phones_your_phone') : t('phones_phone_n', String(i + 1))));
  const names = new Map<string, string>();
  pairings.forEach((p, i) => {
    const name = base[i]!;
    const shared = base.filter((b) => b === name).length > 1;
    names.set(p.requestId, shared ? t('phones_name_numbered', name, String(i + 1)) : name);
  });
  return names;
}

/**
 * The phone (its pairing's requestId) a request needs now: for transactions being signed, the
 * current leg's; for data, the signer's; otherwise the phone of the first transaction's sender (the
 * description names it), else the first phone.
 */
export function requestPhone(request: QueuedRequest | undefined, accounts: readonly Account[], pairings: readonly Pairing[]): string | undefined {
  const first = pairings[0]?.requestId;
  const holderOf = (address: string | undefined) => accounts.find((a) => a.address === address)?.pairingId ?? first;
  switch (request?.method) {
    case undefined:
    case 'enable':
    case 'post_transactions':
      return first;
    case 'sign_transactions':
      if (request.stage === 'awaiting-phone' && request.legs && request.legs.length > 0) return request.legs[request.leg ?? 0]?.pairingId ?? first;
      return holderOf(request.descriptions.find((d) => d.signer !== null)?.sender);
    case 'sign_data':
    case 'sign_message':
      return holderOf(request.signer);
    default: {
      const never: never = request;
      return never;
    }
  }
}

export type LegState = 'done' | 'current' | 'waiting';

/** Each phone's part of an approved request signed by two or more phones; none otherwise. */
export function legSteps(request: QueuedSign): { pairingId: string; state: LegState }[] {
  const legs = request.legs ?? [];
  if (legs.length < 2 || request.stage === 'awaiting-approval') return [];
  // Once posting, every leg signed; before, the legs before `leg` are done.
  const current = request.stage === 'posting' ? legs.length : (request.leg ?? 0);
  return legs.map((leg, i) => ({ pairingId: leg.pairingId, state: i < current ? 'done' : i === current ? 'current' : 'waiting' }));
}
