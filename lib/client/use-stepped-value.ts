"use client";
import { startTransition, useEffect, useState, type DependencyList } from "react";
import { runStepsPausing } from "@/lib/callrecords/analyze";
import { nextTask } from "./analysis-client";

/**
 * A value worked out a step per task, never inside a render (React cannot split one component's render), and
 * shown in a transition when done. `first` is what to show until then; a newer `deps` drops the work under way.
 */
export function useSteppedValue<T>(steps: () => Generator<void, T>, deps: DependencyList, first: () => T): T {
  const [value, setValue] = useState(first);
  useEffect(() => {
    let stop = false;
    void runStepsPausing(steps(), nextTask, () => stop).then((found) => {
      if (found !== null && !stop) startTransition(() => setValue(found));
    });
    return () => {
      stop = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `steps` is made from `deps`, which the caller lists
  }, deps);
  return value;
}
