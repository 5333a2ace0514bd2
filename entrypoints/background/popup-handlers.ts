/** The background's side of 'tandem/popup': every change the view asks for. */
import type { HandlerTable } from '@/lib/messaging/channel';
import type { PopupCatalogue } from '@/lib/messaging/popup-protocol';
import { fail, ok } from '@/lib/messaging/result';
import type { Signaling } from '@/lib/liquid/signaling';
import { blockedOriginsItem, loadSettings, settingsItem } from '@/lib/storage/items';
import { BLOCKED_MESSAGE, type Requests } from './requests';
import { revokeAllSessions, revokeSessions } from './sites';

const startedAt = Date.now();

export function createPopupHandlers(signaling: Signaling, requests: Requests, refresh: () => Promise<void>): HandlerTable<PopupCatalogue, void> {
  return {
    'state/refresh': async () => {
      await refresh();
      return ok({ startedAt });
    },
    'pairing/start': async ({ fresh }) => ok({ requestId: await signaling.startPairing({ fresh }) }),
    'pairing/cancel': async () => {
      await signaling.cancelPairing();
      return ok({});
    },
    'pairing/unpair': async () => {
      await signaling.unpair();
      await revokeAllSessions();
      return ok({});
    },
    'settings/save': async (patch) => {
      await settingsItem.setValue({ ...(await settingsItem.getValue()), ...patch });
      return ok(await loadSettings());
    },
    'sites/revoke': async ({ origin, genesisHash }) => ok({ revoked: (await revokeSessions(origin, genesisHash)).length }),
    'sites/block': async ({ origin }) => {
      const blocked = await blockedOriginsItem.getValue();
      if (!blocked.includes(origin)) await blockedOriginsItem.setValue([...blocked, origin]);
      await revokeSessions(origin);
      // Its waiting requests are answered now rather than left to be rejected one by one.
      await requests.rejectOrigin(origin, BLOCKED_MESSAGE);
      return ok({});
    },
    'sites/unblock': async ({ origin }) => {
      const blocked = await blockedOriginsItem.getValue();
      if (blocked.includes(origin)) await blockedOriginsItem.setValue(blocked.filter((o) => o !== origin));
      return ok({});
    },
    'request/approve': async ({ key }) => {
      try {
        await requests.approve(key);
        return ok({});
      } catch (err) {
        return fail('failed', err instanceof Error ? err.message : String(err));
      }
    },
    'request/reject': async ({ key }) => {
      await requests.reject(key);
      return ok({});
    },
  } satisfies HandlerTable<PopupCatalogue, void>;
}
