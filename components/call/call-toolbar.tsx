"use client";
import { useState } from "react";
import { CreateReportDialog } from "@/components/reports/create-report-dialog";
import { Toast, useToast } from "@/components/ui/toast";
import { callStreamsCsv } from "@/lib/callrecords/export-table";
import { reportTitles } from "@/lib/callrecords/report-title";
import type { CallSummary, Session } from "@/lib/callrecords/model";
import { saveBlob } from "@/lib/client/api";
import { useExportJson } from "@/lib/client/exports";
import { problemMessage } from "@/lib/client/problem-text";
import { usePlaceOf } from "@/lib/client/sites";
import { Button } from "@/components/ui/button";

export function CallToolbar({
  call,
  reportId,
  sessions,
  complete,
}: {
  call: CallSummary;
  reportId?: string;
  sessions: readonly Session[];
  complete: boolean;
}) {
  const callId = call.id;
  const placeOf = usePlaceOf();
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
          saveBlob(
            // The same columns as the history's export; the object ID stands in for the history's pseudonym.
            new Blob([callStreamsCsv(call, sessions, { placeOf, pseudonym: (id) => id })], {
              type: "text/csv;charset=utf-8",
            }),
            `callscope-${callId}-streams.csv`,
          )
        }
      >
        Export streams CSV
      </Button>
      {creating && (
        <CreateReportDialog
          callId={callId}
          titles={reportTitles(call, sessions)}
          onClose={() => setCreating(false)}
        />
      )}
      <Toast message={toast} />
    </div>
  );
}
