/**
 * `npm run server`: the local Liquid Auth stand-in. Environment: PORT (default 3000), HOST (default 127.0.0.1),
 * RP_ID, ORIGIN, DATA_DIR, ALLOWED_ORIGINS (comma-separated: refuse other origins like the newer server),
 * REFUSE_WITHOUT_ORIGIN=1 (with it: refuse requests without an Origin too), LOG=1
 * (request and signaling log on stderr). Prints one line on stdout when ready.
 */
import { startLiquidServer } from './app.ts';
import { parseAllowedOrigins } from './origin-policy.ts';

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const env = process.env;
  const server = await startLiquidServer({
    port: portFromEnv(env.PORT),
    host: env.HOST || undefined,
    rpId: env.RP_ID || undefined,
    origin: env.ORIGIN || undefined,
    dataDir: env.DATA_DIR || undefined,
    allowedOrigins: parseAllowedOrigins(env.ALLOWED_ORIGINS),
    refuseWithoutOrigin: env.REFUSE_WITHOUT_ORIGIN === '1' || env.REFUSE_WITHOUT_ORIGIN === 'true',
    log: env.LOG === '1' || env.LOG === 'true',
  });
  console.log(`listening on ${server.url}`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // close() is prompt; the timer only guards against a hung close keeping Ctrl+C from working.
    setTimeout(() => process.exit(0), 5_000).unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`liquid server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
