import type { ChildProcess } from "node:child_process";

/**
 * Sends `signal` to every process in the group of a child started with `detached: true` (a group of its own, so
 * tsx's child and next's server go with it), not only to the child itself: also after the child has exited, since
 * what it started may still be running in its group. Nothing when the group is gone.
 */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone.
  }
}
