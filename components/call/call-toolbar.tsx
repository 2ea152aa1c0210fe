"use client";
import { useState } from "react";
import { CreateReportDialog } from "@/components/reports/create-report-dialog";
import { Toast, useToast } from "@/components/ui/toast";
import { streamsCsv } from "@/lib/callrecords/csv";
import type { StreamRow } from "@/lib/callrecords/streams";
import { saveBlob } from "@/lib/client/api";
import { useExportJson } from "@/lib/client/exports";
import { problemMessage } from "@/lib/client/problem-text";
import { Button } from "@/components/ui/button";

export function CallToolbar({
  callId,
  reportId,
  rows,
  complete,
}: {
  callId: string;
  reportId?: string;
  rows: StreamRow[];
  complete: boolean;
}) {
  const [toast, showToast] = useToast();
  const [creating, setCreating] = useState(false);
  const exporting = useExportJson({ callId, reportId });

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      showToast("Link copied: it reopens exactly this view.");
    } catch {
      showToast("Copying was blocked by the browser: copy the address bar instead.");
    }
  }

  function exportJson(redact: boolean) {
    exporting.mutate(redact, { onError: (error) => showToast(`Export failed: ${problemMessage(error)}`) });
  }

  return (
    <div className="flex flex-wrap gap-2" role="toolbar" aria-label="Share and export">
      <Button onClick={() => void copyLink()}>Copy link</Button>
      {!reportId && (
        <Button onClick={() => setCreating(true)} disabled={!complete}>
          Create report
        </Button>
      )}
      <Button disabled={exporting.isPending} onClick={() => exportJson(false)}>
        Export JSON
      </Button>
      {!reportId && (
        <Button disabled={exporting.isPending} onClick={() => exportJson(true)}>
          Export JSON (redacted)
        </Button>
      )}
      <Button
        disabled={!complete}
        onClick={() =>
          saveBlob(new Blob([streamsCsv(rows)], { type: "text/csv" }), `callscope-${callId}-streams.csv`)
        }
      >
        Export streams CSV
      </Button>
      {creating && <CreateReportDialog callId={callId} onClose={() => setCreating(false)} />}
      <Toast message={toast} />
    </div>
  );
}
