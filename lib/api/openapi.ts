import { z } from "zod";
import { can, ROUTE_ACCESS, type Access, type HttpMethod, type RoutePath } from "@/lib/auth/permissions";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { appendEventInput, createReferralInput, EVENT_DATA, listReferralsQuery, RECORDABLE_EVENT_TYPES } from "@/lib/validation/referrals";
import {
  dischargeBoardResponse,
  errorResponse,
  eventAppendedResponse,
  pathwaySettingsAnswer,
  referralDetailResponse,
  referralListResponse,
  waitingEscalationsResponse,
  worklistResponse,
} from "./schemas";
import { dischargeBoardQuery } from "@/lib/validation/discharge-board";
import { worklistQuery } from "@/lib/validation/worklist";
import { auditExportQuery, auditPeriodQuery } from "@/lib/validation/audit";
import { auditMetricsResponse } from "./audit";
import { fhirImportResponse, fhirReferralBundle } from "@/lib/fhir/import";

/**
 * The OpenAPI 3.1 document of the JSON API, built from the zod schemas that validate the requests
 * (lib/validation) and type the answers (lib/api/schemas.ts), so the document cannot drift from the code.
 * Who may call what comes from the permission matrix. A test checks that every route under /api/v1 is here.
 */

export type JsonSchema = Record<string, unknown>;

/** A request schema as a client sends it: before zod's transforms (coercions, defaults, preprocessing). */
export function requestJsonSchema(schema: z.ZodType): JsonSchema {
  return withoutDialect(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema);
}

function responseJsonSchema(schema: z.ZodType): JsonSchema {
  return withoutDialect(z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as JsonSchema);
}

// OpenAPI 3.1's own dialect is JSON Schema 2020-12, which zod writes: the per-schema marker is noise.
function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];
const DOCUMENTED_ERRORS = [400, 401, 403, 404, 409, 422] as const satisfies readonly ErrorStatus[];
type DocumentedError = (typeof DOCUMENTED_ERRORS)[number];

const ERROR_RESPONSES: Record<DocumentedError, { name: string; description: string }> = {
  400: { name: "ValidationError", description: "The request is not valid: `fields` names each problem by its path (`nhsNumber`, `data.doseMg`)." },
  401: { name: "Unauthenticated", description: "No session and no token, or the token is revoked, unknown or its user deactivated." },
  403: { name: "Forbidden", description: "The caller's role does not allow this (or a cross-site write with the session cookie)." },
  404: { name: "NotFound", description: "No such referral (a malformed id is not found either)." },
  409: { name: "Conflict", description: "The referral changed since `expectedVersion` (the message names who and when), or the patient already has an open referral." },
  422: { name: "Unprocessable", description: "Well formed but not allowed now: a time in the future or out of order, or a status change that is not a legal next step (the message names the allowed ones)." },
};

interface ApiResponse {
  description: string;
  schema?: z.ZodType;
  /** For answers that are not described by a zod schema (the document itself). */
  jsonSchema?: JsonSchema;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  /** Answers that are not JSON (CSV, server-sent events): the media type, described by `jsonSchema` if at all. */
  contentType?: string;
}

export interface ApiOperation {
  path: RoutePath;
  method: HttpMethod;
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  query?: z.ZodObject;
  /** Query parameters sent as one comma-separated value that the schema splits into a list. */
  commaSeparated?: readonly string[];
  body?: { schema: z.ZodType; example: unknown };
  responses: Partial<Record<200 | 201, ApiResponse>>;
  errors: readonly DocumentedError[];
  /** Extra schemas for a reader, by name (the data of each event type). */
  extensions?: Record<string, unknown>;
}

const ID_PARAMETER = { name: "id", in: "path", required: true, description: "The referral's id", schema: { type: "string", format: "uuid" } };

export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    path: "/api/v1/referrals",
    method: "GET",
    operationId: "listReferrals",
    tag: "Referrals",
    summary: "List referrals, with filters and paging",
    description: "Newest received first. `status` takes one status or several separated by commas; `active=true` keeps open referrals only. The NHS number may be typed with spaces.",
    query: listReferralsQuery,
    commaSeparated: ["status"],
    responses: { 200: { description: "A page of referrals and the total that match", schema: referralListResponse } },
    errors: [400, 401, 403],
  },
  {
    path: "/api/v1/referrals",
    method: "POST",
    operationId: "createReferral",
    tag: "Referrals",
    summary: "Take a new referral",
    description:
      "Only the patient's identity, the referrer and at least one symptom or neurological sign are required; what the minimum data set still lacks is listed in `missing`. The category is suggested from the neurology (any sign: suspected MSCC). `receivedAt` defaults to now. A patient with an open referral is refused with 409 naming it: add events to that one instead.",
    body: {
      schema: createReferralInput,
      example: {
        nhsNumber: "943 476 5919",
        givenName: "Margaret",
        familyName: "Jones",
        dateOfBirth: "1950-03-07",
        receivedAt: "2026-11-25T14:05:00Z",
        referrerName: "Dr Patel",
        referrerRole: "gp",
        referrerContact: "0161 000 0000",
        symptoms: ["severe_lower_back_pain", "limb_numbness_or_weakness"],
        neurology: ["limb_weakness"],
        neurologyOnsetAt: "2026-11-25T09:00:00Z",
        ambulatoryStatus: "walks_with_aid",
      },
    },
    responses: {
      201: {
        description: "The referral as created, with its clocks",
        schema: referralDetailResponse,
        headers: { Location: { description: "The new referral's URL in this API", schema: { type: "string" } } },
      },
    },
    errors: [400, 401, 403, 409],
  },
  {
    path: "/api/v1/referrals/[id]",
    method: "GET",
    operationId: "getReferral",
    tag: "Referrals",
    summary: "Read a referral with its patient, events and clocks",
    description:
      "Clocks are computed at the moment of the request, each against the target in force when it started. Durations are milliseconds; instants are ISO 8601 in UTC. Each read is written to the audit trail (who, when, which token); a 404 is not.",
    responses: { 200: { description: "The referral", schema: referralDetailResponse } },
    errors: [401, 403, 404],
  },
  {
    path: "/api/v1/referrals/[id]/events",
    method: "POST",
    operationId: "appendReferralEvent",
    tag: "Events",
    summary: "Record an event, or correct one",
    description:
      "Send the referral's `version` as `expectedVersion`: if someone changed it since, the event is refused with 409 naming them. `occurredAt` is when it happened (it may be entered later, never in the future, never before the referral was received). A correction is `type: \"correction\"` with `correctsEventId`; nothing is edited or deleted. Triaging and escalating need the coordinator's role. `data` depends on `type`: see x-event-data.",
    body: {
      schema: appendEventInput,
      example: { type: "triaged", occurredAt: "2026-11-25T14:20:00Z", expectedVersion: 1, data: { category: "suspected_mscc", advice: ["immobilisation", "dexamethasone"] } },
    },
    responses: { 201: { description: "The event was recorded; the referral's new version, status and clocks", schema: eventAppendedResponse } },
    errors: [400, 401, 403, 404, 409, 422],
    extensions: { "x-event-data": Object.fromEntries(RECORDABLE_EVENT_TYPES.map((type) => [type, requestJsonSchema(EVENT_DATA[type])])) },
  },
  {
    path: "/api/v1/settings/pathway",
    method: "GET",
    operationId: "getPathwaySettings",
    tag: "Settings",
    summary: "Read the pathway settings: targets, the at-risk fraction and their history",
    description: "Targets are minutes. A clock uses the version in force when it started, so the history is part of the answer.",
    responses: { 200: { description: "The settings now, every version, their sources and the defaults", schema: pathwaySettingsAnswer } },
    errors: [401, 403],
  },
  {
    path: "/api/v1/worklist",
    method: "GET",
    operationId: "getWorklist",
    tag: "Worklist",
    summary: "A page of the live worklist: active referrals, most urgent first",
    description:
      "The same query string as the worklist page's address, so a link and an API call show the same rows. Sorted, filtered and paged on the server. The default order (`sort=urgency`) puts breached referrals first (longest overrun first), then at-risk and running ones by time left, then the rest newest first; the `view` (default: the caller's role) puts untriaged referrals (coordinator) or those escalated to the caller and not acknowledged (registrar) on top, and the discharge view keeps the rehabilitation step only. `q` matches an NHS number with or without spaces, a name or a hospital number. `ward=1` answers with initials and the last 4 digits of the NHS number only. Each item carries its open clocks as instants, so a client can count down without asking again; `counts` are across every active referral, whatever the filters, so a filtered view can say what it hides.",
    query: worklistQuery,
    commaSeparated: ["category", "status", "clock"],
    responses: { 200: { description: "A page of the worklist, the number that match and the counts across all active referrals", schema: worklistResponse } },
    errors: [400, 401, 403],
  },
  {
    path: "/api/v1/worklist/stream",
    method: "GET",
    operationId: "streamWorklistChanges",
    tag: "Worklist",
    summary: "Server-sent events: which referrals changed",
    description:
      "Send `Accept: text/event-stream` (anything else is 406). Events: `ready` once listening; `referrals` with `{\"ids\": [...]}` for each committed change made by any app instance, or `{\"all\": true}` when changes may have been missed; `bye` before the server closes the stream after 5 minutes (reconnect: each new stream is checked against the session again). A comment line is sent every 15 s to keep the connection open. Ids only, never patient data: fetch the worklist again to see the change.",
    responses: { 200: { description: "An open event stream", contentType: "text/event-stream" } },
    errors: [401, 403],
  },
  {
    path: "/api/v1/escalations",
    method: "GET",
    operationId: "listMyWaitingEscalations",
    tag: "Worklist",
    summary: "The escalations waiting for the caller's acknowledgement",
    description:
      "What the alert on every page shows: escalations with the caller now (first or second line), those the caller had as first line that have gone to the second line, and, for registrars and coordinators, those that went on when nobody was on the second line. Deadline first. Acknowledge one by appending an `acknowledged` event with its `version`. Initials and the last 4 digits of the NHS number only.",
    responses: { 200: { description: "The escalations waiting, deadline first", schema: waitingEscalationsResponse } },
    errors: [401, 403],
  },
  {
    path: "/api/v1/worklist/export",
    method: "GET",
    operationId: "exportWorklistCsv",
    tag: "Worklist",
    summary: "The whole filtered worklist as CSV",
    description:
      "Every row matching the query (not one page), in the worklist's order, times in UK time (dd/MM/yyyy HH:mm, Europe/London). Each export is written to the audit trail with its filters and the referrals it contained.",
    query: worklistQuery,
    commaSeparated: ["category", "status", "clock"],
    responses: { 200: { description: "A CSV file (UTF-8 with a byte order mark, CRLF line ends)", contentType: "text/csv" } },
    errors: [400, 401, 403],
  },
  {
    path: "/api/v1/audit/metrics",
    method: "GET",
    operationId: "getAuditMetrics",
    tag: "Audit",
    summary: "The QS56 audit of a period: each measure as numerator and denominator, with the figures around them",
    description:
      "The same metrics the audit page shows, computed at the moment of the request by the worklist's clock engine. `period` is a month (`2026-11`), a quarter (`2026-Q4`) or `custom` with `from` and `to` (London calendar dates, both included); none: the current month. A clock counts in the period it started in; a clock still running is pending, not in the denominator; an unstopped clock past due is breached. Each measure lists the referral ids behind its numerator, denominator, breaches and pending. Durations are milliseconds; medians and 90th percentiles interpolate between the closest ranks (as PERCENTILE.INC).",
    query: auditPeriodQuery,
    responses: { 200: { description: "The audit of the period", schema: auditMetricsResponse } },
    errors: [400, 401, 403],
  },
  {
    path: "/api/v1/audit/export",
    method: "GET",
    operationId: "exportAuditCsv",
    tag: "Audit",
    summary: "The audit of a period as CSV: the measures, or the referral-level data set",
    description:
      "`dataset=measures` (the default): one row per QS56 measure. `dataset=referrals`: one row per referral any figure of the period counts, with every clock's start, due, stop, status and breach reason (referral ids, no patient identifiers). The period as for `/api/v1/audit/metrics`. Times in UK time (dd/MM/yyyy HH:mm, Europe/London), durations in hours. Each export is written to the audit trail with its period and the referrals it contained.",
    query: auditExportQuery,
    responses: { 200: { description: "A CSV file (UTF-8 with a byte order mark, CRLF line ends)", contentType: "text/csv" } },
    errors: [400, 401, 403],
  },
  {
    path: "/api/v1/discharge-board",
    method: "GET",
    operationId: "getDischargeBoard",
    tag: "Worklist",
    summary: "A page of the discharge board: every patient on the rehabilitation step and what blocks their discharge",
    description:
      "The same query string as the discharge board page's address. Sorted, filtered and paged on the server. The default order (`sort=priority`) puts patients who are medically fit and still blocked first (longest blocked first), then orders by expected discharge date. Blocked means equipment marked as blocking discharge has not been delivered, installed or cancelled, or a checklist item is still open (with no plan started, all are). `blocked` and `fit` take `yes` or `no`; `destination` one destination or several separated by commas (`none`: not decided); `q` matches an NHS number with or without spaces, a name or a hospital number. Days blocking, overdue and this week (today and the six days after) are judged in London. `ward=1` answers with initials and the last 4 digits of the NHS number only. Follow `/api/v1/worklist/stream` to know when to ask again.",
    query: dischargeBoardQuery,
    commaSeparated: ["destination"],
    responses: { 200: { description: "A page of the board, the number that match and the counts across the rehabilitation step", schema: dischargeBoardResponse } },
    errors: [400, 401, 403],
  },
  {
    path: "/api/v1/referrals/[id]/fhir",
    method: "GET",
    operationId: "exportReferralFhir",
    tag: "FHIR",
    summary: "A referral as a FHIR R4 Bundle (UK Core)",
    description:
      "A `collection` Bundle (`application/fhir+json`): the Patient (UK Core, NHS number `https://fhir.nhs.uk/Id/nhs-number`), the referral as a ServiceRequest, the referrer as a PractitionerRole, a Task per clock (businessStatus the clock's status, restriction.period.end its due instant), Observations for the referral's facts, neurology and scores, a MedicationAdministration per dose of dexamethasone, ImagingStudy and DiagnosticReport for imaging, Procedure, CarePlan and Encounter for the other clinical events, and a Provenance per recorded event. Corrections are applied. Entries refer to each other by `urn:uuid:` fullUrl. Each export is written to the audit trail.",
    responses: { 200: { description: "The FHIR R4 Bundle", contentType: "application/fhir+json", jsonSchema: { type: "object" } } },
    errors: [401, 403, 404],
  },
  {
    path: "/api/v1/fhir/import",
    method: "POST",
    operationId: "importReferralFhir",
    tag: "FHIR",
    summary: "Take a referral from a FHIR R4 ServiceRequest Bundle",
    description:
      "The Bundle's referral (the ServiceRequest without basedOn, its Patient and requester) goes through the same validation as the referral form, and its clinical events (triage, dexamethasone, imaging, decisions, treatment started, admission, assessments, scores) through the same rules as the events API, recorded by the caller (whose role must allow each). A refusal lists every problem in `fields` by FHIR path, e.g. `Bundle.entry[0].resource.identifier[0].value`; nothing is written. A patient with an open referral is refused with 409. With the session cookie send `Content-Type: application/json`; with a token `application/fhir+json` is accepted too.",
    body: { schema: fhirReferralBundle, example: { resourceType: "Bundle", type: "collection", entry: [{ fullUrl: "urn:uuid:0b6e1a57-8c1e-4a8e-9d3b-2f4c5d6e7f80", resource: { resourceType: "Patient" } }] } },
    responses: {
      201: {
        description: "The new referral's id",
        schema: fhirImportResponse,
        headers: { Location: { description: "The new referral's URL in this API", schema: { type: "string" } } },
      },
    },
    errors: [400, 401, 403, 409, 422],
  },
  {
    path: "/api/v1/openapi.json",
    method: "GET",
    operationId: "getOpenApiDocument",
    tag: "Documentation",
    summary: "This document",
    description: "The OpenAPI 3.1 document of this API. A readable version is at /api/docs.",
    responses: { 200: { description: "The OpenAPI document", jsonSchema: { type: "object" } } },
    errors: [],
  },
];

/** Every documented route and method, to compare with the route handlers under /api/v1 in ROUTE_ACCESS. */
export const DOCUMENTED_ROUTES: readonly { path: RoutePath; method: HttpMethod }[] = API_OPERATIONS.map(({ path, method }) => ({ path, method }));

/** "/api/v1/referrals/[id]" as an OpenAPI path template: "/api/v1/referrals/{id}". */
export function openApiPath(path: string): string {
  return path.replace(/\[([^\]]+)\]/g, "{$1}");
}

function accessOf(op: ApiOperation): Access {
  return (ROUTE_ACCESS[op.path] as Partial<Record<HttpMethod, Access>>)[op.method] as Access;
}

/** Who may call it, in words, from the permission matrix. */
export function accessDescription(access: Access): string {
  switch (access.kind) {
    case "public":
      return "Public: no sign-in needed.";
    case "signed_in":
      return "Any signed-in user or API token.";
    case "permission": {
      const roles = ROLES.filter((r) => can(r, access.permission)).map((r) => ROLE_LABELS[r]);
      return `Needs the permission ${access.permission}: ${roles.join(", ")}.`;
    }
    case "any_permission": {
      const roles = ROLES.filter((r) => access.permissions.some((p) => can(r, p))).map((r) => ROLE_LABELS[r]);
      return `Needs one of the permissions ${access.permissions.join(", ")}: ${roles.join(", ")}. Each event type then needs its own (see x-event-data).`;
    }
  }
}

function queryParameters(op: ApiOperation) {
  if (!op.query) return [];
  const schema = requestJsonSchema(op.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const comma = op.commaSeparated?.includes(name) ?? false;
    return {
      name,
      in: "query",
      required: schema.required?.includes(name) ?? false,
      ...(comma ? { style: "form", explode: false, description: "One value, or several separated by commas" } : {}),
      schema: property,
    };
  });
}

function operationObject(op: ApiOperation) {
  const access = accessOf(op);
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(op.responses)) {
    const schema = response.schema ? responseJsonSchema(response.schema) : response.jsonSchema;
    responses[status] = {
      description: response.description,
      ...(response.headers ? { headers: response.headers } : {}),
      ...(schema || response.contentType ? { content: { [response.contentType ?? "application/json"]: { schema: schema ?? { type: "string" } } } } : {}),
    };
  }
  for (const status of op.errors) responses[String(status)] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
  const parameters = [...(op.path.includes("[id]") ? [ID_PARAMETER] : []), ...queryParameters(op)];
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    "x-access": accessDescription(access),
    ...(access.kind === "public" ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: requestJsonSchema(op.body.schema), example: op.body.example } } } }
      : {}),
    responses,
    ...op.extensions,
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) (paths[openApiPath(op.path)] ??= {})[op.method.toLowerCase()] = operationObject(op);
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "MSCC Escalation Dashboard API",
      version: "1.0.0",
      description: [
        "Referrals for metastatic spinal cord compression, their events and pathway clocks.",
        "Authenticate with a personal API token (`Authorization: Bearer mscc_...`, created on the API tokens page of the app) or the browser session. A token acts with its user's current role; every change made with it is audited as made through it.",
        "Instants are ISO 8601 with a zone (`2026-11-25T14:05:00Z`); answers give them in UTC. Durations are milliseconds. NHS numbers may be sent with spaces and come back as ten digits.",
        "Errors are `{ error: { code, message, fields? } }` with the HTTP status of their code.",
      ].join("\n\n"),
    },
    tags: [
      { name: "Referrals", description: "Taking, finding and reading referrals" },
      { name: "Worklist", description: "The live worklist, its change stream and its export" },
      { name: "Events", description: "Everything that happens to a referral, appended" },
      { name: "Settings", description: "The pathway's targets" },
      { name: "Audit", description: "The QS56 audit: its measures and their exports" },
      { name: "Documentation", description: "This document" },
    ],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token, shown once when created in the app (Account, API tokens); revoked there." },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The browser session (`__Secure-next-auth.session-token` over HTTPS). Writes with it must send Content-Type: application/json from this site.",
        },
      },
      schemas: { Error: responseJsonSchema(errorResponse) },
      responses: Object.fromEntries(
        DOCUMENTED_ERRORS.map((status) => [
          ERROR_RESPONSES[status].name,
          { description: ERROR_RESPONSES[status].description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
    },
  };
}
