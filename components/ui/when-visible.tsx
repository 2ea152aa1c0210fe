"use client";
import { useRef, type ReactNode } from "react";
import { useInView } from "@/lib/client/use-in-view";

/** Mounts its children when they come near the screen: heavy charts below the fold cost nothing until seen. */
export function WhenVisible({ children, minHeight }: { children: ReactNode; minHeight: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const seen = useInView(ref, "300px");
  return (
    <div ref={ref} style={seen ? undefined : { minHeight }}>
      {seen ? children : null}
    </div>
  );
}
