import type { Metadata } from "next";
import { Suspense } from "react";
import { HourView } from "./client";

export const metadata: Metadata = { title: "Calls of one hour" };

export default async function HourPage({ params }: { params: Promise<{ cell: string }> }) {
  const { cell } = await params;
  return (
    <Suspense>
      <HourView cell={decodeURIComponent(cell)} />
    </Suspense>
  );
}
