/**
 * What the connected phone says it can do, until the pairing's phone profile (issue #12) carries
 * it: Tandem greets the phone with Biatec's hello when the channel opens and keeps the `methods` of
 * its answer, in memory, for that channel. A phone that does not answer the hello (the Android
 * reference) can do only sign_transactions (lib/phone/methods.ts). A restarted worker has not seen
 * the answer, so data signing waits for the next channel open.
 */
import { TANDEM_PROVIDER_ID } from '@/lib/arc27/types';
import { encodeFrame } from '@/lib/liquid/frames';
import { buildHelloRequest } from '@/lib/phone/hello';
import { classifyPhoneEnvelope } from '@/lib/phone/replies';
import type { PeerHost } from '@/lib/peer/peer-host';

export interface PhoneMethods {
  current(): Promise<readonly string[] | null>;
  /** The channel opened: forget the last phone's answer and greet this one. */
  greet(): Promise<void>;
  /** True when the frame was the answer to the greeting (consumed here). */
  onPhoneFrame(value: Record<string, unknown>): boolean;
}

export function createPhoneMethods(peer: Pick<PeerHost, 'send'>, newId: () => string): PhoneMethods {
  let methods: readonly string[] | null = null;
  let helloId: string | null = null;
  return {
    current: async () => methods,
    async greet() {
      methods = null;
      helloId = newId();
      await peer.send(encodeFrame(buildHelloRequest(helloId, TANDEM_PROVIDER_ID)));
    },
    onPhoneFrame(value) {
      const message = classifyPhoneEnvelope(value);
      if (helloId === null || !('requestId' in message) || message.requestId !== helloId) return false;
      if (message.kind === 'hello') methods = message.methods;
      return true;
    },
  };
}
