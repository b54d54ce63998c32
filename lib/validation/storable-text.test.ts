import { describe, expect, it } from "vitest";
import { dischargeBoardQuery } from "./discharge-board";
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextFields } from "./storable-text";
import { worklistQuery } from "./worklist";

describe("unstorableTextFields", () => {
  it.each([
    ["plain text", { givenName: "Margaret" }],
    ["markup and SQL, stored as given", { note: "<script>alert(1)</script> '; drop table referrals; --" }],
    ["control characters other than NUL", { note: "\u0001\u001b[31m\r\n\t" }],
    ["a whole emoji (a surrogate pair)", { note: "👩🏽‍⚕️ 𝄞" }],
    ["numbers, booleans, null", { a: 1, b: true, c: null, d: [Number.NaN] }],
  ])("accepts %s", (_name, input) => {
    expect(unstorableTextFields(input)).toBeNull();
  });

  it.each([
    ["NUL in a field", { familyName: "Jones\u0000" }, "familyName"],
    ["NUL nested in data", { data: { text: "a\u0000b" } }, "data.text"],
    ["NUL in a list", { symptoms: ["ok", "\u0000"] }, "symptoms.1"],
    ["a lone high surrogate", { note: "x\ud800" }, "note"],
    ["a lone low surrogate", { note: "\udc00y" }, "note"],
    ["surrogates in the wrong order", { note: "\udc00\ud800" }, "note"],
    ["NUL in a key", { data: { "a\u0000": "x" } }, "data"],
    ["a bare string", "\u0000", "_form"],
  ])("refuses %s, naming the field", (_name, input, field) => {
    expect(unstorableTextFields(input)).toEqual({ [field]: [UNSTORABLE_TEXT_MESSAGE] });
  });

  it("walks input nested deeper than the call stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableTextFields(deep)).not.toBeNull();
  });

  it("the worklist's and the board's search boxes (read from the page's URL) refuse NUL", () => {
    expect(worklistQuery.safeParse({ q: "Jones\u0000" }).success).toBe(false);
    expect(dischargeBoardQuery.safeParse({ q: "Jones\u0000" }).success).toBe(false);
    expect(worklistQuery.safeParse({ q: "<script>" }).success).toBe(true);
  });
});
