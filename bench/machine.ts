/** The machine a run happened on, for results.json and the README's machine line. */
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  chromium: string;
  /** 1-minute load average when the run started and ended: above ~1 means other work was running. */
  loadAverage: { start: number; end?: number };
}

async function osName(): Promise<string> {
  const text = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(text)?.[1];
  return `${pretty ?? process.platform}, kernel ${release()}`;
}

export async function machineInfo(chromium: string): Promise<MachineInfo> {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: await osName(),
    node: process.version,
    chromium,
    loadAverage: { start: Math.round(loadavg()[0]! * 100) / 100 },
  };
}

export function endLoad(machine: MachineInfo): void {
  machine.loadAverage.end = Math.round(loadavg()[0]! * 100) / 100;
}

export function machineLine(m: MachineInfo): string {
  const load = m.loadAverage.end === undefined ? `${m.loadAverage.start}` : `${m.loadAverage.start} → ${m.loadAverage.end}`;
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGB} GB RAM, ${m.os}; Node ${m.node}; ${m.chromium} headless; load average (1 min) ${load}`;
}
