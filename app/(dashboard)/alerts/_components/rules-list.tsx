"use client";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { describeSpec, type DestinationView } from "@/lib/alerts/model";
import { useDeleteRule, usePatchRule, type RuleView } from "@/lib/client/alerts";
import { problemMessage } from "@/lib/client/problem-text";
import { formatDateTime } from "@/lib/format/dates";
import { dimensionNamed } from "@/lib/history/dimensions";

const dimensionLabel = (name: string) => dimensionNamed(name)?.label ?? name;
const HOUR = 3_600_000;

const cooldownWords = (minutes: number) =>
  minutes === 0
    ? "Every time (no cooldown)"
    : minutes % 1440 === 0
      ? `Cooldown ${minutes / 1440} ${minutes === 1440 ? "day" : "days"}`
      : minutes % 60 === 0
        ? `Cooldown ${minutes / 60} h`
        : `Cooldown ${minutes} min`;

/** `now`: when the rules were read (render stays pure; a snooze shows as of that read). */
export function RulesList({
  rules,
  destinations,
  now,
}: {
  rules: RuleView[] | null;
  destinations: DestinationView[];
  now: number;
}) {
  const patch = usePatchRule();
  const remove = useDeleteRule();
  const names = new Map(destinations.map((d) => [d.id, d.name]));
  const failure = patch.error ?? remove.error;
  return (
    <section aria-labelledby="rules-heading" className="space-y-2">
      <h2 id="rules-heading" className="text-lg font-semibold">
        Rules
      </h2>
      {rules === null ? (
        <p className="text-sm text-muted">Loading rules…</p>
      ) : rules.length === 0 ? (
        <p className="text-sm text-muted">No rules yet: add one below.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <Table data-testid="alert-rules" className="min-w-[48rem]">
            <thead>
              <tr>
                <Th className="whitespace-nowrap">Rule</Th>
                <Th className="whitespace-nowrap">Watches</Th>
                <Th className="whitespace-nowrap">Sends to</Th>
                <Th className="whitespace-nowrap">State</Th>
                <Th className="whitespace-nowrap">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => {
                const snoozed = rule.snoozedUntil !== null && rule.snoozedUntil > now;
                return (
                  <tr key={rule.id} className="border-t border-line align-top">
                    <Td className="py-2 font-medium">{rule.name}</Td>
                    <Td className="py-2 min-w-64">
                      {describeSpec(rule.spec, dimensionLabel)}
                      <span className="block text-xs text-muted">
                        {cooldownWords(rule.cooldownMinutes)}
                        {rule.digest !== "none" && ` · ${rule.digest} digest`}
                        {rule.quietHours &&
                          ` · quiet ${rule.quietHours.from}–${rule.quietHours.to} ${rule.quietHours.timeZone}`}
                      </span>
                    </Td>
                    <Td className="py-2">
                      {rule.destinationIds.length === 0
                        ? "nowhere yet"
                        : rule.destinationIds.map((id) => names.get(id) ?? "(deleted)").join(", ")}
                      {rule.problems.map((problem) => (
                        <span key={problem} role="status" className="block text-xs text-warn-text">
                          ⚠ {problem}
                        </span>
                      ))}
                    </Td>
                    <Td className="py-2 whitespace-nowrap">
                      {!rule.enabled
                        ? "Off"
                        : snoozed
                          ? `Snoozed until ${formatDateTime(rule.snoozedUntil ?? 0)}`
                          : "On"}
                    </Td>
                    <Td className="py-2 whitespace-nowrap">
                      <div className="flex gap-1">
                        <Button
                          onClick={() => patch.mutate({ id: rule.id, patch: { enabled: !rule.enabled } })}
                        >
                          {rule.enabled ? "Turn off" : "Turn on"}
                        </Button>
                        <Button
                          onClick={() =>
                            patch.mutate({
                              id: rule.id,
                              patch: { snoozedUntil: snoozed ? null : Date.now() + 24 * HOUR },
                            })
                          }
                        >
                          {snoozed ? "Unsnooze" : "Snooze 24 h"}
                        </Button>
                        <Button
                          onClick={() => {
                            if (
                              window.confirm(`Delete the rule "${rule.name}"? Alerts it queued are not sent.`)
                            )
                              remove.mutate(rule.id);
                          }}
                        >
                          Delete
                        </Button>
                      </div>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </div>
      )}
      {failure && (
        <p role="alert" className="text-sm text-poor-text">
          {problemMessage(failure)}
        </p>
      )}
    </section>
  );
}
