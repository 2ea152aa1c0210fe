"use client";
import {
  InfiniteQueryObserver,
  notifyManager,
  useQueryClient,
  type DefaultError,
  type DefaultedInfiniteQueryObserverOptions,
  type InfiniteData,
  type InfiniteQueryObserverOptions,
  type InfiniteQueryObserverResult,
  type QueryKey,
} from "@tanstack/react-query";
import { startTransition, useEffect, useState } from "react";
import { wantsNextPage } from "./use-auto-paging";

type Options<TPage, TKey extends QueryKey, TParam> = InfiniteQueryObserverOptions<
  TPage,
  DefaultError,
  InfiniteData<TPage, TParam>,
  TKey,
  TParam
>;

/**
 * useInfiniteQuery for a query whose pages arrive faster than they render (a call's thousands of sessions), with
 * two differences:
 * - React hears of each change in a transition. React Query's hooks read the cache through useSyncExternalStore,
 *   whose updates React renders at once, in one task, and which throw away any transition render in progress: a
 *   page arriving every ~100 ms kept restarting the render of the call's first screen, and each page's render was
 *   a task of its own. In a transition, React renders in slices with the browser free in between.
 * - The pages are followed to the last from the query's own notifications, not from a render's effect: the next
 *   page is asked for the moment the last one is in, however long React takes to show it.
 */
export function useInfiniteQueryInTransitions<TPage, TKey extends QueryKey, TParam>(
  options: Options<TPage, TKey, TParam>,
): InfiniteQueryObserverResult<InfiniteData<TPage, TParam>> {
  const client = useQueryClient();
  const defaulted = client.defaultQueryOptions(options) as DefaultedInfiniteQueryObserverOptions<
    TPage,
    DefaultError,
    InfiniteData<TPage, TParam>,
    TKey,
    TParam
  >;
  // As useInfiniteQuery does: the first result already says a fetch is starting.
  defaulted._optimisticResults = "optimistic";
  const [observer] = useState(() => new InfiniteQueryObserver(client, defaulted));
  const [result, setResult] = useState(() => observer.getOptimisticResult(defaulted));
  useEffect(() => {
    observer.setOptions(defaulted);
  });
  useEffect(() => {
    const follow = (next: InfiniteQueryObserverResult<InfiniteData<TPage, TParam>>) => {
      // cancelRefetch: false — a page already on its way is never dropped for a new request of it.
      if (wantsNextPage(next)) void observer.fetchNextPage({ cancelRefetch: false });
    };
    const unsubscribe = observer.subscribe(
      notifyManager.batchCalls((next) => {
        follow(next);
        startTransition(() => setResult(next));
      }),
    );
    // Whatever changed between the first render and subscribing.
    observer.updateResult();
    const now = observer.getCurrentResult();
    follow(now);
    startTransition(() => setResult(now));
    return unsubscribe;
  }, [observer]);
  return result;
}
