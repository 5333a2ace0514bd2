/** A `requestId` as the wire carries it: the QR's UUID, or a number from older phone builds. */
export type RequestId = string | number;

/** Published when a wallet proves itself with a `requestId` (the real server sends this over Redis as `auth`). */
export interface AuthEvent {
  requestId: RequestId;
  wallet: string;
  credId: string;
}

interface Waiter {
  requestId: RequestId;
  onAuth: (event: AuthEvent) => void;
}

export function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * In-process stand-in for the real server's `auth` pub/sub channel. Like the real one it does not remember past
 * events: a `link` only hears an `auth` published after it started waiting.
 */
export class AuthBus {
  private readonly waiters = new Set<Waiter>();

  /** Calls `onAuth` once, for the first `auth` whose requestId is identical (`===`, so '1' never matches 1). */
  waitFor(requestId: RequestId, onAuth: (event: AuthEvent) => void): () => void {
    const waiter: Waiter = { requestId, onAuth };
    this.waiters.add(waiter);
    return () => {
      this.waiters.delete(waiter);
    };
  }

  publish(event: AuthEvent): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.requestId !== event.requestId) continue;
      this.waiters.delete(waiter);
      waiter.onAuth(event);
    }
  }

  /** How many `link`s wait for this requestId. */
  waitingFor(requestId: RequestId): number {
    return [...this.waiters].filter((waiter) => waiter.requestId === requestId).length;
  }

  get pending(): number {
    return this.waiters.size;
  }

  clear(): void {
    this.waiters.clear();
  }
}
