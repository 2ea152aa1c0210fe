"use client";
import { useState } from "react";
import { CreateReportDialog } from "@/components/reports/create-report-dialog";
import { Toast, useToast } from "@/components/ui/toast";
import { streamsCsv } from "@/lib/callrecords/csv";
import type { StreamRow } from "@/lib/callrecords/streams";
import { saveBlob } from "@/lib/client/api";
import { useExportJson } from "@/lib/client/exports";
import { problemMessage } from "@/lib/client/problem-text";

const BUTTON =
  "rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:border-blue-500 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900";

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
      <button type="button" className={BUTTON} onClick={() => void copyLink()}>
        Copy link
      </button>
      {!reportId && (
        <button type="button" className={BUTTON} onClick={() => setCreating(true)} disabled={!complete}>
          Create report
        </button>
      )}
      <button
        type="button"
        className={BUTTON}
        disabled={exporting.isPending}
        onClick={() => exportJson(false)}
      >
        Export JSON
      </button>
      {!reportId && (
        <button
          type="button"
          className={BUTTON}
          disabled={exporting.isPending}
          onClick={() => exportJson(true)}
        >
          Export JSON (redacted)
        </button>
      )}
      <button
        type="button"
        className={BUTTON}
        disabled={!complete}
        onClick={() =>
          saveBlob(new Blob([streamsCsv(rows)], { type: "text/csv" }), `callscope-${callId}-streams.csv`)
        }
      >
        Export streams CSV
      </button>
      {creating && <CreateReportDialog callId={callId} onClose={() => setCreating(false)} />}
      <Toast message={toast} />
    </div>
  );
}
