import { jsonResponse } from "@/lib/api/handler";

// Any /api path no route claims answers in the API's own envelope, not with the HTML 404 page.
function notFound(): Response {
  return jsonResponse(
    JSON.stringify({
      error: {
        code: "not_found",
        message: "There is no API endpoint at this path. See the API table in callscope's README.",
      },
    }),
    404,
  );
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
