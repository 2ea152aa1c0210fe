import { apiRoute } from "@/lib/api/handler";

/** The history's stream facts of a window as Parquet (Power BI, Kusto, DuckDB); personal values left out for Readers. */
export const GET = apiRoute<Record<string, never>>(
  "GET /api/quality/streams.parquet",
  async ({ request, principal, runtime }) => {
    const window = runtime.history.exportWindow(principal, new URL(request.url).searchParams);
    return new Response(window.parquet(), {
      headers: {
        "Content-Type": "application/vnd.apache.parquet",
        "Content-Disposition": `attachment; filename="${window.name}.parquet"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
