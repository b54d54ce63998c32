import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./form";
import { SERVICE_NAME_MAX_LENGTH, serviceContactsInput, ukPhoneProblem } from "./service-contacts";

const form = (over: Record<string, unknown> = {}) => ({
  basedOnVersionId: "0",
  serviceName: "The Christie MSCC service",
  coordinatorPhone: "0161 446 3000",
  acuteOncologyPhone: "0161 446 3658",
  outOfHoursPhone: "0161 446 3000",
  ...over,
});

const fieldsOf = (raw: unknown) => {
  const parsed = serviceContactsInput.safeParse(raw);
  return parsed.success ? null : fieldErrorsOf(parsed.error);
};

describe("ukPhoneProblem", () => {
  it.each([
    ["a geographic number, grouped", "0161 446 3000"],
    ["a London number", "020 7188 7188"],
    ["a mobile, ungrouped", "07700900123"],
    ["a 10-digit number", "0800 123 456"],
  ])("accepts %s", (_name, value) => {
    expect(ukPhoneProblem(value)).toBeNull();
  });

  it.each([
    ["+44", "+44 161 446 3000", /digits and spaces only/],
    ["dashes", "0161-446-3000", /digits and spaces only/],
    ["brackets", "(0161) 446 3000", /digits and spaces only/],
    ["an extension in words", "0161 446 3000 ext 12", /digits and spaces only/],
    ["no leading 0", "161 446 3000", /Start with 0/],
    ["too short", "0161 446 30", /10 or 11 digits; this one has 9/],
    ["too long", "0161 446 30000", /10 or 11 digits; this one has 12/],
    ["an emergency short code", "0999", /10 or 11 digits; this one has 4/],
  ])("refuses %s", (_name, value, message) => {
    expect(ukPhoneProblem(value)).toMatch(message);
  });
});

describe("serviceContactsInput", () => {
  it("keeps the numbers as grouped, with runs of spaces made one, and the version as a number", () => {
    expect(serviceContactsInput.parse(form({ coordinatorPhone: "  0161  446 3000 ", serviceName: " The  Christie " }))).toEqual({
      basedOnVersionId: 0,
      contacts: { serviceName: "The Christie", coordinatorPhone: "0161 446 3000", acuteOncologyPhone: "0161 446 3658", outOfHoursPhone: "0161 446 3000" },
    });
  });

  it("takes the acute oncology and out-of-hours numbers as optional (printed as a line to write in)", () => {
    expect(serviceContactsInput.parse(form({ acuteOncologyPhone: "", outOfHoursPhone: undefined })).contacts).toMatchObject({ acuteOncologyPhone: "", outOfHoursPhone: "" });
  });

  it.each([
    ["no service name", { serviceName: "  " }, "serviceName", "Enter the service's name"],
    ["a service name too long", { serviceName: "x".repeat(SERVICE_NAME_MAX_LENGTH + 1) }, "serviceName", `The service's name must be at most ${SERVICE_NAME_MAX_LENGTH} characters`],
    ["no coordinator's number", { coordinatorPhone: "" }, "coordinatorPhone", "Enter the MSCC coordinator's number"],
    ["the coordinator's number missing altogether", { coordinatorPhone: undefined }, "coordinatorPhone", "Enter the MSCC coordinator's number"],
    ["a bad acute oncology number", { acuteOncologyPhone: "ring the switchboard" }, "acuteOncologyPhone", "Use digits and spaces only (no +44, dashes or brackets), for example 0161 446 3000"],
    ["a short out-of-hours number", { outOfHoursPhone: "0161 44" }, "outOfHoursPhone", "A UK number has 10 or 11 digits; this one has 6"],
  ])("refuses %s, on its field", (_name, over, field, message) => {
    expect(fieldsOf(form(over))?.[field]).toEqual([message]);
  });

  it("reports every bad field at once", () => {
    expect(Object.keys(fieldsOf(form({ serviceName: "", coordinatorPhone: "x", outOfHoursPhone: "1" })) ?? {}).sort()).toEqual(["coordinatorPhone", "outOfHoursPhone", "serviceName"]);
  });
});
