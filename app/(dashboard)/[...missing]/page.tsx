import { notFound } from "next/navigation";

/** Any address no page has: answered 404 inside the dashboard's layout (not-found.tsx beside it). */
export default function MissingPage() {
  notFound();
}
