/**
 * The machinery shared by every typed channel: a catalogue maps each message kind to its
 * request and response types; senders get a deadline and a Reply; receivers parse, authorize
 * by sender, then dispatch to a handler table that must cover every kind.
 */
import type { Runtime } from 'webextension-polyfill';
import { describeError, fail } from '../result';
import { isReply, messageError, withDeadline, type Reply } from './result';

/** A channel catalogue: kind → { request, response }. */
export type Catalogue = Record<string, { request: unknown; response: unknown }>;

export interface Envelope<C extends Catalogue, K extends keyof C & string = keyof C & string> {
  channel: string;
  kind: K;
  payload: C[K]['request'];
}

/** One handler per kind, each receiving its narrowed payload; a missing kind is a compile error. */
export type HandlerTable<C extends Catalogue, Ctx> = {
  [K in keyof C & string]: (payload: C[K]['request'], ctx: Ctx) => Promise<Reply<C[K]['response']>> | Reply<C[K]['response']>;
};

/** Payload parsers per kind: return the typed payload or null when malformed. */
export type ParserTable<C extends Catalogue> = {
  [K in keyof C & string]: (payload: unknown) => C[K]['request'] | null;
};

export interface ChannelSpec<C extends Catalogue> {
  name: string;
  parsers: ParserTable<C>;
}

export type Transport = (message: unknown) => Promise<unknown>;

export const DEFAULT_DEADLINE_MS = 5_000;

/** Sends one request over `transport` and always resolves with a Reply (never throws). */
export async function request<C extends Catalogue, K extends keyof C & string>(
  spec: ChannelSpec<C>,
  transport: Transport,
  kind: K,
  payload: C[K]['request'],
  deadlineMs = DEFAULT_DEADLINE_MS,
): Promise<Reply<C[K]['response']>> {
  const envelope: Envelope<C, K> = { channel: spec.name, kind, payload };
  try {
    const reply = await withDeadline(transport(envelope), deadlineMs, `${spec.name}/${kind}`);
    if (!isReply(reply)) return fail(messageError('unavailable', `no handler answered ${spec.name}/${kind}`));
    return reply as Reply<C[K]['response']>;
  } catch (err) {
    return fail(messageError(err instanceof Error && err.name === 'DeadlineError' ? 'timeout' : 'unavailable', describeError(err)));
  }
}

/** Whether a raw message belongs to this channel (other channels share runtime messaging). */
export function isForChannel<C extends Catalogue>(spec: ChannelSpec<C>, message: unknown): message is { channel: string; kind: unknown; payload: unknown } {
  return typeof message === 'object' && message !== null && (message as { channel?: unknown }).channel === spec.name;
}

/**
 * Builds a runtime.onMessage listener: messages of other channels are left alone (undefined),
 * ours are parsed, authorized and dispatched, and always answered with a Reply.
 */
export function createReceiver<C extends Catalogue, Ctx>(
  spec: ChannelSpec<C>,
  options: {
    authorize: (sender: Runtime.MessageSender) => Ctx | null;
    handlers: HandlerTable<C, Ctx>;
    /** Awaited before dispatch (e.g. state loaded from storage after a worker restart). */
    ready?: () => Promise<void>;
  },
) {
  return (message: unknown, sender: Runtime.MessageSender): Promise<Reply<unknown>> | undefined => {
    if (!isForChannel(spec, message)) return undefined;
    return dispatch(spec, options, message, sender);
  };
}

async function dispatch<C extends Catalogue, Ctx>(
  spec: ChannelSpec<C>,
  options: { authorize: (sender: Runtime.MessageSender) => Ctx | null; handlers: HandlerTable<C, Ctx>; ready?: () => Promise<void> },
  message: { kind: unknown; payload: unknown },
  sender: Runtime.MessageSender,
): Promise<Reply<unknown>> {
  const kind = message.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(spec.parsers, kind)) return fail(messageError('bad-request', `unknown message kind on ${spec.name}`));
  const ctx = options.authorize(sender);
  if (ctx === null) return fail(messageError('forbidden', `${spec.name}/${kind} is not allowed from this sender`));
  const parser = spec.parsers[kind as keyof C & string];
  const payload = parser(message.payload);
  if (payload === null) return fail(messageError('bad-request', `malformed ${spec.name}/${kind}`));
  try {
    await options.ready?.();
    const handler = options.handlers[kind as keyof C & string];
    return await handler(payload, ctx);
  } catch (err) {
    console.error(`[tandem] ${spec.name}/${kind} failed`, err);
    return fail(messageError('failed', describeError(err)));
  }
}

