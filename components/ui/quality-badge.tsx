import type { Quality } from "@/lib/callrecords/verdict";

const STYLES: Record<Quality, string> = {
  good: "bg-good-soft text-good-fg ring-good/30",
  poor: "bg-poor-soft text-poor-fg ring-poor/40",
  unclassified: "bg-unclassified-soft text-unclassified-fg ring-unclassified/30",
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
