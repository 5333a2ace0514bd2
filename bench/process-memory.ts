/**
 * The memory of the desktop browser's extension renderer process, read from Linux's /proc.
 *
 * The JS heaps (bench/cdp.ts) miss what an RTCPeerConnection holds outside V8: its ICE agent, DTLS
 * and SCTP state, buffers and WebRTC threads live in the renderer's native memory. CDP has no
 * per-process memory figure in headless Chromium (`SystemInfo.getProcessInfo` gives pid and CPU
 * time only; `Memory.getDOMCounters` counts nodes and listeners), so the bench takes the pids from
 * `SystemInfo.getProcessInfo` (this browser's processes only: other browsers may run on the
 * machine), keeps the renderer started with `--extension-process` (Chromium runs an extension's
 * pages, offscreen document and service worker in it; only Tandem is loaded) and reads
 * `/proc/<pid>/smaps_rollup`.
 */
import { readFile } from 'node:fs/promises';
import type { Cdp } from './cdp';

export interface ProcessMemory {
  pid: number;
  /** Resident set, bytes. */
  rss: number;
  /** Proportional set (shared pages split among the processes that map them), bytes. */
  pss: number;
  /** Pages only this process maps (clean + dirty) plus its swapped-out pages: what it alone costs, bytes. */
  private: number;
}

/** Parses `/proc/<pid>/smaps_rollup` (values in kB) into bytes. */
export function parseSmapsRollup(text: string): Omit<ProcessMemory, 'pid'> {
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(text);
    if (!match) throw new Error(`smaps_rollup has no ${field}`);
    return Number(match[1]) * 1024;
  };
  const swap = /^Swap:/m.test(text) ? kb('Swap') : 0;
  return { rss: kb('Rss'), pss: kb('Pss'), private: kb('Private_Clean') + kb('Private_Dirty') + swap };
}

/** This browser's extension renderer, or null with the reason when it cannot be read. */
export async function extensionRendererMemory(cdp: Cdp): Promise<ProcessMemory | { error: string }> {
  try {
    const { processInfo } = await cdp.send<{ processInfo: { type: string; id: number }[] }>('SystemInfo.getProcessInfo');
    const extension: number[] = [];
    // Every child process, not only type 'renderer': which type Chromium names the extension's is not ours to rely on.
    for (const { id } of processInfo) {
      const cmdline = await readFile(`/proc/${id}/cmdline`, 'utf8').catch(() => '');
      // Zygote-forked renderers rewrite their title: the arguments are spaces apart, not NULs.
      if (cmdline.split(/[\0 ]/).includes('--extension-process')) extension.push(id);
    }
    if (extension.length !== 1) return { error: `expected one extension renderer, found ${extension.length} in ${JSON.stringify(processInfo.map((p) => [p.type, p.id]))}` };
    const pid = extension[0]!;
    return { pid, ...parseSmapsRollup(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8')) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
