/**
 * Fuzzing the transaction describer over the decoder's output. Inputs are requests of 1 to 3
 * arbitrary-but-valid transactions of every type (random senders, amounts, rounds, notes, leases,
 * rekeys, names, programs, references, keys, grouped or not), the same bytes with a few bytes
 * changed, and random byte strings. Every input must end in a defined outcome: a Result from
 * decodeWalletTransactions and, when it is ok, one description per transaction with every required
 * field a string, nothing but plain JSON, and no text that renders differently from how it reads.
 * A valid transaction that the decoder refuses counts as a failure too.
 */
import algosdk from 'algosdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWalletTransactions } from '../../../lib/algorand/decode';
import { describeTransactions, type DescribeContext, type TxnDescription } from '../../../lib/algorand/describe';
import type { WalletTransaction } from '../../../lib/arc27/types';
import { ALICE, BOB, CAROL, DAVE } from '../../fixtures/algorand/accounts';
import { MAINNET_HASH, TESTNET_HASH } from '../../fixtures/algorand/txns';
import { FUZZ_TIMEOUT_MS, inputs } from './inputs';

const RUNS = 10_000;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const KNOWN = [ALICE.addr, BOB.addr, CAROL.addr, DAVE.addr];
const OWN = [ALICE.addr, BOB.addr];

// ---------------------------------------------------------------------------------------------
// Field values.

const uint64 = fc.oneof(
  { arbitrary: fc.bigInt({ min: 0n, max: 1_000_000n }), weight: 3 },
  { arbitrary: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), weight: 2 },
  { arbitrary: fc.constantFrom(1n, 2n ** 53n + 1n, 2n ** 64n - 1n), weight: 1 },
);
const positive = uint64.map((n) => (n === 0n ? 1n : n));
/**
 * Bytes from a seed (xorshift). fast-check's own uint8Array costs about 40 µs for 32 bytes and
 * encodeAddress (SHA-512/256 in JS) about 300 µs, too slow for 10,000 requests of several
 * transactions each; the describer does not care how random the bytes are, only what they are.
 */
function seededBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 0 || 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
const bytes = (maxLength: number) => fc.tuple(fc.nat(maxLength), fc.integer()).map(([length, seed]) => seededBytes(length, seed));
const fixed = (length: number) =>
  fc.oneof(
    { arbitrary: fc.integer().map((seed) => seededBytes(length, seed)), weight: 8 },
    { arbitrary: fc.constantFrom(new Uint8Array(length).fill(0xff), new Uint8Array(length).fill(1)), weight: 1 },
  );
/** Text a dApp might put anywhere: plain, any code point, or the characters that spoof a display. */
const text = (maxLength: number) =>
  fc.oneof(
    { arbitrary: fc.string({ maxLength }), weight: 4 },
    { arbitrary: fc.string({ maxLength: Math.min(maxLength, 8), unit: 'binary' }), weight: 1 },
    { arbitrary: fc.string({ maxLength, unit: fc.constantFrom('a', ' ', '\u202e', '\u2066', '\u200b', '\u0000', '\n', '\ufeff', '\u{e0041}', 'é', '\ud800', '\u3164') }), weight: 2 },
  );
/** Bytes that are sometimes readable text: notes, names, arguments. */
const noteBytes = (maxLength: number) =>
  fc.oneof(bytes(maxLength), text(maxLength).map((t) => new TextEncoder().encode(t).slice(0, maxLength)));

/**
 * The test accounts, and strangers made once from fixed seeds, parsed once: every address string
 * algosdk parses costs a checksum (SHA-512/256).
 */
const STRANGERS = Array.from({ length: 28 }, (_, i) => algosdk.encodeAddress(seededBytes(32, i + 1)));
const address = fc.constantFrom(...[...KNOWN, ...STRANGERS].map((a) => algosdk.Address.fromString(a)));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const suggestedParams: fc.Arbitrary<algosdk.SuggestedParams> = fc.record({
  flatFee: fc.constant(true),
  fee: uint64,
  minFee: fc.constant(0n),
  firstValid: uint64,
  lastValid: uint64,
  genesisID: maybe(text(32)),
  genesisHash: maybe(fc.oneof(fc.constantFrom(TESTNET_HASH, MAINNET_HASH).map((h) => algosdk.base64ToBytes(h)), fixed(32))),
});

const common = fc.record({
  sender: address,
  note: maybe(noteBytes(64)),
  lease: maybe(fixed(32)),
  rekeyTo: maybe(address),
  suggestedParams,
});
type Common = typeof common extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------
// One builder per transaction type; each answers a Transaction.

const T = algosdk.TransactionType;
const make = (type: algosdk.TransactionType, c: Common, typeParams: Partial<algosdk.TransactionParams>) =>
  new algosdk.Transaction({ type, ...c, ...typeParams });

const payment = fc
  .tuple(common, fc.record({ receiver: address, amount: uint64, closeRemainderTo: maybe(address) }))
  .map(([c, paymentParams]) => make(T.pay, c, { paymentParams }));

const assetTransfer = fc
  .tuple(
    common,
    fc.record({ assetIndex: uint64, receiver: address, amount: uint64, closeRemainderTo: maybe(address), assetSender: maybe(address) }),
    fc.boolean(),
  )
  .map(([c, assetTransferParams, optIn]) =>
    // Opt-ins (0 to oneself) have their own title, so make them often enough to be seen.
    make(T.axfer, c, { assetTransferParams: optIn ? { assetIndex: assetTransferParams.assetIndex, receiver: c.sender, amount: 0n } : assetTransferParams }),
  );

const roles = fc.record({ manager: maybe(address), reserve: maybe(address), freeze: maybe(address), clawback: maybe(address) });
const assetConfig = fc
  .tuple(
    common,
    fc.oneof(
      // create
      fc.record({
        assetIndex: fc.constant(0n),
        total: uint64,
        decimals: fc.integer({ min: 0, max: 19 }),
        defaultFrozen: fc.boolean(),
        unitName: maybe(text(8)),
        assetName: maybe(text(32)),
        assetURL: maybe(text(96)),
        assetMetadataHash: maybe(fixed(32)),
      }),
      // reconfigure
      positive.map((assetIndex) => ({ assetIndex })),
    ),
    roles,
    fc.boolean(),
  )
  .map(([c, params, who, destroy]) =>
    make(T.acfg, c, { assetConfigParams: params.assetIndex !== 0n && destroy ? { assetIndex: params.assetIndex } : { ...params, ...who } }),
  );

const assetFreeze = fc
  .tuple(common, fc.record({ assetIndex: uint64, freezeTarget: address, frozen: fc.boolean() }))
  .map(([c, assetFreezeParams]) => make(T.afrz, c, { assetFreezeParams }));

const resourceReference = (appIndex: bigint): fc.Arbitrary<algosdk.ResourceReference> =>
  fc.oneof(
    address.map((a) => ({ address: a })),
    positive.map((assetIndex) => ({ assetIndex })),
    positive.map((i) => ({ appIndex: i })),
    fc.record({ assetIndex: positive, address }).map((holding) => ({ holding })),
    fc.record({ appIndex: fc.constantFrom(appIndex, 0n, 9n), address }).map((locals) => ({ locals })),
    fc.record({ appIndex: fc.constantFrom(appIndex, 0n), name: noteBytes(16) }).map((box) => ({ box })),
    fc.constant({}),
  );
const applicationCall = fc
  .tuple(common, fc.oneof(fc.constant(0n), positive), fc.integer({ min: 0, max: 5 }), fc.boolean())
  .chain(([c, appIndex, onComplete, useAccess]) =>
    fc
      .record({
        numLocalInts: fc.integer({ min: 0, max: 16 }),
        numLocalByteSlices: fc.integer({ min: 0, max: 16 }),
        numGlobalInts: fc.integer({ min: 0, max: 64 }),
        numGlobalByteSlices: fc.integer({ min: 0, max: 64 }),
        extraPages: fc.integer({ min: 0, max: 3 }),
        approvalProgram: bytes(40),
        clearProgram: bytes(20),
        appArgs: fc.array(noteBytes(12), { maxLength: 4 }),
        accounts: fc.array(address, { maxLength: 2 }),
        foreignApps: fc.array(positive, { maxLength: 2 }),
        foreignAssets: fc.array(positive, { maxLength: 2 }),
        rejectVersion: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
        boxNames: fc.array(noteBytes(12), { maxLength: 2 }),
        access: fc.array(resourceReference(appIndex), { maxLength: 4 }),
      })
      .map((p) => {
        const { boxNames, access, ...rest } = p;
        // Box references name an app that is called or listed; the access list replaces the
        // separate reference arrays (it cannot be combined with them).
        const boxes = boxNames.map((name, i) => ({ appIndex: i % 2 === 0 || p.foreignApps.length === 0 ? appIndex : p.foreignApps[0]!, name }));
        const references = useAccess
          ? { access, accounts: [], foreignApps: [], foreignAssets: [], boxes: [] }
          : { boxes };
        return make(T.appl, c, { appCallParams: { appIndex, onComplete, ...rest, ...references } });
      }),
  );

const keyRegistration = fc
  .tuple(
    common,
    fc.oneof(
      fc.record({
        voteKey: fixed(32),
        selectionKey: fixed(32),
        stateProofKey: maybe(fixed(64)),
        // Zero is left out of the encoding, and algosdk then refuses to decode an online keyreg.
        voteFirst: positive,
        voteLast: positive,
        voteKeyDilution: positive,
      }),
      fc.constant({}),
      fc.constant({ nonParticipation: true }),
    ),
  )
  .map(([c, keyregParams]) => make(T.keyreg, c, { keyregParams }));

const stateProof = fc
  .tuple(
    common,
    fc.integer({ min: 0, max: 3 }),
    maybe(
      fc.record({
        blockHeadersCommitment: fixed(32),
        votersCommitment: fixed(32),
        lnProvenWeight: uint64,
        firstAttestedRound: uint64,
        lastAttestedRound: uint64,
      }),
    ),
  )
  .map(([c, stateProofType, message]) =>
    make(T.stpf, c, { stateProofParams: { stateProofType, message: message && new algosdk.StateProofMessage(message) } }),
  );

/**
 * algosdk 3.8 does not export HeartbeatProof, so a heartbeat cannot go through the constructor: its
 * msgpack map is written here (protocol field names) and decoded by algosdk.
 */
const heartbeat = fc
  .tuple(common, fc.record({ a: fixed(32), kd: uint64, sd: fixed(32), vid: fixed(32), c: fc.boolean() }), fc.array(fixed(64), { minLength: 3, maxLength: 3 }), fc.array(fixed(32), { minLength: 2, maxLength: 2 }))
  .map(([c, hb, [p1s, p2s, s], [p, p2]]) => {
    const body = new Map<string, unknown>([
      ['a', hb.a],
      ['kd', hb.kd],
      ['prf', new Map<string, unknown>([['p', p], ['p1s', p1s], ['p2', p2], ['p2s', p2s], ['s', s]])],
      ['sd', hb.sd],
      ['vid', hb.vid],
    ]);
    if (hb.c) body.set('c', true);
    // Everything else about the transaction comes from the constructor, so the fields match the other types.
    const plain = make(T.pay, c, { paymentParams: { receiver: c.sender, amount: 0n } });
    const map = algosdk.msgpackRawDecodeAsMap(algosdk.encodeUnsignedTransaction(plain)) as Map<string, unknown>;
    map.delete('rcv');
    map.delete('amt');
    map.set('type', 'hb');
    map.set('hb', body);
    return algosdk.decodeUnsignedTransaction(algosdk.msgpackRawEncode(map));
  });

const ANY_TXN: Record<algosdk.TransactionType, fc.Arbitrary<algosdk.Transaction>> = {
  pay: payment,
  axfer: assetTransfer,
  acfg: assetConfig,
  afrz: assetFreeze,
  appl: applicationCall,
  keyreg: keyRegistration,
  stpf: stateProof,
  hb: heartbeat,
};
const anyTxn = fc.oneof(...Object.values(ANY_TXN));

// ---------------------------------------------------------------------------------------------
// Requests.

interface Generated {
  /** The WalletTransactions sent, as a dApp would. */
  request: unknown[];
  /** The transactions they encode, when every one is valid and unchanged. */
  valid: algosdk.Transaction[] | null;
}

/** 1 to 3 valid transactions, sometimes as one atomic group, each with signers that fit it. */
const validRequest: fc.Arbitrary<Generated> = fc
  .tuple(
    fc.array(anyTxn, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.array(fc.record({ signers: fc.constantFrom('default', 'none', 'sender', 'auth'), authAddr: fc.constantFrom(...KNOWN), message: maybe(text(40)) }), {
      minLength: 4,
      maxLength: 4,
    }),
    maybe(text(40)),
  )
  .map(([txns, group, choices, groupMessage]) => {
    const final = group && txns.length > 1 ? algosdk.assignGroupID(txns.map((t) => algosdk.decodeUnsignedTransaction(algosdk.encodeUnsignedTransaction(t)))) : txns;
    const request = final.map((txn, i) => {
      const choice = choices[i]!;
      const entry: WalletTransaction & { groupMessage?: string } = { txn: b64(algosdk.encodeUnsignedTransaction(txn)) };
      if (choice.signers === 'none') entry.signers = [];
      if (choice.signers === 'sender') entry.signers = [txn.sender.toString()];
      if (choice.signers === 'auth') {
        entry.authAddr = choice.authAddr;
        entry.signers = [choice.authAddr];
      }
      if (choice.message !== undefined) entry.message = choice.message;
      if (i === 0 && groupMessage !== undefined) entry.groupMessage = groupMessage;
      return entry;
    });
    return { request, valid: final };
  });

/** A valid request with a few bytes of one transaction changed, or cut short. */
const mutatedRequest: fc.Arbitrary<Generated> = fc
  .tuple(validRequest, fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }), fc.option(fc.nat()))
  .map(([{ request }, which, edits, cut]) => {
    const entries = request.map((e) => ({ ...(e as WalletTransaction) }));
    const target = entries[which % entries.length]!;
    const raw = Buffer.from(target.txn, 'base64');
    for (const [at, value] of edits) raw[at % raw.length] = value;
    target.txn = (cut === null ? raw : raw.subarray(0, cut % (raw.length + 1))).toString('base64');
    return { request: entries, valid: null };
  });

const randomBytesRequest: fc.Arbitrary<Generated> = fc
  .array(fc.oneof(bytes(200), fc.constant(new Uint8Array())), { minLength: 1, maxLength: 3 })
  .map((list) => ({ request: list.map((b) => ({ txn: b64(b) })), valid: null }));

const generated = fc.oneof(
  { arbitrary: validRequest, weight: 6 },
  { arbitrary: mutatedRequest, weight: 2 },
  { arbitrary: randomBytesRequest, weight: 2 },
);

const context: fc.Arbitrary<DescribeContext> = fc.record(
  {
    ownAccounts: fc.constant(OWN),
    network: fc.record({ genesisHash: fc.constantFrom(TESTNET_HASH, b64(new Uint8Array(32).fill(7))), name: text(12) }),
    assetDecimals: fc.dictionary(
      fc.oneof(uint64.map(String), fc.string({ maxLength: 4 })),
      fc.oneof(fc.integer({ min: 0, max: 19 }), fc.integer(), fc.double()),
      { maxKeys: 3 },
    ),
  },
  { requiredKeys: ['ownAccounts'] },
);

// ---------------------------------------------------------------------------------------------
// The outcome.

const REQUIRED_STRINGS = ['type', 'title', 'sender', 'fee', 'genesisId', 'genesisHash', 'firstValid', 'lastValid', 'txId'] as const;
const NON_EMPTY = ['type', 'title', 'sender', 'fee', 'firstValid', 'lastValid', 'txId'] as const;
const OPTIONAL_STRINGS = ['receiver', 'amount', 'assetId', 'appId', 'onComplete', 'lease', 'rekeyTo', 'closeTo', 'networkName', 'dappMessage', 'dappGroupMessage'] as const;
const TYPES = new Set(Object.keys(ANY_TXN));
/**
 * What must never reach the screen unescaped: controls, format characters (bidi, zero-width),
 * lone surrogates (shown as U+FFFD), private-use and unassigned code points, line and paragraph
 * separators, blank fillers and replacement characters.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\uFFFC\uFFFD]/u;

/**
 * Plain checks, not `expect`: vitest's matchers cost about a millisecond per description here, which
 * would be most of the suite's time. A failed check throws and fast-check reports the input.
 */
function must(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

/** JSON-safe data with no `undefined` left in (descriptions are kept in storage.session). */
function isJsonData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonData);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isJsonData);
}

function checkDescription(d: TxnDescription, index: number, txn: algosdk.Transaction | undefined): void {
  const at = `description ${index} (${d.type})`;
  must(d.index === index, `${at}: index`);
  for (const key of REQUIRED_STRINGS) must(typeof d[key] === 'string', `${at}: ${key} is not a string`);
  for (const key of NON_EMPTY) must(d[key].length > 0, `${at}: ${key} is empty`);
  for (const key of OPTIONAL_STRINGS) if (key in d) must(typeof d[key] === 'string', `${at}: ${key} is not a string`);
  must(TYPES.has(d.type), `${at}: unknown type`);
  must(typeof d.senderIsOwn === 'boolean', `${at}: senderIsOwn`);
  must(d.signer === null || typeof d.signer === 'string', `${at}: signer`);
  must(Array.isArray(d.details), `${at}: details`);
  for (const row of d.details) {
    must(Object.keys(row).length === 2 && typeof row.label === 'string' && typeof row.value === 'string', `${at}: detail row ${JSON.stringify(row)}`);
  }
  // Exactly one of text and hex.
  if (d.note !== undefined) must(Object.keys(d.note).length === 1 && (typeof d.note.hex === 'string' || typeof d.note.text === 'string'), `${at}: note`);
  if (d.group !== undefined) {
    must(Number.isInteger(d.group.position) && Number.isInteger(d.group.size) && typeof d.group.groupId === 'string', `${at}: group`);
  }
  must(isJsonData(d), `${at}: not plain JSON data`);
  // Nothing shown reads differently from how it renders.
  const shown = [d.title, d.genesisId, d.dappMessage, d.dappGroupMessage, d.note?.text, ...d.details.flatMap((r) => [r.label, r.value])];
  for (const value of shown) if (value !== undefined) must(!UNSAFE.test(value), `${at}: unescaped text ${JSON.stringify(value)}`);
  if (txn !== undefined) {
    must(d.type === txn.type, `${at}: type is not the transaction's`);
    must(d.sender === txn.sender.toString(), `${at}: sender is not the transaction's`);
    must(d.firstValid === txn.firstValid.toString() && d.lastValid === txn.lastValid.toString(), `${at}: validity rounds`);
  }
}

describe('describeTransactions fuzzing', () => {
  it(`describeTransactions: ${inputs(RUNS)} inputs end in a defined outcome`, () => {
    const described = new Map<string, number>();
    let refused = 0;
    fc.assert(
      fc.property(generated, context, ({ request, valid }, ctx) => {
        const decoded = decodeWalletTransactions(request);
        if (!decoded.ok) {
          refused++;
          must(valid === null, `a valid request was refused: ${decoded.error.message}`);
          must(decoded.error.code === 4200 || decoded.error.code === 4201, `error code ${decoded.error.code}`);
          must(typeof decoded.error.message === 'string' && decoded.error.message.length > 0, 'error message');
          return;
        }
        const descriptions = describeTransactions(decoded.value, ctx);
        must(descriptions.length === request.length, 'one description per transaction');
        descriptions.forEach((d, i) => {
          described.set(d.type, (described.get(d.type) ?? 0) + 1);
          checkDescription(d, i, valid?.[i]);
        });
      }),
      { numRuns: RUNS },
    );
    // Every type is described many times, and not everything is refused.
    for (const type of TYPES) expect(described.get(type) ?? 0, type).toBeGreaterThan(RUNS / 50);
    expect(refused).toBeGreaterThan(RUNS / 20);
  }, FUZZ_TIMEOUT_MS);
});
