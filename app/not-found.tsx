import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/ui/not-found-panel";

export const metadata: Metadata = { title: "Page not found" };

/** Outside the dashboard's pages (its own not-found keeps the navigation and the demo banner). */
export default function NotFound() {
  return (
    <main className="px-4 py-16">
      <NotFoundPanel />
    </main>
  );
}
