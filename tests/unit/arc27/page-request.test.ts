import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TXNS, MAX_TXNS_HARD_CAP, parsePageRequest } from '../../../lib/arc27/page-request';
import { isAlgorandAddressShape, isGenesisHashShape } from '../../../lib/arc27/page-request-readers';
import { TANDEM_PROVIDER_ID, type Arc27Method } from '../../../lib/arc27/types';
import { ALICE, BOB, CAROL, MAINNET_HASH, PAYMENT, REQUEST_ID, TESTNET_HASH, paymentTxn, signRequest } from './fixtures';

type Expectation = { ok: true; params: unknown } | { ok: false; code: number; message: RegExp };

interface Case {
  name: string;
  method: Arc27Method;
  raw: unknown;
  expect: Expectation;
}

const OTHER_PROVIDER = '11111111-2222-4333-8444-555555555555';
function sparseTxns(): unknown[] {
  const txns: unknown[] = new Array(3);
  txns[0] = { txn: PAYMENT };
  txns[2] = { txn: PAYMENT };
  return txns;
}
const ok = (params: unknown): Expectation => ({ ok: true, params });
const invalid = (message: RegExp): Expectation => ({ ok: false, code: 4200, message });

const CASES: Case[] = [
  // discover
  { name: 'discover without params', method: 'discover', raw: { id: REQUEST_ID }, expect: ok({}) },
  { name: 'discover with null params', method: 'discover', raw: { id: REQUEST_ID, params: null }, expect: ok({}) },
  {
    name: 'discover for a provider',
    method: 'discover',
    raw: { id: REQUEST_ID, reference: 'arc0027:discover:request', params: { providerId: OTHER_PROVIDER } },
    expect: ok({ providerId: OTHER_PROVIDER }),
  },
  { name: 'discover with a numeric providerId', method: 'discover', raw: { id: REQUEST_ID, params: { providerId: 7 } }, expect: invalid(/params\.providerId must be a string/) },
  { name: 'discover with params as an array', method: 'discover', raw: { id: REQUEST_ID, params: [] }, expect: invalid(/params must be an object/) },
  { name: 'discover with a wrong reference', method: 'discover', raw: { id: REQUEST_ID, reference: 'arc0027:enable:request' }, expect: invalid(/reference must be "arc0027:discover:request"/) },
  { name: 'discover with a mismatched method', method: 'discover', raw: { id: REQUEST_ID, method: 'enable' }, expect: invalid(/method must be "discover"/) },
  { name: 'a request without id', method: 'discover', raw: { params: {} }, expect: invalid(/^id must be a string$/) },
  { name: 'a request with an empty id', method: 'discover', raw: { id: '' }, expect: invalid(/id must not be empty/) },
  { name: 'a request with a 129-char id', method: 'discover', raw: { id: 'x'.repeat(129) }, expect: invalid(/id is longer than 128 characters/) },
  { name: 'a request that is a string', method: 'discover', raw: 'discover', expect: invalid(/request must be an object/) },
  { name: 'a request that is null', method: 'enable', raw: null, expect: invalid(/request must be an object/) },
  { name: 'a request that is an array', method: 'enable', raw: [REQUEST_ID], expect: invalid(/request must be an object/) },

  // enable
  { name: 'enable with providerId and genesisHash', method: 'enable', raw: { id: REQUEST_ID, params: { providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH } }, expect: ok({ providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH }) },
  { name: 'enable without params addresses every provider', method: 'enable', raw: { id: REQUEST_ID }, expect: ok({ providerId: TANDEM_PROVIDER_ID }) },
  { name: 'enable with a null genesisHash', method: 'enable', raw: { id: REQUEST_ID, params: { providerId: TANDEM_PROVIDER_ID, genesisHash: null } }, expect: ok({ providerId: TANDEM_PROVIDER_ID }) },
  { name: 'enable with tandem.silent', method: 'enable', raw: { id: REQUEST_ID, params: { genesisHash: TESTNET_HASH, tandem: { silent: true } } }, expect: ok({ providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH, tandem: { silent: true } }) },
  { name: 'enable with tandem.silent false', method: 'enable', raw: { id: REQUEST_ID, params: { tandem: { silent: false } } }, expect: ok({ providerId: TANDEM_PROVIDER_ID, tandem: { silent: false } }) },
  { name: 'enable with a string tandem.silent', method: 'enable', raw: { id: REQUEST_ID, params: { tandem: { silent: 'yes' } } }, expect: invalid(/params\.tandem\.silent must be true or false/) },
  { name: 'enable with tandem not an object', method: 'enable', raw: { id: REQUEST_ID, params: { tandem: true } }, expect: invalid(/params\.tandem must be an object/) },
  { name: 'enable with an empty providerId', method: 'enable', raw: { id: REQUEST_ID, params: { providerId: '' } }, expect: invalid(/params\.providerId must not be empty/) },
  { name: 'enable with a 43-char genesisHash', method: 'enable', raw: { id: REQUEST_ID, params: { genesisHash: TESTNET_HASH.slice(0, 43) } }, expect: invalid(/params\.genesisHash must be a 44-character base64 genesis hash/) },
  { name: 'enable with a base64url genesisHash', method: 'enable', raw: { id: REQUEST_ID, params: { genesisHash: TESTNET_HASH.replace('/', '_') } }, expect: invalid(/genesisHash/) },
  { name: 'enable with a non-canonical genesisHash tail', method: 'enable', raw: { id: REQUEST_ID, params: { genesisHash: `${TESTNET_HASH.slice(0, 42)}J=` } }, expect: invalid(/genesisHash/) },
  { name: 'enable with a numeric genesisHash', method: 'enable', raw: { id: REQUEST_ID, params: { genesisHash: 42 } }, expect: invalid(/genesisHash/) },

  // disable
  { name: 'disable with session ids', method: 'disable', raw: { id: REQUEST_ID, params: { providerId: TANDEM_PROVIDER_ID, genesisHash: MAINNET_HASH, sessionIds: ['a', 'b'] } }, expect: ok({ providerId: TANDEM_PROVIDER_ID, genesisHash: MAINNET_HASH, sessionIds: ['a', 'b'] }) },
  { name: 'disable without params', method: 'disable', raw: { id: REQUEST_ID }, expect: ok({ providerId: TANDEM_PROVIDER_ID }) },
  { name: 'disable with a non-string session id', method: 'disable', raw: { id: REQUEST_ID, params: { sessionIds: ['a', 1] } }, expect: invalid(/params\.sessionIds\[1\] must be a string/) },
  { name: 'disable with 65 session ids', method: 'disable', raw: { id: REQUEST_ID, params: { sessionIds: Array.from({ length: 65 }, (_, i) => `s${i}`) } }, expect: invalid(/params\.sessionIds must hold at most 64 items/) },

  // sign_transactions
  { name: 'sign one payment', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT }]), expect: ok({ providerId: TANDEM_PROVIDER_ID, txns: [{ txn: PAYMENT }] }) },
  {
    name: 'sign with every ARC-0001 field',
    method: 'sign_transactions',
    raw: signRequest([
      { txn: PAYMENT, signers: [ALICE], authAddr: BOB, message: 'pay rent' },
      { txn: PAYMENT, signers: [], stxn: PAYMENT },
      { txn: PAYMENT, msig: { version: 1, threshold: 2, addrs: [ALICE, BOB, CAROL] }, signers: [ALICE] },
    ]),
    expect: ok({
      providerId: TANDEM_PROVIDER_ID,
      txns: [
        { txn: PAYMENT, signers: [ALICE], authAddr: BOB, message: 'pay rent' },
        { txn: PAYMENT, signers: [], stxn: PAYMENT },
        { txn: PAYMENT, msig: { version: 1, threshold: 2, addrs: [ALICE, BOB, CAROL] }, signers: [ALICE] },
      ],
    }),
  },
  { name: 'sign drops unknown keys', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT, extra: 'x', lsig: {} }], { extra: true }), expect: ok({ providerId: TANDEM_PROVIDER_ID, txns: [{ txn: PAYMENT }] }) },
  { name: 'sign with unpadded base64', method: 'sign_transactions', raw: signRequest([{ txn: 'AAAAAA' }]), expect: ok({ providerId: TANDEM_PROVIDER_ID, txns: [{ txn: 'AAAAAA' }] }) },
  { name: 'sign without params', method: 'sign_transactions', raw: { id: REQUEST_ID }, expect: invalid(/^params must be an object$/) },
  { name: 'sign without txns', method: 'sign_transactions', raw: signRequest(undefined), expect: invalid(/params\.txns must be an array/) },
  { name: 'sign with zero txns', method: 'sign_transactions', raw: signRequest([]), expect: invalid(/params\.txns must hold at least 1 item/) },
  { name: 'sign with a txn that is a string', method: 'sign_transactions', raw: signRequest([PAYMENT]), expect: invalid(/params\.txns\[0\] must be an object/) },
  { name: 'sign with a missing txn', method: 'sign_transactions', raw: signRequest([{ signers: [] }]), expect: invalid(/params\.txns\[0\]\.txn must be a string/) },
  { name: 'sign with an empty txn', method: 'sign_transactions', raw: signRequest([{ txn: '' }]), expect: invalid(/params\.txns\[0\]\.txn must be a non-empty standard base64 string/) },
  { name: 'sign with base64url txn', method: 'sign_transactions', raw: signRequest([{ txn: 'ab-_' }]), expect: invalid(/txn must be a non-empty standard base64/) },
  { name: 'sign with a badly padded txn', method: 'sign_transactions', raw: signRequest([{ txn: 'AAAAA=' }]), expect: invalid(/txn must be a non-empty standard base64/) },
  { name: 'sign with a txn of bytes', method: 'sign_transactions', raw: signRequest([{ txn: new Uint8Array(4) }]), expect: invalid(/txn must be a string/) },
  { name: 'sign with null signers', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT, signers: null }]), expect: invalid(/params\.txns\[0\]\.signers must be an array/) },
  { name: 'sign with a lowercase signer', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT, signers: [ALICE.toLowerCase()] }]), expect: invalid(/params\.txns\[0\]\.signers\[0\] must be a 58-character Algorand address/) },
  { name: 'sign with 17 signers', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT, signers: Array(17).fill(ALICE) }]), expect: invalid(/signers must hold at most 16 items/) },
  { name: 'sign with an authAddr of 57 chars', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT, authAddr: ALICE.slice(1) }]), expect: invalid(/authAddr must be a 58-character Algorand address/) },
  { name: 'sign with msig threshold above addrs', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT, msig: { version: 1, threshold: 3, addrs: [ALICE, BOB] } }]), expect: invalid(/msig\.threshold must be an integer from 1 to the number of addrs/) },
  { name: 'sign with msig version 1.5', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT, msig: { version: 1.5, threshold: 1, addrs: [ALICE] } }]), expect: invalid(/msig\.version must be an integer/) },
  { name: 'sign with msig without addrs', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT, msig: { version: 1, threshold: 1 } }]), expect: invalid(/msig\.addrs must be an array/) },
  { name: 'sign with an stxn number', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT, stxn: 5 }]), expect: invalid(/stxn must be a string/) },
  { name: 'sign with a numeric message', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT, message: 5 }]), expect: invalid(/message must be a string/) },
  { name: 'sign with a numeric providerId', method: 'sign_transactions', raw: signRequest([{ txn: PAYMENT }], { providerId: 1 }), expect: invalid(/params\.providerId must be a string/) },
  { name: 'sign with a sparse txns array', method: 'sign_transactions', raw: signRequest(sparseTxns()), expect: invalid(/params\.txns\[1\] must be an object/) },

  // not implemented
  // sign_message (#13): the message and an optional signer; meaning is the background's job
  { name: 'sign_message', method: 'sign_message', raw: { id: REQUEST_ID, params: { message: 'hi' } }, expect: ok({ providerId: TANDEM_PROVIDER_ID, message: 'hi' }) },
  { name: 'sign_message with an empty message', method: 'sign_message', raw: { id: REQUEST_ID, params: { message: '' } }, expect: invalid(/message must not be empty/) },
  { name: 'sign_message with a numeric message', method: 'sign_message', raw: { id: REQUEST_ID, params: { message: 5 } }, expect: invalid(/params\.message must be a string/) },
  { name: 'sign_message with a signer that is no address', method: 'sign_message', raw: { id: REQUEST_ID, params: { message: 'hi', signer: 'me' } }, expect: invalid(/params\.signer must be a 58-character Algorand address/) },
  { name: 'sign_message over 16 Ki characters', method: 'sign_message', raw: { id: REQUEST_ID, params: { message: 'x'.repeat(16 * 1024 + 1) } }, expect: invalid(/longer than 16384/) },

  // post_transactions and sign_and_post_transactions (#14): checked for meaning in the background
  { name: 'post_transactions', method: 'post_transactions', raw: { id: REQUEST_ID, params: { stxns: [PAYMENT] } }, expect: ok({ providerId: TANDEM_PROVIDER_ID, stxns: [PAYMENT] }) },
  { name: 'post_transactions without stxns', method: 'post_transactions', raw: { id: REQUEST_ID, params: {} }, expect: invalid(/params\.stxns/) },
  { name: 'post_transactions with a number', method: 'post_transactions', raw: { id: REQUEST_ID, params: { stxns: [5] } }, expect: invalid(/params\.stxns\[0\]/) },
  { name: 'post_transactions with 129 entries', method: 'post_transactions', raw: { id: REQUEST_ID, params: { stxns: Array(129).fill(PAYMENT) } }, expect: invalid(/params\.stxns must hold at most 128/) },
  { name: 'sign_and_post_transactions', method: 'sign_and_post_transactions', raw: { id: REQUEST_ID, params: { txns: [{ txn: PAYMENT }] } }, expect: ok({ providerId: TANDEM_PROVIDER_ID, txns: [{ txn: PAYMENT }] }) },
  { name: 'sign_and_post_transactions with 129 txns', method: 'sign_and_post_transactions', raw: { id: REQUEST_ID, params: { txns: Array(129).fill({ txn: PAYMENT }) } }, expect: invalid(/params\.txns must hold at most 128/) },
];

describe('parsePageRequest', () => {
  it.each(CASES)('$name', ({ method, raw, expect: expectation }) => {
    const outcome = parsePageRequest(method, raw);
    if (expectation.ok) {
      expect(outcome).toEqual({
        ok: true,
        request: { id: REQUEST_ID, method, reference: `arc0027:${method}:request`, params: expectation.params },
      });
    } else {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error.code).toBe(expectation.code);
      expect(outcome.error.message).toMatch(expectation.message);
      expect(Object.keys(outcome.error)).toEqual(['code', 'message']);
    }
  });

  it('accepts the handler argument AVMWebProvider passes ({id, method, params})', () => {
    const outcome = parsePageRequest('enable', { id: REQUEST_ID, method: 'enable', params: { genesisHash: TESTNET_HASH } });
    expect(outcome.ok).toBe(true);
  });

  it('returns a copy that shares no object with the page', () => {
    const txn = { txn: PAYMENT, signers: [ALICE], msig: { version: 1, threshold: 1, addrs: [ALICE] } };
    const raw = signRequest([txn]);
    const outcome = parsePageRequest('sign_transactions', raw);
    if (!outcome.ok || outcome.request.method !== 'sign_transactions') throw new Error('expected a sign request');
    const clean = outcome.request.params.txns[0]!;
    expect(clean).not.toBe(txn);
    expect(clean.signers).not.toBe(txn.signers);
    expect(clean.msig).not.toBe(txn.msig);
    expect(clean.msig!.addrs).not.toBe(txn.msig.addrs);
    expect(outcome.request.params).not.toBe(raw.params);
    txn.signers.push(BOB);
    expect(clean.signers).toEqual([ALICE]);
  });

  it('accepts objects without a prototype and class instances', () => {
    const params = Object.assign(Object.create(null) as object, { providerId: TANDEM_PROVIDER_ID });
    expect(parsePageRequest('enable', { id: REQUEST_ID, params }).ok).toBe(true);
    class RequestMessage {
      constructor(
        readonly id: string,
        readonly params: unknown,
      ) {}
    }
    expect(parsePageRequest('discover', new RequestMessage(REQUEST_ID, undefined)).ok).toBe(true);
  });

  describe('limits', () => {
    it('accepts the default maximum of 1,024 transactions and refuses 1,025', () => {
      const txns = Array.from({ length: DEFAULT_MAX_TXNS }, () => ({ txn: PAYMENT }));
      expect(parsePageRequest('sign_transactions', signRequest(txns)).ok).toBe(true);
      const outcome = parsePageRequest('sign_transactions', signRequest([...txns, { txn: PAYMENT }]));
      expect(outcome).toMatchObject({ ok: false, error: { code: 4200, message: 'params.txns must hold at most 1024 items' } });
    });

    it('never goes above the hard cap of 2,048 transactions', () => {
      const txns = Array.from({ length: MAX_TXNS_HARD_CAP + 1 }, () => ({ txn: PAYMENT }));
      const outcome = parsePageRequest('sign_transactions', signRequest(txns), { maxTxns: 1_000_000 });
      expect(outcome).toMatchObject({ ok: false, error: { message: 'params.txns must hold at most 2048 items' } });
      expect(parsePageRequest('sign_transactions', signRequest(txns.slice(1)), { maxTxns: 1_000_000 }).ok).toBe(true);
    });

    it('refuses a txn longer than maxTxnChars', () => {
      const outcome = parsePageRequest('sign_transactions', signRequest([{ txn: 'AAAA'.repeat(3) }]), { maxTxnChars: 8 });
      expect(outcome).toMatchObject({ ok: false, error: { message: 'params.txns[0].txn is longer than 8 characters' } });
    });

    it('refuses a request whose total size is above maxBytes', () => {
      const txns = Array.from({ length: 10 }, () => ({ txn: PAYMENT }));
      const exact = JSON.stringify(parsePageRequest('sign_transactions', signRequest(txns))).length;
      expect(parsePageRequest('sign_transactions', signRequest(txns), { maxBytes: exact }).ok).toBe(true);
      const outcome = parsePageRequest('sign_transactions', signRequest(txns), { maxBytes: 1000 });
      expect(outcome).toMatchObject({ ok: false, error: { code: 4200, message: 'request is larger than 1000 bytes' } });
    });

    it('refuses 4 MB of maximum-size txns by the 4 MiB default', () => {
      const big = 'A'.repeat(60_000);
      const txns = Array.from({ length: 80 }, () => ({ txn: big, stxn: big }));
      const outcome = parsePageRequest('sign_transactions', signRequest(txns));
      expect(outcome).toMatchObject({ ok: false, error: { message: 'request is larger than 4194304 bytes' } });
    });

    it('accepts 1,024 payments well under the default size', () => {
      const txns = Array.from({ length: 1024 }, (_, i) => ({ txn: paymentTxn(ALICE, i + 1), signers: [ALICE] }));
      const outcome = parsePageRequest('sign_transactions', signRequest(txns));
      expect(outcome.ok).toBe(true);
      expect(JSON.stringify(outcome).length).toBeLessThan(400_000);
    });
  });

  describe('hostile inputs', () => {
    it('does not run getters and reports them as unreadable', () => {
      let called = false;
      const params = {
        providerId: TANDEM_PROVIDER_ID,
        get txns(): unknown {
          called = true;
          throw new Error('boom');
        },
      };
      const outcome = parsePageRequest('sign_transactions', { id: REQUEST_ID, params });
      expect(called).toBe(false);
      expect(outcome).toMatchObject({ ok: false, error: { code: 4200, message: 'params.txns is not readable (accessor or proxy)' } });
    });

    it('survives proxies whose traps throw', () => {
      const hostile = new Proxy(
        {},
        {
          getOwnPropertyDescriptor() {
            throw new Error('trap');
          },
          get() {
            throw new Error('trap');
          },
        },
      );
      expect(parsePageRequest('enable', hostile)).toMatchObject({ ok: false, error: { code: 4200 } });
      expect(parsePageRequest('enable', { id: REQUEST_ID, params: hostile })).toMatchObject({ ok: false, error: { code: 4200 } });
      expect(parsePageRequest('sign_transactions', signRequest([hostile]))).toMatchObject({ ok: false, error: { code: 4200 } });
      const arrayProxy = new Proxy([{ txn: PAYMENT }], {
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
      });
      expect(parsePageRequest('sign_transactions', signRequest(arrayProxy))).toMatchObject({ ok: false, error: { code: 4200 } });
    });

    it('survives a revoked proxy', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      expect(parsePageRequest('enable', proxy)).toMatchObject({ ok: false, error: { message: 'request must be an object' } });
    });

    it('ignores __proto__ keys and does not pollute prototypes', () => {
      const raw = JSON.parse(
        `{"id":"${REQUEST_ID}","params":{"__proto__":{"providerId":"evil","polluted":true},"txns":[{"txn":"${PAYMENT}","__proto__":{"signers":[]}}]}}`,
      ) as unknown;
      const outcome = parsePageRequest('sign_transactions', raw);
      expect(outcome).toEqual({
        ok: true,
        request: {
          id: REQUEST_ID,
          method: 'sign_transactions',
          reference: 'arc0027:sign_transactions:request',
          params: { providerId: TANDEM_PROVIDER_ID, txns: [{ txn: PAYMENT }] },
        },
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('does not read inherited properties', () => {
      const params = Object.create({ providerId: OTHER_PROVIDER, txns: [{ txn: PAYMENT }] }) as object;
      expect(parsePageRequest('sign_transactions', { id: REQUEST_ID, params })).toMatchObject({
        ok: false,
        error: { message: 'params.txns must be an array' },
      });
    });

    it('refuses a 10 MB txn string quickly', () => {
      const huge = 'A'.repeat(10 * 1024 * 1024);
      const started = performance.now();
      const outcome = parsePageRequest('sign_transactions', signRequest([{ txn: huge }]));
      expect(performance.now() - started).toBeLessThan(50);
      expect(outcome).toMatchObject({ ok: false, error: { message: 'params.txns[0].txn is longer than 65536 characters' } });
      expect(parsePageRequest('enable', { id: huge })).toMatchObject({ ok: false, error: { message: 'id is longer than 128 characters' } });
    });

    it('refuses deeply nested arrays without recursing', () => {
      let nested: unknown = [];
      for (let i = 0; i < 100_000; i++) nested = [nested];
      expect(parsePageRequest('sign_transactions', signRequest(nested))).toMatchObject({
        ok: false,
        error: { message: 'params.txns[0] must be an object' },
      });
      expect(parsePageRequest('sign_transactions', signRequest([{ txn: PAYMENT, signers: nested }]))).toMatchObject({
        ok: false,
        error: { message: 'params.txns[0].signers[0] must be a 58-character Algorand address' },
      });
    });

    it('refuses an array with an absurd length without iterating it', () => {
      const sparse: unknown[] = [];
      sparse.length = 2 ** 32 - 1;
      const outcome = parsePageRequest('sign_transactions', signRequest(sparse));
      expect(outcome).toMatchObject({ ok: false, error: { message: 'params.txns must hold at most 1024 items' } });
    });

    it('handles cyclic objects', () => {
      const params: Record<string, unknown> = { providerId: TANDEM_PROVIDER_ID };
      params.self = params;
      params.txns = [{ txn: PAYMENT, loop: params }];
      expect(parsePageRequest('sign_transactions', { id: REQUEST_ID, params }).ok).toBe(true);
      const cycle: unknown[] = [];
      cycle.push(cycle);
      expect(parsePageRequest('sign_transactions', signRequest(cycle)).ok).toBe(false);
    });

    it('refuses an unknown method name at runtime with 4003', () => {
      expect(parsePageRequest('steal_keys' as Arc27Method, { id: REQUEST_ID })).toMatchObject({ ok: false, error: { code: 4003 } });
    });
  });
});

describe('shape checks', () => {
  it('recognises real addresses and refuses near misses', () => {
    for (let i = 0; i < 200; i++) {
      const key = new Uint8Array(32).map(() => Math.floor(Math.random() * 256));
      expect(isAlgorandAddressShape(algosdk.encodeAddress(key))).toBe(true);
    }
    expect(isAlgorandAddressShape(`${ALICE.slice(0, 57)}B`)).toBe(false);
    expect(isAlgorandAddressShape(`${ALICE}A`)).toBe(false);
  });

  it('recognises real genesis hashes', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(32).map(() => Math.floor(Math.random() * 256));
      expect(isGenesisHashShape(algosdk.bytesToBase64(bytes))).toBe(true);
    }
    expect(isGenesisHashShape(TESTNET_HASH.slice(0, 43))).toBe(false);
  });
});
