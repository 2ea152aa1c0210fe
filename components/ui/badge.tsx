import type { ReactNode } from "react";

const TONES = {
  neutral: "bg-subtle text-fg",
  warn: "bg-warn-soft text-warn-fg",
  poor: "bg-poor-soft text-poor-fg",
  good: "bg-good-soft text-good-fg",
  /** "New to you": its own colour, never a verdict's. */
  new: "bg-new-soft text-new-fg",
} as const;

/** A small label beside a value: "feedback", "test call", "no media session". */
export function Badge({
  tone = "neutral",
  children,
  className = "",
}: {
  tone?: keyof typeof TONES;
  children: ReactNode;
  className?: string;
}) {
  // A badge is one token: it moves to the next line whole rather than breaking after its symbol.
  return (
    <span className={`whitespace-nowrap rounded px-1.5 text-xs font-medium ${TONES[tone]} ${className}`}>
      {children}
    </span>
  );
}
