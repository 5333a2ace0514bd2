/**
 * A hostile page's raw ARC-0027 traffic, without AVMWebClient: request events with any `detail`
 * (forged fields, wrong types, floods) and every response event the page's window sees. Works on
 * a Page or a Frame (an iframe is its own window). Every selector-free helper for abuse specs.
 */
import type { Frame, Page } from '@playwright/test';

export type Target = Page | Frame;

/** A response event as the page sees it: the parsed `detail` and the time it arrived. */
export interface SeenResponse {
  type: string;
  at: number;
  requestId?: unknown;
  result?: unknown;
  error?: { code: number; message: string; providerId?: string };
}

export const ARC27_METHODS = ['discover', 'enable', 'disable', 'sign_transactions', 'sign_message', 'post_transactions', 'sign_and_post_transactions'] as const;

type HostileWindow = { __hostile?: { seen: SeenResponse[] } };

/** Starts recording every `arc0027:*:response` event on the target's window (idempotent). */
export async function listenForResponses(target: Target): Promise<void> {
  await target.evaluate((methods) => {
    const w = window as unknown as HostileWindow;
    if (w.__hostile) return;
    const seen: SeenResponse[] = [];
    w.__hostile = { seen };
    for (const method of methods) {
      window.addEventListener(`arc0027:${method}:response`, (event) => {
        const detail = (event as CustomEvent<unknown>).detail;
        let parsed: Record<string, unknown> = {};
        try {
          parsed = typeof detail === 'string' ? (JSON.parse(detail) as Record<string, unknown>) : { raw: detail };
        } catch {
          parsed = { raw: String(detail) };
        }
        seen.push({ ...parsed, type: event.type, at: performance.now() } as SeenResponse);
      });
    }
  }, ARC27_METHODS);
}

/** Every response the target's window has seen since listenForResponses. */
export function seenResponses(target: Target): Promise<SeenResponse[]> {
  return target.evaluate(() => (window as unknown as HostileWindow).__hostile?.seen ?? []);
}

/** Dispatches `arc0027:<method>:request` with exactly this detail (any JSON value). */
export async function dispatchRequest(target: Target, method: string, detail: unknown): Promise<void> {
  await target.evaluate(([m, d]) => window.dispatchEvent(new CustomEvent(`arc0027:${m}:request`, { detail: d })), [method, detail] as const);
}

/**
 * Sends one request (its detail carries `id`) and waits for the response with that requestId.
 * Returns the response and how long it took, measured in the page.
 */
export async function requestRaw(target: Target, method: string, detail: { id: string; [key: string]: unknown }, timeoutMs = 20_000): Promise<{ response: SeenResponse; ms: number }> {
  await listenForResponses(target);
  // Timed from the dispatch in the page: handing a large detail to the page is not Tandem's time.
  const startedAt = await target.evaluate(([m, d]) => {
    const t0 = performance.now();
    window.dispatchEvent(new CustomEvent(`arc0027:${m}:request`, { detail: d }));
    return t0;
  }, [method, detail] as const);
  const handle = await target.waitForFunction(
    (id) => (window as unknown as HostileWindow).__hostile?.seen.find((r) => r.requestId === id),
    detail.id,
    { timeout: timeoutMs },
  );
  const response = (await handle.jsonValue()) as SeenResponse;
  return { response, ms: response.at - startedAt };
}

/** The error of a response (throws when it carries a result: the caller expected a refusal). */
export function errorOfResponse(response: SeenResponse): { code: number; message: string } {
  if (!response.error) throw new Error(`expected an error, got ${JSON.stringify(response).slice(0, 300)}`);
  return response.error;
}

export interface FloodReport {
  /** Responses by error code ('ok' for results), among those that arrived. */
  byCode: Record<string, number>;
  answered: number;
  /** Page time from the first dispatch until `until` answers had arrived. */
  ms: number;
}

/**
 * Dispatches every detail at once (one task, no awaits between them), then waits until `until`
 * of them have been answered; reports the answers by code.
 */
export async function flood(target: Target, method: string, details: { id: string }[], until: number, timeoutMs = 60_000): Promise<FloodReport> {
  await listenForResponses(target);
  const startedAt = await target.evaluate(
    ([m, list]) => {
      const t0 = performance.now();
      for (const detail of list) window.dispatchEvent(new CustomEvent(`arc0027:${m}:request`, { detail }));
      return t0;
    },
    [method, details] as const,
  );
  const ids = details.map((d) => d.id);
  const wanted = new Set(ids);
  const summary = async (): Promise<FloodReport> => {
    const answers = (await seenResponses(target)).filter((r) => wanted.has(r.requestId as string));
    const byCode: Record<string, number> = {};
    for (const r of answers) {
      const code = r.error ? String(r.error.code) : 'ok';
      byCode[code] = (byCode[code] ?? 0) + 1;
    }
    const lastAt = Math.max(startedAt, ...answers.map((r) => r.at));
    return { byCode, answered: answers.length, ms: Math.round(lastAt - startedAt) };
  };
  try {
    await target.waitForFunction(
      ([list, n]) => {
        const wanted = new Set(list);
        return ((window as unknown as HostileWindow).__hostile?.seen ?? []).filter((r) => wanted.has(r.requestId as string)).length >= n;
      },
      [ids, until] as const,
      { timeout: timeoutMs, polling: 100 },
    );
  } catch (err) {
    throw new Error(`${until} of ${ids.length} answers expected, got ${JSON.stringify(await summary())}: ${String(err).slice(0, 200)}`);
  }
  return summary();
}

/**
 * Dispatches one request event whose detail is JSON `detail`, or the value of the JS expression
 * `build` evaluated in the page (for what JSON cannot carry). Then sends a discover, which needs a
 * round trip to the background, and returns every response of `method` that arrived before that
 * discover's answer: refusals that need no round trip (the library's, the content script's) come
 * first, so an empty list means the event got no answer at all.
 */
export async function probeWithoutId(target: Target, method: string, event: { detail?: unknown; build?: string }): Promise<SeenResponse[]> {
  await listenForResponses(target);
  const mark = (await seenResponses(target)).length;
  await target.evaluate(
    ([m, detail, build]) => {
      const value = build === undefined ? detail : (new Function(`return (${build});`) as () => unknown)();
      window.dispatchEvent(new CustomEvent(`arc0027:${m}:request`, { detail: value }));
    },
    [method, event.detail, event.build] as const,
  );
  const sentinel = `sentinel-${mark}-${Date.now()}`;
  await requestRaw(target, 'discover', { id: sentinel });
  return (await seenResponses(target)).slice(mark).filter((r) => r.requestId !== sentinel && r.type === `arc0027:${method}:response`);
}

/** Like requestRaw, with the detail optionally built in the page from a JS expression. */
export async function requestBuilt(target: Target, method: string, id: string, build: string, timeoutMs = 20_000): Promise<{ response: SeenResponse; ms: number }> {
  await listenForResponses(target);
  const startedAt = await target.evaluate(
    ([m, requestId, source]) => {
      const t0 = performance.now();
      const detail = (new Function(`return (${source});`) as () => Record<string, unknown>)();
      detail.id = requestId;
      window.dispatchEvent(new CustomEvent(`arc0027:${m}:request`, { detail }));
      return t0;
    },
    [method, id, build] as const,
  );
  const handle = await target.waitForFunction((requestId) => (window as unknown as HostileWindow).__hostile?.seen.find((r) => r.requestId === requestId), id, { timeout: timeoutMs });
  const response = (await handle.jsonValue()) as SeenResponse;
  return { response, ms: response.at - startedAt };
}
