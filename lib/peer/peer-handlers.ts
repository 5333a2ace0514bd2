/** The peer host's side of the 'tandem/peer' catalogue, shared by the offscreen document and Firefox. */
import type { HandlerTable as ChannelHandlers } from '../messaging/channel';
import type { PeerCatalogue } from '../messaging/peer-protocol';
import { fail, ok } from '../messaging/result';
import type { PeerLink } from './peer-link';

export type HandlerTable = ChannelHandlers<PeerCatalogue, void>;
export type PeerCatalogueHandlers = HandlerTable;

export function createPeerHandlers(link: PeerLink): HandlerTable {
  return {
    'peer/status': () => ok(link.status()),
    'peer/accept-offer': async ({ sdp, iceServers }) => {
      try {
        return ok({ sdp: await link.acceptOffer(sdp, iceServers) });
      } catch (err) {
        return fail('failed', `could not answer the phone's offer: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    'peer/add-candidate': async ({ candidate }) => {
      await link.addRemoteCandidate(candidate);
      return ok({});
    },
    'peer/send': ({ frame }) => {
      try {
        link.send(frame);
        return ok({});
      } catch (err) {
        return fail('unavailable', err instanceof Error ? err.message : String(err));
      }
    },
    'peer/close': () => {
      link.close();
      return ok({});
    },
  } satisfies HandlerTable;
}
