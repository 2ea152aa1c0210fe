"use client";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import {
  ALERT_PARTS,
  type AlertPart,
  type AlertWindow,
  type DestinationView,
  type RuleSpec,
} from "@/lib/alerts/model";
import { useCreateRule, usePreviewRule, type RuleDraft } from "@/lib/client/alerts";
import { problemMessage } from "@/lib/client/problem-text";
import { DIMENSIONS } from "@/lib/history/dimensions";

const field = "mt-1 block w-full rounded border border-line-strong bg-field px-2 py-1 text-sm";
type Kind = RuleSpec["kind"];

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`text-sm font-medium ${wide ? "sm:col-span-2" : ""}`}>
      {label}
      {children}
    </label>
  );
}

/** The form's fields as typed: numbers stay text until the rule is built, so a half-typed one is not lost. */
interface FormState {
  name: string;
  kind: Kind;
  parts: AlertPart[];
  dimension: string;
  values: string;
  window: AlertWindow;
  bandPercent: string;
  minStreams: string;
  overBaselinePoints: string;
  media: "all" | "audio" | "video" | "screenSharing";
  trunk: string;
  failedPercent: string;
  sipCode: string;
  sipAtLeast: string;
  minCalls: string;
  cooldownMinutes: string;
  digest: "none" | "hourly" | "daily";
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
  timeZone: string;
  destinationIds: string[];
}

const initial = (): FormState => ({
  name: "",
  kind: "person",
  parts: ["impacting", "impacted", "both"],
  dimension: "site",
  values: "",
  window: "24h",
  bandPercent: "10",
  minStreams: "50",
  overBaselinePoints: "5",
  media: "all",
  trunk: "",
  failedPercent: "20",
  sipCode: "",
  sipAtLeast: "3",
  minCalls: "10",
  cooldownMinutes: "60",
  digest: "none",
  quiet: false,
  quietFrom: "22:00",
  quietTo: "07:00",
  timeZone: typeof Intl === "undefined" ? "UTC" : Intl.DateTimeFormat().resolvedOptions().timeZone,
  destinationIds: [],
});

/** Numbers as numbers (the server names any that is wrong); an empty optional one is null. */
const num = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

function draftOf(form: FormState): RuleDraft {
  const spec: RuleSpec =
    form.kind === "person"
      ? { kind: "person", people: "watch-list", parts: form.parts }
      : form.kind === "band"
        ? {
            kind: "band",
            dimension: form.dimension,
            values: form.values.trim()
              ? form.values
                  .split(",")
                  .map((v) => v.trim())
                  .filter(Boolean)
              : null,
            window: form.window,
            bandPercent: num(form.bandPercent),
            minStreams: num(form.minStreams),
            overBaselinePoints: num(form.overBaselinePoints),
            media: form.media,
          }
        : form.kind === "new-cause"
          ? { kind: "new-cause", media: form.media }
          : {
              kind: "trunk",
              trunk: form.trunk.trim() || null,
              window: form.window === "7d" ? "24h" : form.window,
              failedPercent: form.failedPercent.trim() ? num(form.failedPercent) : null,
              sipCode: form.sipCode.trim()
                ? { code: num(form.sipCode), atLeast: num(form.sipAtLeast) }
                : null,
              minCalls: num(form.minCalls),
            };
  return {
    name: form.name,
    enabled: true,
    cooldownMinutes: num(form.cooldownMinutes),
    digest: form.digest,
    quietHours: form.quiet ? { from: form.quietFrom, to: form.quietTo, timeZone: form.timeZone } : null,
    snoozedUntil: null,
    destinationIds: form.destinationIds,
    spec,
  };
}

export function RuleForm({ destinations }: { destinations: DestinationView[] }) {
  const [form, setForm] = useState(initial);
  const create = useCreateRule();
  const preview = usePreviewRule();
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    preview.reset();
  };
  const text = (key: keyof FormState) => ({
    value: String(form[key]),
    onChange: (event: { target: { value: string } }) => set(key, event.target.value as never),
  });
  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  const problem = create.error ?? preview.error;
  return (
    <form
      aria-label="New alert rule"
      className="grid max-w-3xl gap-3 rounded-lg border border-line p-4 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(draftOf(form), { onSuccess: () => (setForm(initial()), preview.reset()) });
      }}
    >
      <h2 className="text-lg font-semibold sm:col-span-2">New rule</h2>
      <Field label="Name">
        <input {...text("name")} className={field} required maxLength={120} placeholder="VIPs' poor calls" />
      </Field>
      <Field label="Alert when">
        <select {...text("kind")} className={field}>
          <option value="person">someone watched has a poor call</option>
          <option value="band">a site, network or client is over a poor-stream band</option>
          <option value="new-cause">a new cause appears in the overview</option>
          <option value="trunk">a Direct Routing trunk fails</option>
        </select>
      </Field>

      {form.kind === "person" && (
        <fieldset className="text-sm sm:col-span-2">
          <legend className="font-medium">
            Their part in the call (people come from the watch list on the home page)
          </legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {ALERT_PARTS.map((part) => (
              <label key={part} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={form.parts.includes(part)}
                  onChange={() => set("parts", toggle(form.parts, part))}
                />
                {part}
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {form.kind === "band" && (
        <>
          <Field label="Dimension">
            <select {...text("dimension")} className={field}>
              {DIMENSIONS.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Values (comma-separated; empty: every value)">
            <input {...text("values")} className={field} placeholder="Lisbon, Madrid" />
          </Field>
          <Field label="Poor streams over (%)">
            <input {...text("bandPercent")} inputMode="decimal" className={field} />
          </Field>
          <Field label="At least this many streams">
            <input {...text("minStreams")} inputMode="numeric" className={field} />
          </Field>
          <Field label="Points over its own previous four weeks (0: the band alone)">
            <input {...text("overBaselinePoints")} inputMode="decimal" className={field} />
          </Field>
        </>
      )}

      {form.kind === "trunk" && (
        <>
          <Field label="Trunk (FQDN; empty: every trunk)">
            <input {...text("trunk")} className={field} placeholder="sbc1.contoso.com" />
          </Field>
          <Field label="Failed calls over (%; empty: not checked)">
            <input {...text("failedPercent")} inputMode="decimal" className={field} />
          </Field>
          <Field label="Final SIP code (e.g. 503; empty: not checked)">
            <input {...text("sipCode")} inputMode="numeric" className={field} />
          </Field>
          <Field label="…ending that many calls or more">
            <input {...text("sipAtLeast")} inputMode="numeric" className={field} />
          </Field>
          <Field label="At least this many calls">
            <input {...text("minCalls")} inputMode="numeric" className={field} />
          </Field>
        </>
      )}

      {(form.kind === "band" || form.kind === "trunk") && (
        <Field label="Window">
          <select {...text("window")} className={field}>
            <option value="1h">the last hour</option>
            <option value="24h">the last 24 hours</option>
            {form.kind === "band" && <option value="7d">the last 7 days</option>}
          </select>
        </Field>
      )}
      {(form.kind === "band" || form.kind === "new-cause") && (
        <Field label="Media">
          <select {...text("media")} className={field}>
            <option value="all">every media</option>
            <option value="audio">audio</option>
            <option value="video">video</option>
            <option value="screenSharing">screen sharing</option>
          </select>
        </Field>
      )}

      <Field label="Cooldown (minutes between alerts for one value)">
        <input {...text("cooldownMinutes")} inputMode="numeric" className={field} />
      </Field>
      <Field label="Send">
        <select {...text("digest")} className={field}>
          <option value="none">each alert as it happens</option>
          <option value="hourly">an hourly digest</option>
          <option value="daily">a daily digest (08:00 UTC)</option>
        </select>
      </Field>
      <fieldset className="text-sm sm:col-span-2">
        <legend className="font-medium">Quiet hours</legend>
        <label className="mt-1 flex items-center gap-1">
          <input type="checkbox" checked={form.quiet} onChange={() => set("quiet", !form.quiet)} />
          Hold alerts between
        </label>
        {form.quiet && (
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <input
              type="time"
              {...text("quietFrom")}
              className="rounded border border-line-strong bg-field px-2 py-1"
              aria-label="Quiet from"
            />
            and
            <input
              type="time"
              {...text("quietTo")}
              className="rounded border border-line-strong bg-field px-2 py-1"
              aria-label="Quiet to"
            />
            <input
              {...text("timeZone")}
              className="rounded border border-line-strong bg-field px-2 py-1"
              aria-label="Time zone"
            />
          </div>
        )}
      </fieldset>
      <fieldset className="text-sm sm:col-span-2">
        <legend className="font-medium">Send to</legend>
        {destinations.length === 0 ? (
          <p className="mt-1 text-muted">No destinations yet: add one below, then pick it here.</p>
        ) : (
          <div className="mt-1 flex flex-wrap gap-3">
            {destinations.map((destination) => (
              <label key={destination.id} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={form.destinationIds.includes(destination.id)}
                  onChange={() => set("destinationIds", toggle(form.destinationIds, destination.id))}
                />
                {destination.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-2 sm:col-span-2">
        <Button
          onClick={() => preview.mutate(draftOf({ ...form, name: form.name || "Preview" }))}
          disabled={preview.isPending}
        >
          {preview.isPending ? "Looking back…" : "Preview the last 7 days"}
        </Button>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Saving…" : "Create rule"}
        </Button>
      </div>
      {preview.data && (
        <p role="status" className="text-sm sm:col-span-2" data-testid="rule-preview">
          {preview.data.fired === 0
            ? "It would not have fired in the last 7 days"
            : `It would have fired ${preview.data.fired} ${preview.data.fired === 1 ? "time" : "times"} in the last 7 days`}{" "}
          (from {preview.data.basis}).
        </p>
      )}
      {create.isSuccess && (
        <p role="status" className="text-sm sm:col-span-2">
          Rule created.
        </p>
      )}
      {problem && (
        <p role="alert" className="text-sm text-poor-text sm:col-span-2" data-testid="rule-error">
          {problemMessage(problem)}
        </p>
      )}
    </form>
  );
}
