import { describe, expect, it } from "vitest";
import { longTasksOnTheCpu } from "./trace-tasks";

const thread = (pid: number, tid: number, name: string) => ({
  name: "thread_name",
  ph: "M",
  pid,
  tid,
  ts: 0,
  args: { name },
});
const task = (pid: number, tid: number, ts: number, dur: number, tdur: number) => ({
  name: "ThreadControllerImpl::RunTask",
  ph: "X",
  pid,
  tid,
  ts: ts * 1000,
  dur: dur * 1000,
  tdur: tdur * 1000,
});

describe("the page's long tasks with their CPU time", () => {
  it("lists the busiest renderer's tasks over 50 ms as [wall, CPU], leaving out nested ones", () => {
    const trace = {
      traceEvents: [
        thread(1, 1, "CrRendererMain"),
        thread(2, 2, "CrRendererMain"),
        thread(1, 5, "Compositor"),
        // The page: one task that waited for a core, one that worked, a nested loop's task inside the first.
        task(1, 1, 0, 90, 20),
        task(1, 1, 10, 60, 15),
        task(1, 1, 200, 70, 65),
        task(1, 1, 300, 30, 30),
        // Another renderer (a blank page) and another thread of the page's renderer.
        task(2, 2, 0, 55, 55),
        task(1, 5, 0, 400, 400),
      ],
    };
    expect(longTasksOnTheCpu(trace)).toEqual([
      [90, 20],
      [70, 65],
    ]);
  });

  it("is empty for a trace without a renderer", () => {
    expect(
      longTasksOnTheCpu({ traceEvents: [thread(3, 3, "CrBrowserMain"), task(3, 3, 0, 80, 80)] }),
    ).toEqual([]);
  });
});
