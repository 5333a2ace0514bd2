/**
 * Hop breakdowns: the User Timing marks every context sets on the two paths (lib/perf/hop-marks.ts,
 * compiled into the bench's build), read through each context after a request and lined up in
 * time. Each context's marks are cleared as they are read after a request.
 *
 * Where they are read: the dApp page (the content script's marks land in the page's timeline),
 * the approval window (read in the same evaluate as the Approve click, before the window closes),
 * the service worker (Playwright's worker handle) and the offscreen document (a CDP session).
 * Times are epoch ms (`performance.timeOrigin + startTime`) in each context; contexts in different
 * processes may disagree by a fraction of a millisecond.
 */
import { HOP_MARKS } from '../../lib/perf/hop-marks';
import { TXNS_SHOWN_MARK } from '../../components/TxnList';
import type { Bench } from '../harness';

export interface Mark {
  name: string;
  at: number;
}

/**
 * What a hop (from the point before to this one) is: a message between two contexts (or between a
 * page and the content script), Tandem's own work inside one context, Chrome opening the window,
 * or the phone (the data channel both ways and the dev wallet signing).
 */
export type HopKind = 'message' | 'work' | 'window' | 'phone';

/** A point on a path: a mark (by name) or a time the bench takes in a page; `kind` is the hop that ends here. */
export type Point = { label: string; kind?: HopKind; mark?: string; given?: 'called' | 'navigated' | 'clicked' | 'done' };

/** request → prompt: the dApp's call to the decoded transactions in the approval window. */
export const PROMPT_PATH: Point[] = [
  { label: 'dApp calls signTransactions', given: 'called' },
  { label: 'content script has the request', kind: 'message', mark: HOP_MARKS.contentRequest },
  { label: 'content script validated it, sends it', kind: 'work', mark: HOP_MARKS.contentRelayed },
  { label: 'background receives it', kind: 'message', mark: HOP_MARKS.backgroundRequest },
  { label: 'background decoded, described, queued (storage.session written)', kind: 'work', mark: HOP_MARKS.backgroundQueued },
  { label: 'background asks for the approval window', kind: 'work', mark: HOP_MARKS.backgroundWindowAsked },
  { label: 'approval window document starts', kind: 'window', given: 'navigated' },
  { label: 'window has the queue from storage', kind: 'window', mark: HOP_MARKS.windowPromptData },
  { label: 'decoded transactions rendered', kind: 'work', mark: TXNS_SHOWN_MARK },
];

/** approve → verified result: the Approve click to the dApp holding the verified signatures. */
export const APPROVE_PATH: Point[] = [
  { label: 'Approve clicked', given: 'clicked' },
  { label: 'background receives the approval', kind: 'message', mark: HOP_MARKS.backgroundApproval },
  { label: 'background sends the frame to the offscreen document', kind: 'work', mark: HOP_MARKS.backgroundFrameSent },
  { label: 'offscreen document sent it on the data channel', kind: 'message', mark: HOP_MARKS.offscreenFrameSent },
  { label: "phone's reply arrives in the offscreen document", kind: 'phone', mark: HOP_MARKS.offscreenReply },
  { label: 'background receives the reply', kind: 'message', mark: HOP_MARKS.backgroundReply },
  { label: 'background verified it (answer decided)', kind: 'work', mark: HOP_MARKS.backgroundVerified },
  { label: 'background stored the answer, pushes it', kind: 'work', mark: HOP_MARKS.backgroundAnswerPushed },
  { label: 'content script has the answer', kind: 'message', mark: HOP_MARKS.contentAnswer },
  { label: 'content script hands it to the provider', kind: 'work', mark: HOP_MARKS.contentAnswered },
  { label: 'dApp has the signed transactions', kind: 'message', given: 'done' },
];

/** The hops of a path, each named by the point it ends at. */
export function hopsOfPath(path: Point[]): { label: string; kind: HopKind }[] {
  return path.slice(1).map((p) => ({ label: p.label, kind: p.kind ?? 'work' }));
}

/**
 * One request's hops on `path`, in ms. Each point takes the first mark of its name at or after the
 * previous point (less 5 ms, for clock offsets between processes); null if a mark is missing.
 */
export function hopsOf(path: Point[], marks: Mark[], given: Partial<Record<NonNullable<Point['given']>, number>>): Record<string, number> | null {
  const times: number[] = [];
  let previous = -Infinity;
  for (const point of path) {
    const at = point.given ? given[point.given] : marks.filter((m) => m.name === point.mark && m.at >= previous - 5).sort((a, b) => a.at - b.at)[0]?.at;
    if (at === undefined) return null;
    times.push(at);
    previous = at;
  }
  const hops: Record<string, number> = {};
  path.slice(1).forEach((p, i) => (hops[p.label] = times[i + 1]! - times[i]!));
  return hops;
}

/** Reads a context's `tandem:` marks and clears its timeline, as JSON. */
const TAKE = `(() => { const t = performance.timeOrigin; const m = performance.getEntriesByType('mark').filter((e) => e.name.startsWith('tandem:')).map((e) => ({ name: e.name, at: t + e.startTime })); performance.clearMarks(); return JSON.stringify(m); })()`;

async function offscreenTarget(bench: Bench): Promise<string | undefined> {
  const url = `chrome-extension://${bench.desktop.extensionId}/offscreen.html`;
  return (await bench.desktop.cdp.targets()).find((t) => t.url === url)?.targetId;
}

async function inOffscreen(bench: Bench, expression: string): Promise<string | undefined> {
  const targetId = await offscreenTarget(bench);
  if (!targetId) return undefined;
  return bench.desktop.cdp.withSession(targetId, async (sessionId) => {
    const { result } = await bench.desktop.cdp.send<{ result: { value?: string } }>('Runtime.evaluate', { expression, returnByValue: true }, sessionId);
    return result.value;
  });
}

/**
 * The marks of the dApp page, the service worker and the offscreen document, each context's
 * timeline cleared as it is read: taken after every request, so marks never pile up (the memory
 * scenario reads these heaps) and a request's marks are its own and later ones.
 */
export async function takeMarks(bench: Bench): Promise<Mark[]> {
  const parse = (json: unknown) => (typeof json === 'string' ? (JSON.parse(json) as Mark[]) : []);
  return [...parse(await bench.dapp.page.evaluate(TAKE)), ...parse(await bench.desktop.worker.evaluate(TAKE)), ...parse(await inOffscreen(bench, TAKE))];
}

