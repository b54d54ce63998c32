import { buildOpenApiDocument } from "@/lib/api/openapi";
import { defineRoute, json } from "@/lib/server/route";

/** The OpenAPI 3.1 document, generated from the zod schemas that validate the requests. */
export const GET = defineRoute("/api/v1/openapi.json", "GET", async () => json(buildOpenApiDocument()));
