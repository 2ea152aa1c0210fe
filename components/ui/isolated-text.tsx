import { Fragment } from "react";
import { isolatedRuns } from "@/lib/callrecords/describe";

/** A sentence whose Graph-supplied parts (marked by `isolate()`) render as `<bdi>`: a name's bidi override stays inside it. */
export function IsolatedText({ text }: { text: string }) {
  return (
    <>
      {isolatedRuns(text).map((run, index) =>
        run.isolated ? <bdi key={index}>{run.text}</bdi> : <Fragment key={index}>{run.text}</Fragment>,
      )}
    </>
  );
}
