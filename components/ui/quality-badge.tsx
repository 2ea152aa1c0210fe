import type { Quality } from "@/lib/callrecords/verdict";

const STYLES: Record<Quality, string> = {
  good: "bg-green-100 text-green-900 ring-green-700/30 dark:bg-green-950 dark:text-green-200",
  poor: "bg-red-100 text-red-900 ring-red-700/40 dark:bg-red-950 dark:text-red-200",
  unclassified: "bg-slate-100 text-slate-800 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-200",
};
const ICONS: Record<Quality, string> = { good: "✓", poor: "✕", unclassified: "–" };
const LABELS: Record<Quality, string> = { good: "Good", poor: "Poor", unclassified: "Unclassified" };

/** Colour plus an icon and a word: quality is never told by colour alone. */
export function QualityBadge({ quality, className = "" }: { quality: Quality; className?: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[quality]} ${className}`}
    >
      <span aria-hidden="true">{ICONS[quality]}</span>
      {LABELS[quality]}
    </span>
  );
}
