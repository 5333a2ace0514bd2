/** The peer host's side of the 'tandem/peer' catalogue, shared by the offscreen document and Firefox. */
import type { HandlerTable as ChannelHandlers } from '../messaging/channel';
import type { PeerCatalogue } from '../messaging/peer-protocol';
import { messageError } from '../messaging/result';
import { describeError, fail, ok } from '../result';
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
        return fail(messageError('failed', `could not answer the phone's offer: ${describeError(err)}`));
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
        return fail(messageError('unavailable', describeError(err)));
      }
    },
    'peer/close': () => {
      link.close();
      return ok({});
    },
  } satisfies HandlerTable;
}
