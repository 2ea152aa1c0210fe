"use client";
import { HIDDEN_FROM_READERS } from "@/lib/callrecords/personal-data";
import { useSignIn } from "@/lib/client/sign-in";

/** Tells a Reader what the server hid from them, and why, so a "••••" is never a mystery. */
export function MaskedNotice() {
  const { me } = useSignIn();
  if (!me || me.seesPersonalData) return null;
  return (
    <p
      role="note"
      className="rounded border border-line-strong bg-subtle p-2 text-sm"
      data-testid="masked-notice"
    >
      <strong className="font-medium">Personal data is hidden for your role.</strong> Your role (Reader) does
      not show {HIDDEN_FROM_READERS.join(", ")}: people appear as stand-ins such as “Participant 7KQ2” and
      hidden values as ••••. Every quality measurement, verdict and finding is complete. An administrator can
      assign you the Investigator role if your work needs them.
    </p>
  );
}
