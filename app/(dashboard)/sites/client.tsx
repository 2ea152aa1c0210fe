"use client";
import { useState, type ChangeEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Table, Td, Th } from "@/components/ui/table";
import { isInvestigator } from "@/lib/config/public";
import { formatDateTime } from "@/lib/format/dates";
import { problemMessage } from "@/lib/client/problem-text";
import { useSignIn } from "@/lib/client/sign-in";
import { applyingSites, useSites, useUploadSites, type SiteListResponse } from "@/lib/client/sites";
import { UncoveredSubnets } from "./_components/uncovered-subnets";
import { formatCount } from "@/lib/format/numbers";

export function SitesView() {
  const { me } = useSignIn();
  const sites = useSites();
  const upload = useUploadSites();
  const [text, setText] = useState("");
  const canUpload = me ? isInvestigator(me) : false;

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
  }

  return (
    <div className="space-y-6">
      {canUpload && (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            upload.mutate(text);
          }}
        >
          <label className="block text-sm font-medium">
            Building data file
            <input
              type="file"
              accept=".tsv,.csv,.txt,text/tab-separated-values,text/csv"
              onChange={(e) => void readFile(e)}
              className="mt-1 block text-sm"
            />
          </label>
          <label className="block text-sm font-medium">
            …or paste its lines
            <textarea
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={5}
              className="mt-1 block w-full rounded border border-line-strong bg-field px-2 py-1 font-mono text-xs"
            />
          </label>
          <Button type="submit" variant="primary" disabled={upload.isPending || text.trim() === ""}>
            {upload.isPending ? "Uploading…" : "Upload and replace"}
          </Button>
          {upload.isError && (
            <p role="alert" className="text-sm text-poor-text" data-testid="sites-error">
              {problemMessage(upload.error)}
            </p>
          )}
          {upload.isSuccess && (
            <p role="status" className="text-sm" data-testid="sites-saved">
              Saved {formatCount(upload.data.count)} networks.
            </p>
          )}
        </form>
      )}
      {sites.isPending ? (
        <p role="status">Loading sites…</p>
      ) : sites.isError ? (
        <ErrorPanel title="Sites could not be loaded" message={problemMessage(sites.error)} />
      ) : sites.data.sites.length === 0 ? (
        <p className="text-sm text-muted">
          No building data yet{canUpload ? ": upload a file above." : ": ask an investigator to upload one."}
        </p>
      ) : (
        <div className="space-y-2">
          <p className="text-sm text-muted">
            {formatCount(sites.data.sites.length)} networks, uploaded{" "}
            {formatDateTime(sites.data.uploadedAt, false)} by <bdi>{sites.data.uploadedBy}</bdi>.
          </p>
          <HistoryFollows list={sites.data} />
          <div className="relative overflow-x-auto">
            <Table data-testid="sites">
              <thead className="text-muted">
                <tr>
                  <Th>Network</Th>
                  <Th>Building</Th>
                  <Th>Place</Th>
                  <Th>Inside corp</Th>
                  <Th>VPN</Th>
                </tr>
              </thead>
              <tbody>
                {sites.data.sites.slice(0, 500).map((site) => (
                  <tr key={`${site.networkIp}/${site.networkRange}`} className="border-t border-line-faint">
                    <Td className="font-mono text-xs">
                      {site.networkIp}/{site.networkRange}
                    </Td>
                    <Td className="wrap-anywhere">
                      <bdi>{site.buildingName || site.networkName}</bdi>
                    </Td>
                    <Td className="wrap-anywhere">
                      <bdi>{[site.city, site.country].filter(Boolean).join(", ")}</bdi>
                    </Td>
                    <Td>{site.insideCorp ? "yes" : "no"}</Td>
                    <Td>{site.vpn ? "yes" : "no"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </div>
      )}
      {canUpload && <UncoveredSubnets />}
    </div>
  );
}

/** Whether the history's past calls name the sites of this file yet (an upload is re-applied day by day). */
function HistoryFollows({ list }: { list: SiteListResponse }) {
  const progress = list.history;
  if (!progress || progress.uploadedAt !== list.uploadedAt) return null;
  if (applyingSites(list))
    return (
      <p role="status" className="text-sm" data-testid="sites-history">
        Applying this file to the history&apos;s past calls: {formatCount(progress.daysDone)} of{" "}
        {formatCount(progress.daysTotal)} days done, newest first. Until then, older days still name the sites
        of the previous file.
      </p>
    );
  return (
    <p className="text-sm text-muted" data-testid="sites-history">
      {progress.daysTotal === 0
        ? "The history has no calls yet; the calls it keeps from now on name the sites of this file."
        : "The history's past calls name the sites of this file."}
    </p>
  );
}
