/**
 * `npm run algod`: the algod stand-in with the default TestNet-like seed. Environment: ALGOD_PORT
 * (default 4180), HOST (default 127.0.0.1), ALGOD_GENESIS_ID + ALGOD_GENESIS_HASH (default TestNet's),
 * ALGOD_TOKEN (required X-Algo-API-Token; default none), LOG=1. Prints one line on stdout when ready.
 */
import { startAlgodStandIn } from './app.ts';
import { TESTNET_GENESIS } from './ledger.ts';
import { DEFAULT_SEED } from './seed.ts';

async function main(): Promise<void> {
  const env = process.env;
  const port = env.ALGOD_PORT ? Number(env.ALGOD_PORT) : 4180;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ALGOD_PORT must be 0-65535, got "${env.ALGOD_PORT}"`);
  const genesis = env.ALGOD_GENESIS_ID && env.ALGOD_GENESIS_HASH ? { id: env.ALGOD_GENESIS_ID, hash: env.ALGOD_GENESIS_HASH } : TESTNET_GENESIS;
  const log = env.LOG === '1' || env.LOG === 'true' ? (line: string) => process.stderr.write(`[algod] ${line}\n`) : undefined;
  const algod = await startAlgodStandIn({ port, host: env.HOST || undefined, genesis, token: env.ALGOD_TOKEN || undefined, seed: DEFAULT_SEED, log });
  console.log(`algod stand-in listening on ${algod.url} (${genesis.id})`);
  const stop = () => {
    setTimeout(() => process.exit(0), 2_000).unref();
    void algod.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`algod stand-in failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
