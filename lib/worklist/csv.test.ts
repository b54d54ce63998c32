import { describe, expect, it } from "vitest";
import type { WorklistItemJson } from "@/lib/api/schemas";
import { csvField, toCsv, worklistCsv, WORKLIST_CSV_HEADER } from "./csv";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// 14:00 in London in winter (GMT), so UK time and UTC agree on the hour.
const NOW = Date.parse("2026-11-24T14:00:00Z");

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error("the last line has no CRLF");
  return rows;
}

function item(over: Partial<WorklistItemJson> = {}): WorklistItemJson {
  return {
    id: "4a7c1c9e-0a7e-4d59-9d3e-3f1f6f0b2a11",
    version: 3,
    status: "triaged",
    category: "suspected_mscc",
    patient: {
      kind: "full",
      givenName: "Margaret",
      familyName: "Jones",
      nhsNumber: "9434765919",
      dateOfBirth: "1950-03-07",
      age: 76,
      hospitalNumber: "RX12345",
    },
    receivedAt: new Date(NOW - 5 * HOUR).toISOString(),
    openClocks: [
      { id: "mri", dueAt: NOW - 2 * HOUR - 15 * MINUTE, atRiskAt: NOW - 8 * HOUR },
      { id: "treatment_plan", dueAt: NOW + 3 * HOUR + 12 * MINUTE, atRiskAt: NOW - HOUR },
    ],
    nextClockDueAt: NOW - 2 * HOUR - 15 * MINUTE,
    clocksAtRiskAt: NOW - 8 * HOUR,
    dexamethasone: { givenAt: new Date(NOW - 4 * HOUR).toISOString(), contraindicated: false, caution: null },
    immobilisation: { since: new Date(NOW - 3 * HOUR).toISOString(), liftedAt: null },
    registrar: { id: "0b8f0f62-2a3c-4a47-8d0e-8a4b8b2f7c55", name: "Dr Rahul Registrar" },
    awaitingAcknowledgementSince: new Date(NOW - 40 * MINUTE).toISOString(),
    acknowledgementDueAt: new Date(NOW + 5 * MINUTE).toISOString(),
    escalationLevel: 1,
    missingData: 2,
    updatedAt: new Date(NOW - 10 * MINUTE).toISOString(),
    updatedByName: "Coordinator Carol",
    ...over,
  };
}

describe("csvField", () => {
  it.each<[string | number | null, string]>([
    [null, ""],
    ["", ""],
    ["plain text", "plain text"],
    [42, "42"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["two\r\nlines", '"two\r\nlines"'],
    ["a=b", "a=b"],
    ["O'Brien", "O'Brien"],
  ])("%j -> %j", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["+44 161 446 3000", "'+44 161 446 3000"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "\"'\r=1\""],
    ["  =1+1", "'  =1+1"],
    [" @SUM(A1)", "' @SUM(A1)"],
  ])("a field a spreadsheet would run as a formula is made text: %j", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it("a formula with a comma is both made text and quoted", () => {
    expect(csvField('=HYPERLINK("http://x.test","click")')).toBe('"\'=HYPERLINK(""http://x.test"",""click"")"');
  });
});

describe("toCsv", () => {
  it("starts with a byte order mark and ends every line with CRLF", () => {
    const csv = toCsv([
      ["a", "b"],
      ["c,d", null],
    ]);
    expect(csv).toBe('\uFEFFa,b\r\n"c,d",\r\n');
  });
});

describe("worklistCsv", () => {
  it("one header line and one line per referral, every line with every column", () => {
    const csv = worklistCsv([item(), item({ id: "5b8d2d0f-1b8f-4e6a-8e4f-4f2f7f1c3b22", patient: { ...(item().patient as object), familyName: "Smith, Jr" } as WorklistItemJson["patient"] })], NOW);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual([...WORKLIST_CSV_HEADER]);
    for (const row of rows) expect(row).toHaveLength(WORKLIST_CSV_HEADER.length);
    expect(rows[2]?.[1]).toBe("SMITH, JR, Margaret");
  });

  it("says what the screen says, times in UK time", () => {
    const [, row] = parseCsv(worklistCsv([item()], NOW).slice(1));
    const cell = (name: (typeof WORKLIST_CSV_HEADER)[number]) => row?.[WORKLIST_CSV_HEADER.indexOf(name)];
    expect(cell("Referral id")).toBe("4a7c1c9e-0a7e-4d59-9d3e-3f1f6f0b2a11");
    expect(cell("Patient")).toBe("JONES, Margaret");
    expect(cell("NHS number")).toBe("943 476 5919");
    expect(cell("Age")).toBe("76");
    expect(cell("Hospital number")).toBe("RX12345");
    expect(cell("Category")).not.toBe("");
    expect(cell("Received (UK time)")).toBe("24/11/2026 09:00");
    expect(cell("Clock state")).toBe("Breached");
    expect(cell("Next clock")).toBe("MRI breached by 2 h 15 m");
    expect(cell("Other clocks")).toBe("also Treatment plan due in 3 h 12 m");
    expect(cell("Dexamethasone")).toBe("Given 24/11/2026 10:00");
    expect(cell("Immobilisation")).toBe("Flat since 24/11/2026 11:00");
    expect(cell("Registrar")).toBe("Dr Rahul Registrar");
    expect(cell("Escalation")).toBe("Escalated 40 m ago, not acknowledged");
    expect(cell("Missing data items")).toBe("2");
    expect(cell("Last change (UK time)")).toBe("24/11/2026 13:50");
    expect(cell("Last changed by")).toBe("Coordinator Carol");
  });

  it("a patient name that is a formula is exported as text", () => {
    const hostile = item({ patient: { ...(item().patient as object), familyName: "=cmd|'/C calc'!A0", givenName: "@x" } as WorklistItemJson["patient"] });
    const csv = worklistCsv([hostile], NOW);
    const [, row] = parseCsv(csv.slice(1));
    expect(row?.[1]).toBe("'=CMD|'/C CALC'!A0, @x");
    // No line of the file has a field starting with a formula character.
    for (const line of parseCsv(csv.slice(1))) for (const field of line) expect(field).not.toMatch(/^[=+\-@]/);
  });

  it("ward-screen mode has no name, date of birth, age, hospital number or whole NHS number", () => {
    const ward = item({ patient: { kind: "ward", initials: "M J", nhsLast4: "5919" } });
    const csv = worklistCsv([ward], NOW);
    for (const secret of ["Margaret", "Jones", "JONES", "9434765919", "943 476 5919", "1950", "07/03/1950", "RX12345"]) expect(csv).not.toContain(secret);
    const [, row] = parseCsv(csv.slice(1));
    expect(row?.[1]).toBe("M J");
    expect(row?.[2]).toBe("ending 5919");
    expect(row?.[3]).toBe("");
    expect(row?.[4]).toBe("");
  });

  it("a row with nothing recorded reads as such", () => {
    const bare = item({
      openClocks: [],
      nextClockDueAt: null,
      clocksAtRiskAt: null,
      dexamethasone: { givenAt: null, contraindicated: false, caution: "myeloma" },
      immobilisation: { since: null, liftedAt: null },
      registrar: null,
      awaitingAcknowledgementSince: null,
      missingData: 0,
      updatedByName: null,
    });
    const [, row] = parseCsv(worklistCsv([bare], NOW).slice(1));
    const cell = (name: (typeof WORKLIST_CSV_HEADER)[number]) => row?.[WORKLIST_CSV_HEADER.indexOf(name)];
    expect(cell("Clock state")).toBe("No clock running");
    expect(cell("Next clock")).toBe("No clock running");
    expect(cell("Other clocks")).toBe("");
    expect(cell("Dexamethasone")).toBe("Not given: myeloma suspected, discuss with a consultant first");
    expect(cell("Immobilisation")).toBe("Not advised");
    expect(cell("Registrar")).toBe("Not assigned");
    expect(cell("Escalation")).toBe("");
    expect(cell("Missing data items")).toBe("0");
    expect(cell("Last changed by")).toBe("");
  });

  it("no referrals: the header alone", () => {
    expect(worklistCsv([], NOW)).toBe(`\uFEFF${WORKLIST_CSV_HEADER.map((h) => (h.includes(",") ? `"${h}"` : h)).join(",")}\r\n`);
  });
});
