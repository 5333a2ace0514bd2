/**
 * The algod stand-in's HTTP face: the algod v2 REST routes Tandem uses, in algod's JSON or msgpack
 * (`?format=msgpack`), over one in-memory ledger. See README.md for what it is and is not.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import algosdk, { modelsv2, type Encodable } from 'algosdk';
import { decodeMulti, IntMode } from 'algorand-msgpack';
import { Ledger, MIN_TXN_FEE, TESTNET_GENESIS, type Evaluated, type Genesis } from './ledger.ts';
import { applySeed, parseSeed, type Seed } from './seed.ts';
import { accountResponse, assetResponse, paramsResponse, pendingResponse, simulateResponse, statusResponse } from './responses.ts';

export interface AlgodStandInOptions {
  /** 0 = ephemeral; default 4180. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  genesis?: Genesis;
  /** When set, every request must carry it in `X-Algo-API-Token` (algod's own header). */
  token?: string;
  seed?: Seed;
  log?: (line: string) => void;
}

export interface RunningAlgodStandIn {
  /** http://localhost:PORT */
  url: string;
  port: number;
  ledger: Ledger;
  /** Every HTTP request it has answered (tests check that nothing was asked). */
  requestCount(): number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, 'request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function decodeOr400<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    throw new HttpError(400, `could not decode the request body: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A raw signed group: signed transactions back to back, as `POST /v2/transactions` takes them. */
function decodeSignedStream(body: Uint8Array): algosdk.SignedTransaction[] {
  // algosdk's decoders refuse trailing bytes, so split the stream with its msgpack library first.
  const stxns = [...decodeMulti(body, { intMode: IntMode.BIGINT })].map((value) =>
    algosdk.decodeSignedTransaction(algosdk.msgpackRawEncode(value)),
  );
  if (stxns.length === 0) throw new Error('empty body');
  return stxns;
}

export async function startAlgodStandIn(opts: AlgodStandInOptions = {}): Promise<RunningAlgodStandIn> {
  const ledger = new Ledger(opts.genesis ?? TESTNET_GENESIS);
  applySeed(ledger, opts.seed ?? {});
  const log = opts.log ?? (() => undefined);
  let requests = 0;

  const send = (res: ServerResponse, status: number, body: Encodable | object, format: string | null) => {
    const isModel = typeof (body as Encodable).toEncodingData === 'function';
    if (format === 'msgpack' && isModel) {
      res.writeHead(status, { 'content-type': 'application/msgpack' }).end(algosdk.encodeMsgpack(body as Encodable));
    } else {
      res.writeHead(status, { 'content-type': 'application/json' }).end(isModel ? algosdk.encodeJSON(body as Encodable) : JSON.stringify(body));
    }
  };

  const route = async (req: IncomingMessage, url: URL): Promise<{ status?: number; body: Encodable | object }> => {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/health') return { body: {} };
    if (req.method === 'GET' && path === '/v2/status') return { body: statusResponse(ledger) };
    if (req.method === 'GET' && path === '/v2/transactions/params') return { body: paramsResponse(ledger, MIN_TXN_FEE) };
    let match = /^\/v2\/assets\/(\d+)$/.exec(path);
    if (req.method === 'GET' && match) {
      const asset = ledger.asset(BigInt(match[1]!));
      if (!asset) throw new HttpError(404, 'asset does not exist');
      return { body: assetResponse(asset) };
    }
    match = /^\/v2\/accounts\/([A-Z2-7]{58})$/.exec(path);
    if (req.method === 'GET' && match) {
      if (!algosdk.isValidAddress(match[1]!)) throw new HttpError(400, 'failed to parse the address');
      return { body: accountResponse(ledger, match[1]!) };
    }
    match = /^\/v2\/transactions\/pending\/([A-Z2-7]{52})$/.exec(path);
    if (req.method === 'GET' && match) {
      const confirmed = ledger.confirmedTxn(match[1]!);
      if (!confirmed) throw new HttpError(404, 'txn does not exist');
      return { body: pendingResponse(confirmed, confirmed.confirmedRound) };
    }
    if (req.method === 'POST' && path === '/v2/transactions') {
      const body = await readBody(req);
      const stxns = decodeOr400(() => decodeSignedStream(body));
      const evaluation = ledger.submit(stxns);
      if (!evaluation.ok) throw new HttpError(400, 'notEvaluated' in evaluation ? evaluation.notEvaluated : `TransactionPool.Remember: ${evaluation.message}`);
      return { body: new modelsv2.PostTransactionsResponse({ txid: stxns[0]!.txn.txID() }) };
    }
    if (req.method === 'POST' && path === '/v2/transactions/simulate') {
      const body = await readBody(req);
      const request = decodeOr400(() =>
        req.headers['content-type']?.includes('json') ? algosdk.decodeJSON(new TextDecoder().decode(body), modelsv2.SimulateRequest) : algosdk.decodeMsgpack(body, modelsv2.SimulateRequest),
      );
      const groups = request.txnGroups.map((group) => group.txns);
      const evaluations = ledger.simulate(groups, { allowEmptySignatures: request.allowEmptySignatures === true });
      // A real node would run the TEAL; the stand-in says it did not, rather than guess a result.
      const notEvaluated = evaluations.find((e) => 'notEvaluated' in e);
      if (notEvaluated && 'notEvaluated' in notEvaluated) throw new HttpError(501, notEvaluated.notEvaluated);
      return { body: simulateResponse(ledger, groups, evaluations as Evaluated[]) };
    }
    // Not algod: seeding for development (README.md), e.g. funding the dev wallet's account.
    if (req.method === 'POST' && path === '/stand-in/seed') {
      const body = await readBody(req);
      applySeed(ledger, decodeOr400(() => parseSeed(JSON.parse(new TextDecoder().decode(body)))));
      return { body: {} };
    }
    throw new HttpError(404, `no route ${req.method} ${path} in the algod stand-in`);
  };

  const server = createServer((req, res) => {
    requests += 1;
    const url = new URL(req.url ?? '/', 'http://localhost');
    log(`${req.method} ${url.pathname}${url.search}`);
    // algod answers CORS preflights for browser clients; so does the stand-in.
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': '*' }).end();
      return;
    }
    if (opts.token !== undefined && req.headers['x-algo-api-token'] !== opts.token) {
      send(res, 401, { message: 'Invalid API Token' }, null);
      return;
    }
    const format = url.searchParams.get('format');
    route(req, url).then(
      ({ status, body }) => send(res, status ?? 200, body, format),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        send(res, status, { message: error instanceof Error ? error.message : String(error) }, null);
      },
    );
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4180, opts.host ?? '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    url: `http://localhost:${port}`,
    port,
    ledger,
    requestCount: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
