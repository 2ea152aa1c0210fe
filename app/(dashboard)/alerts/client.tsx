"use client";
import { QueryError } from "@/components/ui/query-error";
import { useAlertRules, useDestinations } from "@/lib/client/alerts";
import { DeliveriesLog } from "./_components/deliveries-log";
import { DemoMessages } from "./_components/demo-messages";
import { Destinations } from "./_components/destinations";
import { RuleForm } from "./_components/rule-form";
import { RulesList } from "./_components/rules-list";

export function AlertsView({ demo }: { demo: boolean }) {
  const rules = useAlertRules();
  const destinations = useDestinations();
  // Readers cannot see alerts at all (they name people and hold secrets): the API's 403 says so.
  if (rules.isError) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  const list = destinations.data?.destinations ?? [];
  return (
    <div className="space-y-8">
      <RulesList rules={rules.data?.rules ?? null} destinations={list} now={rules.dataUpdatedAt} />
      <RuleForm destinations={list} />
      <Destinations destinations={destinations.data?.destinations ?? null} />
      <DeliveriesLog />
      {demo && <DemoMessages />}
    </div>
  );
}
