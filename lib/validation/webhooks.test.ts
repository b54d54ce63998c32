import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./form";
import { WEBHOOK_URL_MAX_LENGTH, webhookUrlInput } from "./webhooks";

const fieldsOf = (raw: unknown) => {
  const parsed = webhookUrlInput.safeParse(raw);
  return parsed.success ? null : fieldErrorsOf(parsed.error);
};

describe("webhookUrlInput", () => {
  it.each([
    ["an https address", "https://paging.trust.nhs.uk/mscc", "https://paging.trust.nhs.uk/mscc"],
    ["with a port and a query", "https://paging.example:8443/hook?team=onc", "https://paging.example:8443/hook?team=onc"],
    ["surrounding spaces trimmed", "  https://paging.example/hook  ", "https://paging.example/hook"],
    ["http to localhost", "http://localhost:4000/hook", "http://localhost:4000/hook"],
    ["http to 127.0.0.1", "http://127.0.0.1:4000/hook", "http://127.0.0.1:4000/hook"],
    ["http to [::1]", "http://[::1]:4000/hook", "http://[::1]:4000/hook"],
    ["exactly the longest allowed", `https://a.example/${"x".repeat(WEBHOOK_URL_MAX_LENGTH - 18)}`, `https://a.example/${"x".repeat(WEBHOOK_URL_MAX_LENGTH - 18)}`],
  ])("accepts %s", (_name, url, saved) => {
    expect(webhookUrlInput.parse({ intent: "set", url })).toEqual({ intent: "set", url: saved });
  });

  it.each([
    ["empty", "", "Enter the address, or turn the webhook off"],
    ["not an address", "paging system", "Enter a full address, starting https://"],
    ["another scheme", "ftp://paging.example/hook", "Enter a full address, starting https://"],
    ["javascript", "javascript:alert(1)", "Enter a full address, starting https://"],
    ["plain http elsewhere", "http://paging.example/hook", "Use https:// (plain http:// only to this machine: localhost, 127.0.0.1 or [::1])"],
    ["http to a host named like localhost", "http://localhost.example/hook", "Use https:// (plain http:// only to this machine: localhost, 127.0.0.1 or [::1])"],
    ["a password in it", "https://user:secret@paging.example/hook", "Leave out the user name and password: each call is signed with MSCC_WEBHOOK_SECRET instead"],
    ["one character too long", `https://a.example/${"x".repeat(WEBHOOK_URL_MAX_LENGTH - 17)}`, `The address must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`],
  ])("refuses %s, beside the field", (_name, url, message) => {
    expect(fieldsOf({ intent: "set", url })?.url).toEqual([message]);
  });

  it("turns the webhook off with no address", () => {
    expect(webhookUrlInput.parse({ intent: "clear", url: "ignored" })).toEqual({ intent: "clear" });
  });

  it("refuses a form with neither choice", () => {
    expect(fieldsOf({})).toEqual({ intent: ["Choose to save an address or to turn the webhook off"] });
    expect(fieldsOf({ intent: "delete" })).toEqual({ intent: ["Choose to save an address or to turn the webhook off"] });
  });
});
