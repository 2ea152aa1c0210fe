import { apiRoute } from "@/lib/api/handler";

/** The history's stream facts of a window as CSV (`from`, `to`), streamed; personal values left out for Readers. */
export const GET = apiRoute<Record<string, never>>(
  "GET /api/quality/streams.csv",
  async ({ request, principal, runtime }) => {
    const window = runtime.history.exportWindow(principal, new URL(request.url).searchParams);
    return new Response(window.csv(), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${window.name}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
