import type { AuthBus } from './auth-bus.ts';
import type { UserStore } from './user-store.ts';

/** Who the passkeys are for. `origin` is filled in once the port is known, before any request is served. */
export interface RelyingParty {
  rpId: string;
  rpName: string;
  origin: string;
  timeoutMs: number;
}

/** What the HTTP routes and the signaling share. */
export interface LiquidContext {
  users: UserStore;
  bus: AuthBus;
  relyingParty: RelyingParty;
  log: (line: string) => void;
}
