import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/ui/not-found-panel";

export const metadata: Metadata = { title: "Page not found" };

/** Inside the dashboard's layout: the navigation and the demo banner stay, so the way on is one click. */
export default function NotFound() {
  return (
    <div className="py-10">
      <NotFoundPanel />
    </div>
  );
}
