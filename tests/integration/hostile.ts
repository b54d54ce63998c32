import { sql } from "drizzle-orm";
import fc from "fast-check";
import { expect } from "vitest";
import { getDb } from "@/db/client";

/**
 * Hostile input for the property-based tests (tests/integration/hostile-*.test.ts): payloads, arbitraries for
 * JSON bodies, form payloads and query strings, and a snapshot of the whole database to prove a refusal wrote
 * nothing.
 */

/** Free text a person could type (or paste) and that must be stored as given and shown inert. */
export const FREE_TEXT_PAYLOADS = [
  "<script>window.__xss=1</script>",
  `<img src=x onerror="window.__xss=1">`,
  "javascript:window.__xss=1",
  `"><svg onload="window.__xss=1">`,
  "</textarea><script>window.__xss=1</script>",
  "'; drop table referrals; --",
  "' or '1'='1",
  "Robert'); select pg_sleep(10); --",
  "%_\\%",
  "$1 $$ :name ?",
  "\u0001\u0007\u001b[31mred",
  "line\r\nbreak\ttab",
  "\u202eevil\u202c",
  "\u200b\u2028\u2029",
  "Zoë Ø'Brien-Łukasz 李 👩🏽‍⚕️",
] as const;

/** Text the database cannot store (NUL) or that UTF-8 cannot carry (lone surrogates): must be a 400, never a 500. */
export const UNSTORABLE_TEXT = ["\u0000", "Jones\u0000", "\ud800", "a\udfffb", "\udc00\ud800"] as const;

/** Strings that other code might read as numbers, dates, booleans or object keys. */
export const COERCIBLE_TEXT = [
  "",
  "   ",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "0x10",
  "-1",
  "9007199254740993",
  "null",
  "undefined",
  "true",
  "on",
  "0000-01-01",
  "9999-12-31",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "+275760-09-13T00:00:00.000Z",
  "2026-02-30T12:00",
  "31/12/9999 23:59",
  "__proto__",
  "constructor",
  "toString",
  "00000000-0000-0000-0000-000000000000",
] as const;

export const ONE_MB = "\u00e9<script>".padEnd(1_048_576, "x");

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<string>(...FREE_TEXT_PAYLOADS) },
  { weight: 2, arbitrary: fc.constantFrom<string>(...UNSTORABLE_TEXT) },
  { weight: 3, arbitrary: fc.constantFrom<string>(...COERCIBLE_TEXT) },
  { weight: 1, arbitrary: fc.constant(ONE_MB) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  // Raw UTF-16 code units: lone surrogates and control characters in the middle of ordinary text.
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => `Note ${String.fromCharCode(...units)} end`) },
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "$ACTION_ID_0", "data.__proto__", ""), fc.string({ maxLength: 12 }));

const hostileNumber = fc.oneof(fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, -(2 ** 31) - 1), fc.double());

/** Arrays and objects nested `depth` deep; fast-check prints it by name (printing it whole overflows the stack). */
function deeplyNested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return Object.defineProperty(value as object, fc.toStringMethod, { value: () => `deeplyNested(${depth})` });
}

/** Any JSON-ish value: wrong types, arrays where objects belong, prototype keys, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 6, arbitrary: hostileText },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null, undefined) },
    { weight: 1, arbitrary: fc.constant(deeplyNested(1000)) },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(hostileKey, tie("value"), { maxKeys: 3 }) },
  ),
})).value;

/** Bodies that are not JSON at all, or JSON that JSON.stringify would never write. */
export const RAW_BODIES = [
  "",
  "NaN",
  '{"expectedVersion": NaN}',
  '{"doseMg": Infinity}',
  "{",
  "[]",
  "null",
  '"just a string"',
  "\u0000",
  '{"text": "\\u0000"}',
  '{"text": "\\ud800"}',
  '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"polluted": 1}}}',
  "\ufeff{}",
  "nhsNumber=9434765919&givenName=<script>",
  `{"a": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
  `"${"x".repeat(1_000_001)}"`,
] as const;

/**
 * How a valid body is turned hostile: some of its own fields replaced (the replacements are remembered, to check
 * a value that is accepted is stored as given), unknown keys added, or the whole body swapped for something else.
 */
export type BodyRecipe =
  | { kind: "fields"; replace: [path: string, value: unknown][]; extra: Record<string, unknown> }
  | { kind: "whole"; value: unknown }
  | { kind: "raw"; text: string };

/** The dotted paths of a body's fields, one level into nested objects ("data.text"). */
export function fieldPaths(base: Record<string, unknown>): string[] {
  return Object.entries(base).flatMap(([key, value]) =>
    value !== null && typeof value === "object" && !Array.isArray(value) ? [key, ...Object.keys(value).map((k) => `${key}.${k}`)] : [key],
  );
}

export function bodyRecipe(
  paths: string[],
  options: { value?: fc.Arbitrary<unknown>; extraKeys?: readonly string[]; whole?: boolean; raw?: boolean } = {},
): fc.Arbitrary<BodyRecipe> {
  const value = options.value ?? hostileValue;
  const extraKey = options.extraKeys?.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...options.extraKeys) }, { weight: 1, arbitrary: hostileKey }) : hostileKey;
  const fields = fc.record({
    kind: fc.constant("fields" as const),
    replace: paths.length > 0 ? fc.uniqueArray(fc.tuple(fc.constantFrom(...paths), value), { minLength: 1, maxLength: 3, selector: ([p]) => p }) : fc.constant<[string, unknown][]>([]),
    extra: fc.dictionary(extraKey, value, { maxKeys: paths.length > 0 ? 2 : 5 }),
  });
  const arbitraries: fc.WeightedArbitrary<BodyRecipe>[] = [{ weight: 6, arbitrary: fields }];
  if (options.whole !== false) arbitraries.push({ weight: 1, arbitrary: value.map((v) => ({ kind: "whole" as const, value: v })) });
  if (options.raw) arbitraries.push({ weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ kind: "raw" as const, text })) });
  return fc.oneof(...arbitraries);
}

/** The body a recipe makes from a valid one (the valid one is built at call time: versions move on). */
export function applyRecipe(base: Record<string, unknown>, recipe: BodyRecipe): unknown {
  if (recipe.kind !== "fields") return recipe.kind === "whole" ? recipe.value : undefined;
  const body: Record<string, unknown> = structuredClone(base);
  for (const [path, value] of recipe.replace) {
    const [head, tail] = splitPath(path, body);
    if (tail === undefined) Object.defineProperty(body, head, { value, enumerable: true, writable: true, configurable: true });
    else Object.defineProperty(body[head] as object, tail, { value, enumerable: true, writable: true, configurable: true });
  }
  for (const [key, value] of Object.entries(recipe.extra)) {
    // An added key never overwrites one of the valid body's own fields: those are the remembered replacements.
    if (!Object.hasOwn(body, key)) Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return body;
}

// "data.text" is a nested field when the base has a `data` object, and a flat form field name otherwise.
function splitPath(path: string, body: Record<string, unknown>): [string, string | undefined] {
  const dot = path.indexOf(".");
  if (dot < 0) return [path, undefined];
  const head = path.slice(0, dot);
  const inner = body[head];
  return inner !== null && typeof inner === "object" && !Array.isArray(inner) ? [head, path.slice(dot + 1)] : [path, undefined];
}

/** The free text a recipe put into a valid body's own fields: if the body was accepted, each must be stored. */
export function freeTextGiven(recipe: BodyRecipe): string[] {
  if (recipe.kind !== "fields") return [];
  return recipe.replace.flatMap(([path, value]) => (typeof value === "string" && !/password/i.test(path) && (FREE_TEXT_PAYLOADS as readonly string[]).includes(value) ? [value] : []));
}

/** A value shaped as FormData gives it to a server action: one string or several. */
export const formValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: fc.array(hostileText, { minLength: 2, maxLength: 3 }) });

/** A query string of known and unknown names with hostile values, repeated names included. */
export function hostileQuery(names: readonly string[]): fc.Arbitrary<[string, string][]> {
  return fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileKey }), hostileText), { maxLength: 4 });
}

type Rows = Record<string, unknown>[];
const rowsOf = (result: unknown): Rows => (Array.isArray(result) ? (result as Rows) : ((result as { rows: Rows }).rows ?? []));

export async function publicTables(): Promise<string[]> {
  const rows = rowsOf(await getDb().execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`));
  return rows.map((r) => String(r.table_name));
}

export interface TableState {
  rows: number;
  hash: string;
}

let tables: string[] | undefined;

/** Every table's row count and a hash of all its rows, the audit log included, in one query. */
export async function snapshotDatabase(): Promise<Record<string, TableState>> {
  tables ??= await publicTables();
  const perTable = tables.map(
    (table) => sql`select ${table} as name, count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.identifier(table)} t`,
  );
  const rows = rowsOf(await getDb().execute(sql.join(perTable, sql` union all `)));
  return Object.fromEntries(rows.map((r) => [String(r.name), { rows: Number(r.n), hash: String(r.h) }]));
}

/** A refusal wrote nothing, anywhere. */
export function expectUnchanged(before: Record<string, TableState>, after: Record<string, TableState>, what: string): void {
  expect(after, `${what}: a refused request changed the database`).toEqual(before);
}

/** A read may add audit rows (who looked at what) and nothing else. */
export function expectOnlyAuditGrew(before: Record<string, TableState>, after: Record<string, TableState>, what: string): void {
  const { audit_log: auditBefore, ...restBefore } = before;
  const { audit_log: auditAfter, ...restAfter } = after;
  expect(restAfter, `${what}: a read changed the database`).toEqual(restBefore);
  expect(auditAfter?.rows ?? 0, `${what}: the audit log shrank`).toBeGreaterThanOrEqual(auditBefore?.rows ?? 0);
}

function collectStrings(value: unknown, into: Set<string>, depth = 0): void {
  if (typeof value === "string") into.add(value);
  else if (value !== null && typeof value === "object" && depth < 20) for (const v of Object.values(value)) collectStrings(v, into, depth + 1);
}

/**
 * Each text is stored somewhere outside the audit log exactly as given (after the trimming and whitespace
 * tidying the schemas do on purpose): nothing stripped, escaped or cut.
 */
export async function expectStoredAsGiven(texts: string[], what: string): Promise<void> {
  if (texts.length === 0) return;
  const stored = new Set<string>();
  for (const table of await publicTables()) {
    if (table === "audit_log") continue;
    for (const row of rowsOf(await getDb().execute(sql`select * from ${sql.identifier(table)}`))) collectStrings(row, stored);
  }
  for (const text of texts) {
    const forms = [text, text.trim(), text.trim().replace(/\s+/g, " ")];
    expect(
      forms.some((f) => stored.has(f)),
      `${what}: ${JSON.stringify(text)} was accepted but not stored as given`,
    ).toBe(true);
  }
}

/** A refusal answers `{ error: { code, message } }` with a message a person can act on. */
export function expectErrorBody(body: unknown, what: string): void {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  expect(typeof error?.code, `${what}: error code in ${JSON.stringify(body)?.slice(0, 300)}`).toBe("string");
  expect(typeof error?.message === "string" && error.message.trim().length > 0, `${what}: error message in ${JSON.stringify(body)?.slice(0, 300)}`).toBe(true);
}
