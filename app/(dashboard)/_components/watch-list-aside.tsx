"use client";
import { WatchListEditor } from "@/components/feed/watch-list-editor";
import { isInvestigator } from "@/lib/config/public";
import { useSignIn } from "@/lib/client/sign-in";

/** The watch list beside the inbox, for Investigators (it names people). */
export function WatchListAside() {
  const { me } = useSignIn();
  return me && isInvestigator(me) ? <WatchListEditor /> : null;
}
