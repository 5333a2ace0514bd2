/**
 * User Timing marks on the two paths `npm run bench` breaks into hops (bench/scenarios/hops.ts):
 * "request → prompt" and "approve → verified result". Each context marks its own steps; the bench
 * reads the marks of every context through CDP and lines them up by wall-clock time
 * (`performance.timeOrigin + startTime`).
 *
 * Compiled in only when the build is made with TANDEM_HOP_MARKS=1 (the bench's own build does
 * that; store and test builds do not): a content script's marks land in the page's own performance
 * timeline, where the page can read them, and marks pile up in long-lived contexts.
 */

/** Every mark, by the context that sets it. */
export const HOP_MARKS = {
  /** Content script: the page's request reached Tandem's handler. */
  contentRequest: 'tandem:content/request',
  /** Content script: validated, about to be sent to the background. */
  contentRelayed: 'tandem:content/relayed',
  /** Content script: the background pushed the answer. */
  contentAnswer: 'tandem:content/answer',
  /** Content script: the answer handed back to the provider, which posts it to the page. */
  contentAnswered: 'tandem:content/answered',
  /** Background: a page request arrived (`arc27/request`). */
  backgroundRequest: 'tandem:background/request',
  /** Background: a queue write landed in storage.session (the new request's, on the prompt path). */
  backgroundQueued: 'tandem:background/queued',
  /** Background: asking Chrome for the approval window (`windows.create`, or focusing it). */
  backgroundWindowAsked: 'tandem:background/window-asked',
  /** Background: the user's approval arrived from the window (`request/approve`). */
  backgroundApproval: 'tandem:background/approval',
  /** Background: a frame handed to the offscreen document (`peer/send`). */
  backgroundFrameSent: 'tandem:background/frame-sent',
  /** Background: a phone frame arrived from the offscreen document. */
  backgroundReply: 'tandem:background/reply',
  /** Background: the request is answered (the phone's reply verified), before the answer is stored. */
  backgroundVerified: 'tandem:background/verified',
  /** Background: the answer is stored; pushing it to the content script. */
  backgroundAnswerPushed: 'tandem:background/answer-pushed',
  /** Offscreen document: the frame went out on the data channel. */
  offscreenFrameSent: 'tandem:offscreen/frame-sent',
  /** Offscreen document: a frame came in from the phone. */
  offscreenReply: 'tandem:offscreen/reply',
  /** Approval window: the queue (with the request) read from storage. */
  windowPromptData: 'tandem:window/prompt-data',
  /** Approval window: the user clicked Approve. */
  windowApproveClicked: 'tandem:window/approve-clicked',
} as const;

export type HopMark = keyof typeof HOP_MARKS;

/** Replaced at build time (wxt.config.ts); absent in unit tests. */
declare const __TANDEM_HOP_MARKS__: boolean;
export const HOP_MARKS_ON = typeof __TANDEM_HOP_MARKS__ !== 'undefined' && __TANDEM_HOP_MARKS__;

/** Marks `hop` now. With the flag off the build keeps an empty call and not one mark name. */
export function markHop(hop: HopMark): void {
  if (HOP_MARKS_ON) performance.mark(HOP_MARKS[hop]);
}
