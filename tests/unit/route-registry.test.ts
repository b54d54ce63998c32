import { describe, expect, it } from "vitest";
import { PAGE_ACCESS, ROUTE_ACCESS, type Access } from "@/lib/auth/permissions";
import { listAppFiles, listSourceFiles } from "./app-routes";

const files = listAppFiles();
const pages = files.filter((f) => f.kind === "page");
const routes = files.filter((f) => f.kind === "route");
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A new page or route handler that is not in the permission matrix, or that does not call its guard with its
 * own path, fails here. The browser suite then requests every one of them as every role.
 */
describe("every page and route handler is in the permission matrix and calls its guard", () => {
  it("finds the app's files", () => {
    expect(pages.length).toBeGreaterThanOrEqual(Object.keys(PAGE_ACCESS).length);
    expect(routes.length).toBeGreaterThanOrEqual(2);
  });

  it.each(pages.map((p) => [p.url, p] as const))("page %s", (url, page) => {
    expect(Object.keys(PAGE_ACCESS), `${page.file} is not in PAGE_ACCESS (lib/auth/permissions.ts)`).toContain(url);
    const access = PAGE_ACCESS[url as keyof typeof PAGE_ACCESS];
    if (access.kind !== "public") {
      expect(page.source, `${page.file} must call requirePageAccess("${url}")`).toMatch(new RegExp(`requirePageAccess\\("${escape(url)}"[,)]`));
    }
  });

  it.each(routes.map((r) => [r.url, r] as const))("route %s", (url, route) => {
    expect(Object.keys(ROUTE_ACCESS), `${route.file} is not in ROUTE_ACCESS (lib/auth/permissions.ts)`).toContain(url);
    const declared = ROUTE_ACCESS[url as keyof typeof ROUTE_ACCESS] as Partial<Record<string, Access>>;
    const exported = [...route.source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] as string);
    const reexported = [...route.source.matchAll(/export \{([^}]*)\}/g)].flatMap((m) => [...(m[1] ?? "").matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\b/g)].map((x) => x[1] as string));
    const methods = [...new Set([...exported, ...reexported])].sort();
    expect(methods, `${route.file} must export exactly the methods ROUTE_ACCESS declares`).toEqual(Object.keys(declared).sort());
    for (const method of methods) {
      if (declared[method]?.kind === "public") continue;
      expect(route.source, `${route.file}: ${method} must be defineRoute("${url}", "${method}", ...)`).toMatch(
        new RegExp(`export const ${method} = defineRoute\\("${escape(url)}", "${method}"`),
      );
    }
  });

  it("has no entry for a page or route that does not exist", () => {
    expect(Object.keys(PAGE_ACCESS).sort()).toEqual(pages.map((p) => p.url).sort());
    expect(Object.keys(ROUTE_ACCESS).sort()).toEqual(routes.map((r) => r.url).sort());
  });
});

describe("server actions live only where they are guarded", () => {
  // A "use server" function anywhere else (inline in a page or component) would be a public endpoint that
  // no test walks. Only app/**/actions.ts may declare them, and every export there is a defineAction
  // (tests/integration/actions-access.test.ts).
  it("no file but app/**/actions.ts contains a 'use server' directive", () => {
    const offenders = listSourceFiles(["app", "components", "lib", "db"])
      .filter((f) => /(^|[\s{;])["']use server["']/m.test(f.source))
      .filter((f) => !/^app\/.*\/actions\.ts$/.test(f.file))
      .map((f) => f.file);
    expect(offenders).toEqual([]);
  });

  it("every actions.ts starts with the directive", () => {
    for (const f of listAppFiles().filter((a) => a.kind === "actions")) expect(f.source.trimStart().startsWith('"use server";'), f.file).toBe(true);
  });
});
