// Reads a Chromium trace (the `toplevel` category) for the bench: the page's tasks over 50 ms with their CPU time.

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The tasks of the page's main thread that ran over 50 ms of wall time, each as [wall, CPU] milliseconds, in order.
 * The page's main thread is the renderer main thread that ran the most tasks (a trace also holds blank and
 * utility renderers). A task's CPU time (`tdur`) leaves out the time its thread was waiting for a core.
 */
export function longTasksOnTheCpu(trace: { traceEvents: TraceEvent[] }): [number, number][] {
  const rendererMains = new Set(
    trace.traceEvents
      .filter((event) => event.name === "thread_name" && event.args?.name === "CrRendererMain")
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const tasks = trace.traceEvents.filter(
    (event) =>
      event.ph === "X" && TASK_EVENTS.has(event.name) && rendererMains.has(`${event.pid}:${event.tid}`),
  );
  const busiest = new Map<string, number>();
  for (const task of tasks) {
    const thread = `${task.pid}:${task.tid}`;
    busiest.set(thread, (busiest.get(thread) ?? 0) + (task.dur ?? 0));
  }
  const main = [...busiest].sort((a, b) => b[1] - a[1])[0]?.[0];
  // A nested message loop runs tasks inside a task: only the outermost is the thread's task.
  const outermost: TraceEvent[] = [];
  let end = -Infinity;
  for (const task of tasks.filter((t) => `${t.pid}:${t.tid}` === main).sort((a, b) => a.ts - b.ts)) {
    if (task.ts < end) continue;
    outermost.push(task);
    end = task.ts + (task.dur ?? 0);
  }
  return outermost
    .filter((task) => (task.dur ?? 0) > 50_000)
    .map((task) => [Math.round((task.dur ?? 0) / 1000), Math.round((task.tdur ?? 0) / 1000)]);
}

// Chromium's name for one task of a thread's message loop (older builds: "RunTask").
const TASK_EVENTS = new Set(["ThreadControllerImpl::RunTask", "RunTask"]);
