import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it.each([
    { name: "worklist", input: "/worklist", expected: "/worklist" },
    { name: "with a query", input: "/admin/users?x=1", expected: "/admin/users?x=1" },
    { name: "root", input: "/", expected: "/" },
    { name: "fragment is dropped", input: "/audit#top", expected: "/audit" },
    { name: "dot segments resolved within the site", input: "/admin/../worklist", expected: "/worklist" },
    { name: "api-like page that is not /api/", input: "/apiary", expected: "/apiary" },
  ])("keeps $name: $input -> $expected", ({ input, expected }) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it.each([
    { name: "null", input: null },
    { name: "undefined", input: undefined },
    { name: "empty", input: "" },
    { name: "another origin", input: "https://evil.example/" },
    { name: "this origin spelt out", input: "http://localhost/worklist" },
    { name: "protocol-relative", input: "//evil.example" },
    { name: "protocol-relative with path", input: "//evil.example/worklist" },
    { name: "backslash (browsers read as //)", input: "/\\evil.example" },
    { name: "tab inside //", input: "/\t/evil.example" },
    { name: "javascript: URL", input: "javascript:alert(1)" },
    { name: "data: URL", input: "data:text/html,hi" },
    { name: "relative path without /", input: "worklist" },
    { name: "sign-out endpoint", input: "/api/auth/signout" },
    { name: "any API route", input: "/api/health" },
    { name: "API route reached through dot segments", input: "/worklist/../api/auth/signout" },
    { name: "sign-in page", input: "/signin" },
    { name: "sign-in page with a query", input: "/signin?callbackUrl=/worklist" },
  ])("sends $name to /", ({ input }) => {
    expect(safeCallbackUrl(input)).toBe("/");
  });

  // Dot segments then "//": rebuilt from the parsed path these would become protocol-relative (open redirect).
  it.each(["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/a/..//evil.example/x?y=1"])(
    "sends dot segment then // (%s) to /",
    (input) => {
      expect(safeCallbackUrl(input)).toBe("/");
    },
  );

  describe("properties", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_~\-%?=&#:@\\.]{0,8}$/);
    const pathLike = fc.array(segment, { maxLength: 5 }).map((segments) => `/${segments.join("/")}`);
    const candidates = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      pathLike,
      pathLike.map((p) => `/${p}`),
      pathLike.map((p) => `/\\${p}`),
      fc.constantFrom(null, undefined, "", "/", "//", "///", "/\\", "\\\\", "http:", "https:evil.example"),
    );

    it("the result always starts with / and never with // or /\\", () => {
      fc.assert(
        fc.property(candidates, (input) => {
          const result = safeCallbackUrl(input);
          expect(result.startsWith("/")).toBe(true);
          expect(result.startsWith("//")).toBe(false);
          expect(result.startsWith("/\\")).toBe(false);
        }),
        { numRuns: 2000 },
      );
    });

    it("the result always resolves to this site", () => {
      fc.assert(
        fc.property(candidates, (input) => {
          expect(new URL(safeCallbackUrl(input), "http://localhost").origin).toBe("http://localhost");
        }),
        { numRuns: 2000 },
      );
    });

    it("is idempotent", () => {
      fc.assert(
        fc.property(candidates, (input) => {
          const once = safeCallbackUrl(input);
          expect(safeCallbackUrl(once)).toBe(once);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
