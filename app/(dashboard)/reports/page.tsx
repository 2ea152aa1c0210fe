import type { Metadata } from "next";
import { ReportList } from "./_components/report-list";

export const metadata: Metadata = { title: "Reports" };

export default function ReportsPage() {
  return (
    <section aria-labelledby="reports-heading" className="space-y-4">
      <h1 id="reports-heading" className="text-2xl font-semibold">
        Saved reports
      </h1>
      <ReportList />
    </section>
  );
}
