import type { Role } from "./roles";

/**
 * The permission matrix: what each role may do. The one place access is decided; every page, server action
 * and route handler asks it through the guards in lib/auth/guards.ts and lib/server.
 */
export const PERMISSIONS = [
  "worklist:view",
  "discharge:view",
  "audit:view",
  "users:manage",
  "settings:manage",
  "settings:view",
  "referral:view",
  "referral:create",
  "referral:triage",
  "referral:record_event",
  "tokens:manage",
  "rota:manage",
  "webhooks:manage",
  "referral:acknowledge",
  "rehab:manage",
  "audit_trail:view",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Everyone may read referrals and the settings their clocks use, and keep their own API tokens.
const EVERYONE: readonly Permission[] = ["worklist:view", "referral:view", "settings:view", "tokens:manage"];

const MATRIX: Record<Role, readonly Permission[]> = {
  // Intake "for the coordinator (and registrar)"; triage is the coordinator's (issue 3).
  // Coordinators keep the on-call rota with the administrators (issue 5) and may stand on its second line.
  coordinator: [...EVERYONE, "discharge:view", "audit:view", "referral:create", "referral:triage", "referral:record_event", "referral:acknowledge", "rota:manage", "rehab:manage"],
  registrar: [...EVERYONE, "referral:create", "referral:record_event", "referral:acknowledge"],
  // The discharge team plans rehabilitation, equipment and discharge, and records no clinical decision (issue 6).
  discharge: [...EVERYONE, "discharge:view", "rehab:manage"],
  // Administrators run the service; they do not make clinical entries.
  // The audit trail (who did and who looked at what) is the administrators' alone (issue 8).
  admin: [...EVERYONE, "discharge:view", "audit:view", "users:manage", "settings:manage", "rota:manage", "webhooks:manage", "audit_trail:view"],
};

export function can(role: Role, permission: Permission): boolean {
  return MATRIX[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return MATRIX[role];
}

/** Who may reach a page or route: anyone, any signed-in user, or a user whose role has the permission. */
export type Access =
  | { kind: "public" }
  | { kind: "signed_in" }
  | { kind: "permission"; permission: Permission }
  | { kind: "any_permission"; permissions: readonly Permission[] };

export const PUBLIC: Access = { kind: "public" };
export const SIGNED_IN: Access = { kind: "signed_in" };
export const needs = (permission: Permission): Access => ({ kind: "permission", permission });
/** Any one of these: for a route whose handler then checks the permission its input needs (permissionForEvent). */
export const needsAny = (...permissions: Permission[]): Access => ({ kind: "any_permission", permissions });

/**
 * Every page and route handler in app/, by URL. A test walks app/ and fails when a file is missing here (or
 * here but not in app/), and the browser suite requests each one as every role and as a signed-out visitor.
 */
export const PAGE_ACCESS = {
  "/": SIGNED_IN,
  "/signin": PUBLIC,
  "/worklist": needs("worklist:view"),
  "/worklist/handover": needs("worklist:view"),
  "/discharge": needs("discharge:view"),
  "/audit": needs("audit:view"),
  // The referrals behind one audit number (issue 7).
  "/audit/referrals": needs("audit:view"),
  "/admin/audit-trail": needs("audit_trail:view"),
  "/admin/users": needs("users:manage"),
  "/admin/settings": needs("settings:manage"),
  "/admin/rota": needs("rota:manage"),
  "/admin/webhooks": needs("webhooks:manage"),
  // The referrer's read-only status page: the unguessable token is the access (issue 5, item 7).
  "/status/[token]": PUBLIC,
  "/referrals/new": needs("referral:create"),
  "/referrals/[id]": needs("referral:view"),
  // Printable: the patient information sheet (for a patient, and blank) and the discharge summary (issue 6).
  "/referrals/[id]/patient-sheet": needs("referral:view"),
  "/referrals/[id]/discharge-summary": needs("referral:view"),
  "/patient-sheet": needs("referral:view"),
  "/account/tokens": needs("tokens:manage"),
} as const satisfies Record<string, Access>;

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Route handlers by path and method: each method a handler exports must be declared here. */
export const ROUTE_ACCESS = {
  "/api/health": { GET: PUBLIC },
  // next-auth's own endpoints (sign-in, callback, session, sign-out, csrf).
  "/api/auth/[...nextauth]": { GET: PUBLIC, POST: PUBLIC },
  "/api/docs": { GET: PUBLIC },
  "/api/v1/openapi.json": { GET: PUBLIC },
  "/api/v1/referrals": { GET: needs("referral:view"), POST: needs("referral:create") },
  "/api/v1/referrals/[id]": { GET: needs("referral:view") },
  // Appending and correcting events: anyone who records some kind of event; the handler then checks the
  // permission of the event's type (permissionForEvent), so the discharge team records only rehabilitation steps.
  "/api/v1/referrals/[id]/events": { POST: needsAny("referral:record_event", "referral:triage", "referral:acknowledge", "rehab:manage") },
  "/api/v1/settings/pathway": { GET: needs("settings:view") },
  "/api/v1/worklist": { GET: needs("worklist:view") },
  "/api/v1/worklist/stream": { GET: needs("worklist:view") },
  "/api/v1/worklist/export": { GET: needs("worklist:view") },
  // The escalations waiting for the signed-in user's acknowledgement, for the alert on every page.
  "/api/v1/escalations": { GET: needs("referral:acknowledge") },
  // The discharge board's rows, for its live refresh (issue 6).
  "/api/v1/discharge-board": { GET: needs("discharge:view") },
  // The QS56 audit: its measures as JSON, and the measures or the referral-level data set as CSV (issue 7).
  "/api/v1/audit/metrics": { GET: needs("audit:view") },
  "/api/v1/audit/export": { GET: needs("audit:view") },
  // FHIR R4 (UK Core): one referral out as a Bundle, and a ServiceRequest Bundle in as a new referral (issue 7).
  "/api/v1/referrals/[id]/fhir": { GET: needs("referral:view") },
  "/api/v1/fhir/import": { POST: needs("referral:create") },
} as const satisfies Record<string, Partial<Record<HttpMethod, Access>>>;

export type RoutePath = keyof typeof ROUTE_ACCESS;
export type RouteMethod<P extends RoutePath> = keyof (typeof ROUTE_ACCESS)[P] & HttpMethod;

export function routeAccess<P extends RoutePath>(path: P, method: RouteMethod<P>): Access {
  return (ROUTE_ACCESS[path] as Partial<Record<HttpMethod, Access>>)[method] as Access;
}

export type PagePath = keyof typeof PAGE_ACCESS;

export function isAllowed(access: Access, role: Role | null): boolean {
  switch (access.kind) {
    case "public":
      return true;
    case "signed_in":
      return role !== null;
    case "permission":
      return role !== null && can(role, access.permission);
    case "any_permission":
      return role !== null && access.permissions.some((p) => can(role, p));
  }
}

/** The navigation, filtered by role on the server. */
export const NAVIGATION: readonly { href: PagePath; label: string }[] = [
  { href: "/worklist", label: "Worklist" },
  { href: "/discharge", label: "Discharge" },
  { href: "/audit", label: "Audit" },
  { href: "/admin/rota", label: "Rota" },
  { href: "/admin/users", label: "Admin" },
];

export function navigationFor(role: Role): { href: PagePath; label: string }[] {
  return NAVIGATION.filter((item) => isAllowed(PAGE_ACCESS[item.href], role));
}

/**
 * The permission an event needs: triaging and escalating are the coordinator's (issue 3, item 3); everything
 * else clinical is recorded by the coordinator or the registrar. Used by the API and the forms alike.
 */
export function permissionForEvent(type: string): Permission {
  if (type === "acknowledged") return "referral:acknowledge";
  // Rehabilitation steps are the discharge team's (and the coordinator's); never a clinical decision.
  if (type === "physiotherapy_assessed" || type === "occupational_therapy_assessed" || type === "discharged") return "rehab:manage";
  return type === "triaged" || type === "escalated" ? "referral:triage" : "referral:record_event";
}
