import type { Metadata } from "next";
import { Suspense } from "react";
import { PersonView } from "./client";

export const metadata: Metadata = { title: "A person's call quality" };

export default async function PersonPage({ params }: { params: Promise<{ objectId: string }> }) {
  const { objectId } = await params;
  return (
    <Suspense>
      <PersonView objectId={objectId} />
    </Suspense>
  );
}
