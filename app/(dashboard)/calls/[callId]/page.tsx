import type { Metadata } from "next";
import Link from "next/link";
import { LiveCallView } from "./client";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isCallId } from "@/lib/callrecords/call-id";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ callId: string }>;
}): Promise<Metadata> {
  const { callId } = await params;
  return { title: isCallId(callId) ? `Call ${callId.slice(0, 8)}` : "Not a call ID" };
}

export default async function CallPage({ params }: { params: Promise<{ callId: string }> }) {
  const { callId } = await params;
  // Params arrive decoded; decoding again would read %252e as "." (and throw on a stray %).
  const decoded = callId;
  if (!isCallId(decoded)) {
    return (
      <ErrorPanel
        title="That is not a call ID"
        message={`“${decoded.slice(0, 80)}” is not a call ID. A call ID is a GUID such as 2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01.`}
        action={
          <Link href="/" className="text-sm font-medium underline">
            Paste another call ID
          </Link>
        }
      />
    );
  }
  return <LiveCallView callId={decoded.toLowerCase()} />;
}
