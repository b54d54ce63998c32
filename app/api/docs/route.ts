import { renderDocsPage, DOCS_CSP } from "@/lib/api/docs-page";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { defineRoute } from "@/lib/server/route";

/** The API's documentation as a readable page, from the same OpenAPI document. */
export const GET = defineRoute(
  "/api/docs",
  "GET",
  async () =>
    new Response(renderDocsPage(buildOpenApiDocument()), {
      headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": DOCS_CSP, "x-content-type-options": "nosniff", "cache-control": "no-store" },
    }),
);
