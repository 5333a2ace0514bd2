import { describe, expect, it } from 'vitest';
import { sendBatches, type AlgodPoster, type TxnStatus } from '../../../entrypoints/background/algod-sender';

/** A node that confirms what it is sent after `confirmAfter` status reads, unless told to refuse it. */
function fakeNode(opts: { confirmed?: string[]; refuse?: Record<string, string>; poolError?: Record<string, string>; never?: string[]; confirmAfter?: number } = {}) {
  const confirmed = new Set(opts.confirmed ?? []);
  const pending = new Map<string, number>();
  const sent: Uint8Array[] = [];
  let lastTxIds: string[] = [];
  const node: AlgodPoster & { sent: Uint8Array[]; expect(ids: string[]): void } = {
    sent,
    expect: (ids) => void (lastTxIds = ids),
    async status(txId): Promise<TxnStatus> {
      if (confirmed.has(txId)) return { state: 'confirmed' };
      if (opts.poolError?.[txId]) return { state: 'rejected', message: opts.poolError[txId] };
      if (!pending.has(txId)) return { state: 'unknown' };
      const reads = pending.get(txId)! + 1;
      pending.set(txId, reads);
      if (!opts.never?.includes(txId) && reads > (opts.confirmAfter ?? 0)) confirmed.add(txId);
      return confirmed.has(txId) ? { state: 'confirmed' } : { state: 'pending' };
    },
    async send(bytes) {
      // Each test "signed transaction" is one byte: the char code of its id.
      const ids = lastTxIds.filter((t) => bytes.includes(t.charCodeAt(0)));
      const refused = ids.find((id) => opts.refuse?.[id]);
      if (refused) throw Object.assign(new Error('Network request error'), { response: { text: JSON.stringify({ message: opts.refuse![refused] }) } });
      sent.push(bytes);
      for (const id of ids) pending.set(id, 0);
    },
  };
  return node;
}

function clock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

const SIGNED = [new Uint8Array([65]), new Uint8Array([66]), new Uint8Array([67])];
const IDS = ['A', 'B', 'C'];

describe('sendBatches', () => {
  it('sends each batch once, joined, and waits for its confirmation', async () => {
    const node = fakeNode({ confirmAfter: 2 });
    node.expect(IDS);
    const results = await sendBatches(node, SIGNED, IDS, [{ start: 0, end: 2 }, { start: 2, end: 3 }], clock());
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(node.sent).toEqual([new Uint8Array([65, 66]), new Uint8Array([67])]);
  });

  it('does not send again what the ledger already has (a worker restarted mid-way)', async () => {
    const node = fakeNode({ confirmed: ['A'] });
    node.expect(IDS);
    const results = await sendBatches(node, SIGNED, IDS, [{ start: 0, end: 1 }, { start: 1, end: 3 }], clock());
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(node.sent).toEqual([new Uint8Array([66, 67])]);
  });

  it("reports algod's refusal for the batch, and still sends the next ones", async () => {
    const node = fakeNode({ refuse: { A: 'TransactionPool.Remember: overspend' } });
    node.expect(IDS);
    const results = await sendBatches(node, SIGNED, IDS, [{ start: 0, end: 1 }, { start: 1, end: 2 }], clock());
    expect(results).toEqual([{ ok: false, message: 'TransactionPool.Remember: overspend' }, { ok: true }]);
  });

  it('reports a pool error, and a batch not confirmed by the deadline', async () => {
    const node = fakeNode({ never: ['B'], poolError: {} });
    node.expect(IDS);
    const results = await sendBatches(node, SIGNED, IDS, [{ start: 0, end: 1 }, { start: 1, end: 2 }], { ...clock(), deadlineMs: 5_000 });
    expect(results[0]).toEqual({ ok: true });
    expect(results[1]).toEqual({ ok: false, message: 'sent, but not confirmed within 5 s' });
    const rejecting = fakeNode({ poolError: { C: 'logic eval error' } });
    rejecting.expect(IDS);
    expect(await sendBatches(rejecting, SIGNED, IDS, [{ start: 2, end: 3 }], clock())).toEqual([{ ok: false, message: 'logic eval error' }]);
  });
});
