import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { escapeHtml, renderDocsPage } from "@/lib/api/docs-page";
import { buildOpenApiDocument, DOCUMENTED_ROUTES, openApiPath } from "@/lib/api/openapi";
import { ROUTE_ACCESS, type Access } from "@/lib/auth/permissions";
import { listAppFiles } from "./app-routes";

const ROOT = path.resolve(import.meta.dirname, "../..");
const doc = buildOpenApiDocument();
type Operation = {
  security?: unknown[];
  parameters?: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { $ref?: string; description?: string }>;
};
const operation = (p: string, method: string) => (doc.paths[openApiPath(p)] as Record<string, Operation> | undefined)?.[method.toLowerCase()];

const apiRoutes = listAppFiles().filter((f) => f.kind === "route" && f.url.startsWith("/api/v1/"));
const exportedMethods = (source: string) => [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] as string).sort();

/** The zod schema a route file passes to readJson or readQuery, loaded from the module the route imports it from. */
async function schemaUsed(source: string, reader: "readJson" | "readQuery"): Promise<{ name: string; schema: z.ZodType } | null> {
  const name = new RegExp(`${reader}\\((?:ctx\\.)?request, (\\w+)\\)`).exec(source)?.[1];
  if (!name) return null;
  const from = new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from "@/([^"]+)"`).exec(source)?.[1];
  if (!from) throw new Error(`${name} is not imported from an @/ module`);
  const mod = (await import(path.join(ROOT, `${from}.ts`))) as Record<string, z.ZodType>;
  return { name, schema: mod[name] as z.ZodType };
}

const inputJsonSchema = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with bearer-token and session-cookie security and the error format", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    const error = doc.components.schemas.Error as { properties: { error: { properties: Record<string, unknown>; required: string[] } } };
    expect(Object.keys(error.properties.error.properties)).toEqual(["code", "message", "fields"]);
    expect(error.properties.error.required).toEqual(["code", "message"]);
    expect(Object.keys(doc.components.responses).length).toBe(6);
  });

  it("finds the route handlers under /api/v1", () => {
    expect(apiRoutes.map((r) => r.url).sort()).toEqual(Object.keys(ROUTE_ACCESS).filter((p) => p.startsWith("/api/v1/")).sort());
  });

  it.each(apiRoutes.map((r) => [r.url, r] as const))("documents every method of %s, with its access", (url, route) => {
    const declared = ROUTE_ACCESS[url as keyof typeof ROUTE_ACCESS] as Partial<Record<string, Access>>;
    for (const method of exportedMethods(route.source)) {
      const op = operation(url, method);
      expect(op, `${method} ${url} (${route.file}) is not in the OpenAPI document`).toBeDefined();
      if (declared[method]?.kind === "public") expect(op?.security).toEqual([]);
      else expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["401", "403"]));
    }
    if (url.includes("[id]")) {
      for (const method of exportedMethods(route.source)) {
        expect(operation(url, method)?.parameters).toContainEqual(expect.objectContaining({ name: "id", in: "path", required: true }));
        expect(operation(url, method)?.responses).toHaveProperty("404");
      }
    }
  });

  it("documents nothing that has no route handler", () => {
    const documented = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    const handled = apiRoutes.flatMap((r) => exportedMethods(r.source).map((m) => `${m} ${openApiPath(r.url)}`)).sort();
    expect(documented).toEqual(handled);
    expect(DOCUMENTED_ROUTES.map((r) => `${r.method} ${openApiPath(r.path)}`).sort()).toEqual(handled);
  });

  it.each(apiRoutes.map((r) => [r.url, r] as const))("%s: each request body is the JSON schema of the zod schema the route reads it with", async (url, route) => {
    const body = await schemaUsed(route.source, "readJson");
    const post = exportedMethods(route.source).filter((m) => m !== "GET");
    for (const method of post) {
      expect(body, `${route.file} must read its body with readJson(request, schema)`).not.toBeNull();
      expect(operation(url, method)?.requestBody?.content["application/json"].schema, `${method} ${url} documents ${body?.name}`).toEqual(inputJsonSchema(body?.schema as z.ZodType));
    }
    if (post.length === 0) expect(body).toBeNull();

    const query = await schemaUsed(route.source, "readQuery");
    if (query) {
      const properties = (inputJsonSchema(query.schema) as { properties: Record<string, unknown> }).properties;
      const parameters = (operation(url, "GET")?.parameters ?? []).filter((p) => p.in === "query");
      expect(parameters.map((p) => p.name)).toEqual(Object.keys(properties));
      for (const p of parameters) expect(p.schema).toEqual(properties[p.name]);
    }
  });

  it("every operation that is not public also names every refusal it can give", () => {
    for (const r of DOCUMENTED_ROUTES) {
      for (const [status, response] of Object.entries(operation(r.path, r.method)?.responses ?? {})) {
        if (Number(status) >= 400) expect(response.$ref).toMatch(/^#\/components\/responses\//);
        else expect(response.description).toBeTruthy();
      }
    }
  });
});

describe("the documentation page", () => {
  const html = renderDocsPage(doc);

  it("has a heading per path and per operation, and loads nothing from anywhere", () => {
    for (const p of Object.keys(doc.paths)) expect(html).toContain(`>${escapeHtml(p)}</h2>`);
    expect(html.match(/<h3>/g)?.length).toBe(DOCUMENTED_ROUTES.length);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|url\(/i);
  });

  it("escapes the document's text", () => {
    const hostile = { ...doc, info: { ...doc.info, title: `<script>alert("x")</script>`, description: "a & b `<b>`" } };
    const page = renderDocsPage(hostile);
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page).toContain("a &amp; b <code>&lt;b&gt;</code>");
  });
});
