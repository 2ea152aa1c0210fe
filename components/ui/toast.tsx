"use client";
import { useEffect, useState } from "react";

/** A short-lived message, announced to screen readers. */
export function useToast(): [string | null, (message: string) => void] {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 4000);
    return () => clearTimeout(timer);
  }, [message]);
  return [message, setMessage];
}

export function Toast({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite" className="fixed bottom-4 right-4 z-50" data-testid="toast">
      {message && <p className="rounded-md bg-fg px-4 py-2 text-sm text-canvas shadow-lg">{message}</p>}
    </div>
  );
}
