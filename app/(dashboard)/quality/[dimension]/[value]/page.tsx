import type { Metadata } from "next";
import { Suspense } from "react";
import { DimensionView } from "./client";

export const metadata: Metadata = { title: "Quality of one place or device" };

export default async function DimensionPage({
  params,
}: {
  params: Promise<{ dimension: string; value: string }>;
}) {
  const { dimension, value } = await params;
  return (
    <Suspense>
      <DimensionView dimension={decodeURIComponent(dimension)} value={decodeURIComponent(value)} />
    </Suspense>
  );
}
