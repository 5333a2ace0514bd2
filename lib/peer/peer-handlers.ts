/** The peer host's side of the 'tandem/peer' catalogue, shared by the offscreen document and Firefox. */
import type { HandlerTable as ChannelHandlers } from '../messaging/channel';
import type { PeerCatalogue } from '../messaging/peer-protocol';
import { messageError } from '../messaging/result';
import { describeError, fail, ok } from '../result';
import { CHANNEL_NOT_OPEN } from './peer-link';
import { MAX_PEERS, type PeerLinks } from './peer-links';

export type HandlerTable = ChannelHandlers<PeerCatalogue, void>;
export type PeerCatalogueHandlers = HandlerTable;

export function createPeerHandlers(links: PeerLinks): HandlerTable {
  const limitReached = (peerId: string) =>
    fail(messageError('limit-reached', `Tandem holds links to ${MAX_PEERS} phones already: close one before linking "${peerId}"`));
  return {
    'peer/status': ({ peerId }) => ok(links.status(peerId)),
    'peer/statuses': () => ok({ peers: links.statuses() }),
    'peer/accept-offer': async ({ peerId, sdp, iceServers }) => {
      const link = links.obtain(peerId);
      if (!link) return limitReached(peerId);
      try {
        return ok({ sdp: await link.acceptOffer(sdp, iceServers) });
      } catch (err) {
        return fail(messageError('failed', `could not answer the phone's offer: ${describeError(err)}`));
      }
    },
    'peer/add-candidate': async ({ peerId, candidate }) => {
      // A candidate may come before its offer: the link keeps it until the offer (peer-link.ts).
      const link = links.obtain(peerId);
      if (!link) return limitReached(peerId);
      await link.addRemoteCandidate(candidate);
      return ok({});
    },
    'peer/send': ({ peerId, frame }) => {
      const link = links.find(peerId);
      if (!link) return fail(messageError('unavailable', CHANNEL_NOT_OPEN));
      try {
        link.send(frame);
        return ok({});
      } catch (err) {
        return fail(messageError('unavailable', describeError(err)));
      }
    },
    'peer/close': ({ peerId }) => {
      links.close(peerId);
      return ok({});
    },
  } satisfies HandlerTable;
}
