/**
 * The stand-in's in-memory ledger: ALGO balances, asset holdings, asset parameters and rekeys,
 * with algod's rules for what Tandem exercises (payments, asset transfers, opt-ins, close-outs,
 * rekeys, minimum balances, fee pooling, validity windows, group ids, ed25519 signatures). It is
 * not a node: no TEAL, no LogicSig or multisig evaluation, no rewards, no blocks. Anything it does
 * not model is refused with a message that says so, never accepted.
 */
import algosdk, { type SignedTransaction, type Transaction } from 'algosdk';
import nacl from 'tweetnacl';

/** algod's protocol constants that the rules below use (consensus v40, 2026). */
export const MIN_BALANCE = 100_000n;
export const ASSET_MIN_BALANCE = 100_000n;
export const MIN_TXN_FEE = 1_000n;
const MAX_VALIDITY_WINDOW = 1_000n;

export interface Holding {
  amount: bigint;
  frozen: boolean;
}

export interface AccountState {
  microAlgos: bigint;
  assets: Map<bigint, Holding>;
  /** The key that signs for this account after a rekey. */
  authAddr?: string;
}

export interface AssetState {
  index: bigint;
  creator: string;
  decimals: number;
  total: bigint;
  name?: string;
  unitName?: string;
  url?: string;
}

/** What one applied transaction produced (algod's PendingTransactionResponse fields). */
export interface AppliedTxn {
  stxn: SignedTransaction;
  closingAmount?: bigint;
  assetClosingAmount?: bigint;
}

/** A group the ledger evaluated: it passed, or failed at one transaction with algod's message. */
export type Evaluated = { ok: true; applied: AppliedTxn[] } | { ok: false; failedAt: number; message: string; applied: AppliedTxn[] };

export type Evaluation =
  | Evaluated
  /** Something the stand-in cannot evaluate (an app call, a LogicSig): said, never faked. */
  | { ok: false; notEvaluated: string };

export interface ConfirmedTxn extends AppliedTxn {
  confirmedRound: bigint;
}

export interface Genesis {
  id: string;
  /** Standard base64. */
  hash: string;
}

export const TESTNET_GENESIS: Genesis = { id: 'testnet-v1.0', hash: 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=' };

export interface SeedAccount {
  address: string;
  microAlgos: bigint | number;
  /** Holdings; the asset must be seeded first. */
  assets?: { assetId: bigint | number; amount: bigint | number }[];
  authAddr?: string;
}

export interface SeedAsset {
  index: bigint | number;
  creator: string;
  decimals: number;
  total: bigint | number;
  name?: string;
  unitName?: string;
  url?: string;
}

class Rejection extends Error {}

function cloneAccounts(accounts: Map<string, AccountState>): Map<string, AccountState> {
  const copy = new Map<string, AccountState>();
  for (const [address, account] of accounts) {
    copy.set(address, { ...account, assets: new Map([...account.assets].map(([id, holding]) => [id, { ...holding }])) });
  }
  return copy;
}

export class Ledger {
  readonly genesis: Genesis;
  private readonly genesisHashBytes: Uint8Array;
  private accounts = new Map<string, AccountState>();
  private readonly assets = new Map<bigint, AssetState>();
  private readonly confirmed = new Map<string, ConfirmedTxn>();
  round = 1_000n;

  constructor(genesis: Genesis = TESTNET_GENESIS) {
    this.genesis = genesis;
    this.genesisHashBytes = algosdk.base64ToBytes(genesis.hash);
  }

  seedAsset(seed: SeedAsset): void {
    const index = BigInt(seed.index);
    const asset: AssetState = { ...seed, index, total: BigInt(seed.total) };
    this.assets.set(index, asset);
    const creator = this.accountFor(this.accounts, seed.creator);
    if (!creator.assets.has(index)) creator.assets.set(index, { amount: asset.total, frozen: false });
  }

  seedAccount(seed: SeedAccount): void {
    const account = this.accountFor(this.accounts, seed.address);
    account.microAlgos = BigInt(seed.microAlgos);
    if (seed.authAddr) account.authAddr = seed.authAddr;
    for (const holding of seed.assets ?? []) {
      const assetId = BigInt(holding.assetId);
      if (!this.assets.has(assetId)) throw new Error(`asset ${assetId} is not seeded`);
      account.assets.set(assetId, { amount: BigInt(holding.amount), frozen: false });
    }
  }

  account(address: string): AccountState | undefined {
    return this.accounts.get(address);
  }

  asset(index: bigint): AssetState | undefined {
    return this.assets.get(index);
  }

  /** Created assets are held by their creator, so they count once, as a holding. */
  minBalance(account: AccountState): bigint {
    return MIN_BALANCE + ASSET_MIN_BALANCE * BigInt(account.assets.size);
  }

  createdAssets(address: string): AssetState[] {
    return [...this.assets.values()].filter((asset) => asset.creator === address);
  }

  confirmedTxn(txid: string): ConfirmedTxn | undefined {
    return this.confirmed.get(txid);
  }

  /**
   * Evaluates groups one after the other (each sees the previous ones' effects) against a copy of
   * the ledger, up to the first that fails; the ledger itself is unchanged.
   */
  simulate(groups: SignedTransaction[][], opts: { allowEmptySignatures: boolean }): Evaluation[] {
    let accounts = this.accounts;
    const results: Evaluation[] = [];
    for (const stxns of groups) {
      const evaluated = this.evaluate(stxns, { allowEmptySignatures: opts.allowEmptySignatures }, accounts);
      results.push(evaluated.evaluation);
      if (!evaluated.evaluation.ok) break;
      accounts = evaluated.accounts;
    }
    return results;
  }

  /** Evaluates a group and, when every transaction passes, commits it in a new round. */
  submit(stxns: SignedTransaction[]): Evaluation {
    const { evaluation, accounts } = this.evaluate(stxns, { allowEmptySignatures: false });
    if (!evaluation.ok) return evaluation;
    this.accounts = accounts;
    this.round += 1n;
    for (const applied of evaluation.applied) this.confirmed.set(applied.stxn.txn.txID(), { ...applied, confirmedRound: this.round });
    return evaluation;
  }

  private evaluate(stxns: SignedTransaction[], opts: { allowEmptySignatures: boolean }, from = this.accounts): { evaluation: Evaluation; accounts: Map<string, AccountState> } {
    const accounts = cloneAccounts(from);
    const unsupported = stxns.findIndex((stxn) => stxn.txn.type === algosdk.TransactionType.appl || stxn.lsig || stxn.msig);
    if (unsupported >= 0) {
      const what = stxns[unsupported]!.txn.type === algosdk.TransactionType.appl ? 'an application call' : 'signed by a LogicSig or multisig';
      return { evaluation: { ok: false, notEvaluated: `not evaluated: transaction ${unsupported} is ${what}, which the algod stand-in does not run` }, accounts };
    }
    const applied: AppliedTxn[] = [];
    let index = 0;
    try {
      this.checkGroup(stxns);
      for (; index < stxns.length; index += 1) {
        const stxn = stxns[index]!;
        this.checkWellFormed(stxn.txn);
        this.checkSignature(accounts, stxn, opts.allowEmptySignatures);
        applied.push(this.apply(accounts, stxn.txn, stxn));
      }
      index = 0;
      for (const stxn of stxns) {
        this.checkMinBalances(accounts, stxn.txn);
        index += 1;
      }
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      const failedAt = Math.min(index, stxns.length - 1);
      const txid = stxns[failedAt]!.txn.txID();
      return { evaluation: { ok: false, failedAt, message: `transaction ${txid}: ${error.message}`, applied }, accounts };
    }
    return { evaluation: { ok: true, applied }, accounts };
  }

  private checkGroup(stxns: SignedTransaction[]): void {
    if (stxns.length === 0) throw new Rejection('empty transaction group');
    if (stxns.length > 16) throw new Rejection(`group size ${stxns.length} exceeds maximum value 16`);
    const fees = stxns.reduce((sum, stxn) => sum + stxn.txn.fee, 0n);
    if (fees < MIN_TXN_FEE * BigInt(stxns.length)) {
      throw new Rejection(`txgroup had ${fees} in fees, which is less than the minimum ${stxns.length} * ${MIN_TXN_FEE}`);
    }
    for (const stxn of stxns) {
      if (this.confirmed.has(stxn.txn.txID())) throw new Rejection('transaction already in ledger');
    }
    if (stxns.length === 1 && !stxns[0]!.txn.group) return;
    // The group id hashes each transaction without its own group field.
    const expected = algosdk.computeGroupID(
      stxns.map((stxn) => {
        const copy = algosdk.decodeUnsignedTransaction(algosdk.encodeUnsignedTransaction(stxn.txn));
        copy.group = undefined;
        return copy;
      }),
    );
    for (const stxn of stxns) {
      if (!stxn.txn.group || algosdk.bytesToBase64(stxn.txn.group) !== algosdk.bytesToBase64(expected)) {
        throw new Rejection('transactionGroup: incomplete group');
      }
    }
  }

  private checkWellFormed(txn: Transaction): void {
    if (!txn.genesisHash || algosdk.bytesToBase64(txn.genesisHash) !== this.genesis.hash) throw new Rejection('genesis hash mismatch');
    if (txn.genesisID && txn.genesisID !== this.genesis.id) throw new Rejection(`genesis id mismatch: ${txn.genesisID}`);
    const next = this.round + 1n;
    if (txn.firstValid > next || txn.lastValid < next) throw new Rejection(`txn dead: round ${next} outside of ${txn.firstValid}--${txn.lastValid}`);
    if (txn.lastValid - txn.firstValid > MAX_VALIDITY_WINDOW) throw new Rejection(`transaction window size excessive: ${txn.lastValid - txn.firstValid}`);
  }

  private checkSignature(accounts: Map<string, AccountState>, stxn: SignedTransaction, allowEmpty: boolean): void {
    const sender = stxn.txn.sender.toString();
    const signer = accounts.get(sender)?.authAddr ?? sender;
    if (!stxn.sig) {
      if (allowEmpty) return;
      throw new Rejection('signedtxn has no sig');
    }
    if (stxn.sgnr && stxn.sgnr.toString() !== signer) throw new Rejection(`should have been authorized by ${signer} but was actually authorized by ${stxn.sgnr.toString()}`);
    const publicKey = algosdk.decodeAddress(signer).publicKey;
    if (!nacl.sign.detached.verify(stxn.txn.bytesToSign(), stxn.sig, publicKey)) throw new Rejection('At least one signature didn\'t pass verification');
  }

  private apply(accounts: Map<string, AccountState>, txn: Transaction, stxn: SignedTransaction): AppliedTxn {
    const senderAddress = txn.sender.toString();
    const sender = this.accountFor(accounts, senderAddress);
    this.debit(sender, senderAddress, txn.fee);
    const result: AppliedTxn = { stxn };
    switch (txn.type) {
      case algosdk.TransactionType.pay: {
        const { receiver, amount, closeRemainderTo } = txn.payment!;
        this.debit(sender, senderAddress, amount);
        this.accountFor(accounts, receiver.toString()).microAlgos += amount;
        if (closeRemainderTo) {
          if (sender.assets.size > 0) throw new Rejection(`cannot close account ${senderAddress} with ${sender.assets.size} assets`);
          result.closingAmount = sender.microAlgos;
          this.accountFor(accounts, closeRemainderTo.toString()).microAlgos += sender.microAlgos;
          sender.microAlgos = 0n;
          delete sender.authAddr;
        }
        break;
      }
      case algosdk.TransactionType.axfer:
        result.assetClosingAmount = this.applyAssetTransfer(accounts, txn);
        break;
      default:
        throw new Rejection(`transaction type ${txn.type} is not modelled by the algod stand-in`);
    }
    if (txn.rekeyTo && !txn.payment?.closeRemainderTo) {
      const to = txn.rekeyTo.toString();
      if (to === senderAddress) delete sender.authAddr;
      else sender.authAddr = to;
    }
    return result;
  }

  /** Returns the asset closing amount when the transfer closes the holding out. */
  private applyAssetTransfer(accounts: Map<string, AccountState>, txn: Transaction): bigint | undefined {
    const { assetIndex, amount, receiver, closeRemainderTo, assetSender } = txn.assetTransfer!;
    const senderAddress = txn.sender.toString();
    const receiverAddress = receiver.toString();
    const asset = this.assets.get(assetIndex);
    if (!asset) throw new Rejection(`asset ${assetIndex} does not exist or has been deleted`);
    if (assetSender) throw new Rejection('clawback transfers are not modelled by the algod stand-in');
    const sender = this.accountFor(accounts, senderAddress);
    if (senderAddress === receiverAddress && amount === 0n && !sender.assets.has(assetIndex)) {
      sender.assets.set(assetIndex, { amount: 0n, frozen: false });
      return undefined;
    }
    const from = sender.assets.get(assetIndex);
    if (!from) throw new Rejection(`asset ${assetIndex} missing from ${senderAddress}`);
    const to = this.accountFor(accounts, receiverAddress).assets.get(assetIndex);
    if (!to) throw new Rejection(`asset ${assetIndex} missing from ${receiverAddress}`);
    if (from.amount < amount) throw new Rejection(`underflow on subtracting ${amount} from sender amount ${from.amount}`);
    from.amount -= amount;
    to.amount += amount;
    if (!closeRemainderTo) return undefined;
    if (asset.creator === senderAddress) throw new Rejection(`cannot close asset ID in allocating account`);
    const closeToAddress = closeRemainderTo.toString();
    const closeTo = this.accountFor(accounts, closeToAddress).assets.get(assetIndex);
    if (!closeTo) throw new Rejection(`asset ${assetIndex} missing from ${closeToAddress}`);
    const remainder = from.amount;
    closeTo.amount += remainder;
    sender.assets.delete(assetIndex);
    return remainder;
  }

  /** algod checks the minimum balance of every account a transaction touched, after the group. */
  private checkMinBalances(accounts: Map<string, AccountState>, txn: Transaction): void {
    const touched = [txn.sender, txn.payment?.receiver, txn.payment?.closeRemainderTo, txn.assetTransfer?.receiver, txn.assetTransfer?.closeRemainderTo];
    for (const address of touched) {
      if (!address) continue;
      const account = accounts.get(address.toString());
      if (!account || (account.microAlgos === 0n && account.assets.size === 0)) continue;
      const min = this.minBalance(account);
      if (account.microAlgos < min) {
        throw new Rejection(`account ${address.toString()} balance ${account.microAlgos} below min ${min} (${account.assets.size} assets)`);
      }
    }
  }

  private debit(account: AccountState, address: string, microAlgos: bigint): void {
    if (account.microAlgos < microAlgos) {
      throw new Rejection(`overspend (account ${address}, data {MicroAlgos: ${account.microAlgos}}, tried to spend {${microAlgos}})`);
    }
    account.microAlgos -= microAlgos;
  }

  private accountFor(accounts: Map<string, AccountState>, address: string): AccountState {
    let account = accounts.get(address);
    if (!account) {
      account = { microAlgos: 0n, assets: new Map() };
      accounts.set(address, account);
    }
    return account;
  }
}
