/** How long a report is kept, as the create dialog offers it; null keeps it until someone deletes it. */
export const EXPIRY_CHOICES = [
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "Never", days: null },
] as const satisfies readonly { label: string; days: number | null }[];

export type ExpiryLabel = (typeof EXPIRY_CHOICES)[number]["label"];
export const DEFAULT_EXPIRY: ExpiryLabel = "90 days";

/** The `expiresInDays` to send for a choice: "Never" is null, which must not fall back to the default. */
export function expiryDays(label: string): number | null {
  const choice =
    EXPIRY_CHOICES.find((entry) => entry.label === label) ??
    EXPIRY_CHOICES.find((entry) => entry.label === DEFAULT_EXPIRY);
  return choice ? choice.days : 90;
}
