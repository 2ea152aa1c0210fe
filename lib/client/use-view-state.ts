"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseViewState, serializeViewState, type ViewState } from "./view-state";

/** The call view's state, read from and written to the URL (replace, not push: no history spam). */
export function useViewState() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { state, invalid } = useMemo(
    () => parseViewState(new URLSearchParams(searchParams.toString())),
    [searchParams],
  );
  const update = useCallback(
    (change: (current: ViewState) => ViewState) => {
      const query = serializeViewState(change(state)).toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [pathname, router, state],
  );
  return { state, invalid, update };
}
