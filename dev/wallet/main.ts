/**
 * Entry of the dev wallet page (served by the dev server at /wallet, bundled to /wallet/main.js).
 * Reads the URL parameters, builds the phone, mounts the UI and exposes `window.devWallet`.
 *
 *   ?link=liquid://...      connect at once
 *   ?mnemonic=w1+w2+...     use (and remember) this account
 *   ?behaviour=reference|spec|ios|biatec|connections   (default spec)
 *   ?auto=1                 approve every request
 *   ?ice=stun               public STUN instead of host candidates only
 *   ?profile=b              another phone: its own account, passkey ids and session links
 */
import { loadAccount, loadProviderId, profileStore } from './account';
import { Phone, type DevWallet } from './phone';
import { PHONE_BEHAVIOURS, type PhoneBehaviour } from './signer';
import { mountUi, setLinkInput } from './ui';

/** Public STUN, as the reference clients use. TURN is not needed on one machine. */
const PUBLIC_STUN: RTCIceServer[] = [{ urls: ['stun:stun.l.google.com:19302', 'stun:stun1.l.google.com:19302'] }];

function start(): void {
  const params = new URLSearchParams(location.search);
  const store = profileStore(localStorage, params.get('profile'));
  const key = loadAccount(store, params.get('mnemonic') ?? undefined);
  const requested = params.get('behaviour') ?? 'spec';
  const behaviour: PhoneBehaviour = (PHONE_BEHAVIOURS as readonly string[]).includes(requested) ? (requested as PhoneBehaviour) : 'spec';
  const phone = new Phone({
    key,
    providerId: loadProviderId(store),
    store,
    pageOrigin: location.origin,
    // On localhost host candidates connect in tens of ms and need no network (machine-notes.md).
    iceServers: params.get('ice') === 'stun' ? PUBLIC_STUN : [],
    behaviour,
    autoApprove: params.get('auto') === '1',
  });

  mountUi(document, phone, {
    useMnemonic: (mnemonic) => {
      loadAccount(store, mnemonic);
      const next = new URL(location.href);
      next.searchParams.delete('mnemonic');
      location.replace(next);
    },
  });
  (window as Window & { devWallet?: DevWallet }).devWallet = phone;

  const link = params.get('link');
  if (link) {
    setLinkInput(document, link);
    phone.connect(link).catch(() => {
      // Recorded in phone.phase / phone.error and shown on the page.
    });
  }
}

start();
