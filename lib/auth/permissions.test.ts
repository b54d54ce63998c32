import { describe, expect, it } from "vitest";
import {
  NAVIGATION,
  PAGE_ACCESS,
  PERMISSIONS,
  PUBLIC,
  ROUTE_ACCESS,
  SIGNED_IN,
  type Access,
  type Permission,
  can,
  isAllowed,
  navigationFor,
  needs,
  permissionForEvent,
  permissionsOf,
} from "./permissions";
import { ROLES, type Role } from "./roles";

const ALLOWED: Record<Role, Permission[]> = {
  coordinator: [
    "worklist:view",
    "discharge:view",
    "audit:view",
    "settings:view",
    "referral:view",
    "referral:create",
    "referral:triage",
    "referral:record_event",
    "referral:acknowledge",
    "rota:manage",
    "rehab:manage",
    "tokens:manage",
  ],
  registrar: ["worklist:view", "settings:view", "referral:view", "referral:create", "referral:record_event", "referral:acknowledge", "tokens:manage"],
  discharge: ["worklist:view", "discharge:view", "settings:view", "referral:view", "rehab:manage", "tokens:manage"],
  admin: ["worklist:view", "discharge:view", "audit:view", "users:manage", "settings:manage", "settings:view", "referral:view", "rota:manage", "webhooks:manage", "tokens:manage", "audit_trail:view"],
};
const MATRIX = Object.fromEntries(
  ROLES.map((role) => [role, Object.fromEntries(PERMISSIONS.map((p) => [p, ALLOWED[role].includes(p)]))]),
) as Record<Role, Record<Permission, boolean>>;

describe("the permission matrix", () => {
  it("covers every role and permission", () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ROLES].sort());
    expect([...PERMISSIONS].sort()).toEqual([...new Set(Object.values(ALLOWED).flat())].sort());
  });

  it.each(ROLES.flatMap((role) => PERMISSIONS.map((permission) => ({ role, permission, allowed: MATRIX[role][permission] }))))(
    "$role $permission -> $allowed",
    ({ role, permission, allowed }) => {
      expect(can(role, permission)).toBe(allowed);
      expect(isAllowed(needs(permission), role)).toBe(allowed);
    },
  );

  it.each(ROLES.map((role) => ({ role })))("permissionsOf($role)", ({ role }) => {
    expect([...permissionsOf(role)].sort()).toEqual([...ALLOWED[role]].sort());
  });

  it("only admin may manage users", () => {
    expect(ROLES.filter((role) => can(role, "users:manage"))).toEqual(["admin"]);
  });
});

describe("navigationFor", () => {
  it.each([
    { role: "coordinator", labels: ["Worklist", "Discharge", "Audit", "Rota"], hrefs: ["/worklist", "/discharge", "/audit", "/admin/rota"] },
    { role: "registrar", labels: ["Worklist"], hrefs: ["/worklist"] },
    { role: "discharge", labels: ["Worklist", "Discharge"], hrefs: ["/worklist", "/discharge"] },
    { role: "admin", labels: ["Worklist", "Discharge", "Audit", "Rota", "Admin"], hrefs: ["/worklist", "/discharge", "/audit", "/admin/rota", "/admin/users"] },
  ] as const)("$role sees $labels", ({ role, labels, hrefs }) => {
    const items = navigationFor(role);
    expect(items.map((i) => i.label)).toEqual(labels);
    expect(items.map((i) => i.href)).toEqual(hrefs);
  });
});

describe("isAllowed", () => {
  it.each([
    { name: "public, signed out", access: PUBLIC, role: null, allowed: true },
    { name: "signed in, signed out", access: SIGNED_IN, role: null, allowed: false },
    ...PERMISSIONS.map((permission) => ({ name: `${permission}, signed out`, access: needs(permission), role: null, allowed: false })),
    ...ROLES.map((role) => ({ name: `public, ${role}`, access: PUBLIC, role, allowed: true })),
    ...ROLES.map((role) => ({ name: `signed in, ${role}`, access: SIGNED_IN, role, allowed: true })),
  ] as { name: string; access: Access; role: Role | null; allowed: boolean }[])("$name -> $allowed", ({ access, role, allowed }) => {
    expect(isAllowed(access, role)).toBe(allowed);
  });

  it("needs() builds a permission access", () => {
    expect(needs("audit:view")).toEqual({ kind: "permission", permission: "audit:view" });
  });
});

describe("PAGE_ACCESS, ROUTE_ACCESS and NAVIGATION", () => {
  it.each(NAVIGATION.map((item) => ({ ...item })))("navigation $label ($href) is a page in PAGE_ACCESS", ({ href }) => {
    expect(Object.keys(PAGE_ACCESS)).toContain(href);
  });

  it("the navigation is exactly these five, in order", () => {
    expect(NAVIGATION.map((i) => [i.href, i.label])).toEqual([
      ["/worklist", "Worklist"],
      ["/discharge", "Discharge"],
      ["/audit", "Audit"],
      ["/admin/rota", "Rota"],
      ["/admin/users", "Admin"],
    ]);
  });

  it.each([
    { path: "/", access: SIGNED_IN },
    { path: "/signin", access: PUBLIC },
    { path: "/worklist", access: needs("worklist:view") },
    { path: "/discharge", access: needs("discharge:view") },
    { path: "/audit", access: needs("audit:view") },
    { path: "/admin/users", access: needs("users:manage") },
  ] as const)("page $path", ({ path, access }) => {
    expect(PAGE_ACCESS[path]).toEqual(access);
  });

  it("lists exactly the known pages and routes", () => {
    expect(Object.keys(PAGE_ACCESS).sort()).toEqual([
      "/",
      "/account/tokens",
      "/admin/audit-trail",
      "/admin/rota",
      "/admin/settings",
      "/admin/users",
      "/admin/webhooks",
      "/audit",
      "/audit/referrals",
      "/discharge",
      "/patient-sheet",
      "/referrals/[id]",
      "/referrals/[id]/discharge-summary",
      "/referrals/[id]/patient-sheet",
      "/referrals/new",
      "/signin",
      "/status/[token]",
      "/worklist",
      "/worklist/handover",
    ]);
    for (const path of ["/api/v1/worklist", "/api/v1/worklist/stream", "/api/v1/worklist/export"] as const) {
      expect(ROUTE_ACCESS[path]).toEqual({ GET: needs("worklist:view") });
    }
    expect(ROUTE_ACCESS["/api/health"]).toEqual({ GET: PUBLIC });
    expect(ROUTE_ACCESS["/api/auth/[...nextauth]"]).toEqual({ GET: PUBLIC, POST: PUBLIC });
    expect(ROUTE_ACCESS["/api/v1/referrals"]).toEqual({ GET: needs("referral:view"), POST: needs("referral:create") });
    expect(ROUTE_ACCESS["/api/v1/escalations"]).toEqual({ GET: needs("referral:acknowledge") });
    expect(PAGE_ACCESS["/status/[token]"]).toEqual(PUBLIC);
  });
});

describe("clinical permissions (issue 3)", () => {
  it("only the coordinator triages; coordinator and registrar take referrals and record events; nobody else does", () => {
    expect(ROLES.filter((r) => can(r, "referral:triage"))).toEqual(["coordinator"]);
    expect(ROLES.filter((r) => can(r, "referral:create"))).toEqual(["coordinator", "registrar"]);
    expect(ROLES.filter((r) => can(r, "referral:record_event"))).toEqual(["coordinator", "registrar"]);
    expect(ROLES.filter((r) => can(r, "referral:view"))).toEqual([...ROLES]);
  });
});

describe("rehabilitation permissions (issue 6)", () => {
  it("the discharge team and the coordinator plan rehabilitation and discharge; the discharge team records no clinical event", () => {
    expect(ROLES.filter((r) => can(r, "rehab:manage"))).toEqual(["coordinator", "discharge"]);
    expect(can("discharge", "referral:record_event")).toBe(false);
    expect(can("discharge", "referral:triage")).toBe(false);
  });
});

describe("escalation and rota permissions (issue 5)", () => {
  it("registrars and coordinators acknowledge (the server also checks it is theirs); coordinators and admins keep the rota; only admins set the webhook", () => {
    expect(ROLES.filter((r) => can(r, "referral:acknowledge"))).toEqual(["coordinator", "registrar"]);
    expect(ROLES.filter((r) => can(r, "rota:manage"))).toEqual(["coordinator", "admin"]);
    expect(ROLES.filter((r) => can(r, "webhooks:manage"))).toEqual(["admin"]);
  });
});

describe("audit permissions (issues 7 and 8)", () => {
  it("coordinators and admins see the QS56 audit; only admins read the audit trail of who did and looked at what", () => {
    expect(ROLES.filter((r) => can(r, "audit:view"))).toEqual(["coordinator", "admin"]);
    expect(ROLES.filter((r) => can(r, "audit_trail:view"))).toEqual(["admin"]);
    expect(PAGE_ACCESS["/audit/referrals"]).toEqual(needs("audit:view"));
    expect(ROUTE_ACCESS["/api/v1/referrals/[id]/fhir"]).toEqual({ GET: needs("referral:view") });
    expect(ROUTE_ACCESS["/api/v1/fhir/import"]).toEqual({ POST: needs("referral:create") });
  });
});

describe("permissionForEvent", () => {
  it.each([
    ["triaged", "referral:triage"],
    ["escalated", "referral:triage"],
    ["imaging_performed", "referral:record_event"],
    ["breach_reason", "referral:record_event"],
    ["correction", "referral:record_event"],
    ["acknowledged", "referral:acknowledge"],
    ["physiotherapy_assessed", "rehab:manage"],
    ["occupational_therapy_assessed", "rehab:manage"],
    ["discharged", "rehab:manage"],
  ] as const)("%s needs %s", (type, permission) => {
    expect(permissionForEvent(type)).toBe(permission);
  });
});
