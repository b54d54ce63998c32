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
  permissionsOf,
} from "./permissions";
import { ROLES, type Role } from "./roles";

const MATRIX: Record<Role, Record<Permission, boolean>> = {
  coordinator: { "worklist:view": true, "discharge:view": true, "audit:view": true, "users:manage": false },
  registrar: { "worklist:view": true, "discharge:view": false, "audit:view": false, "users:manage": false },
  discharge: { "worklist:view": true, "discharge:view": true, "audit:view": false, "users:manage": false },
  admin: { "worklist:view": true, "discharge:view": true, "audit:view": true, "users:manage": true },
};

describe("the permission matrix", () => {
  it("covers every role and permission", () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ROLES].sort());
    expect([...PERMISSIONS]).toEqual(["worklist:view", "discharge:view", "audit:view", "users:manage"]);
  });

  it.each(ROLES.flatMap((role) => PERMISSIONS.map((permission) => ({ role, permission, allowed: MATRIX[role][permission] }))))(
    "$role $permission -> $allowed",
    ({ role, permission, allowed }) => {
      expect(can(role, permission)).toBe(allowed);
      expect(isAllowed(needs(permission), role)).toBe(allowed);
    },
  );

  it.each([
    { role: "coordinator", permissions: ["worklist:view", "discharge:view", "audit:view"] },
    { role: "registrar", permissions: ["worklist:view"] },
    { role: "discharge", permissions: ["worklist:view", "discharge:view"] },
    { role: "admin", permissions: ["worklist:view", "discharge:view", "audit:view", "users:manage"] },
  ] as const)("permissionsOf($role)", ({ role, permissions }) => {
    expect(permissionsOf(role)).toEqual(permissions);
  });

  it("only admin may manage users", () => {
    expect(ROLES.filter((role) => can(role, "users:manage"))).toEqual(["admin"]);
  });
});

describe("navigationFor", () => {
  it.each([
    { role: "coordinator", labels: ["Worklist", "Discharge", "Audit"], hrefs: ["/worklist", "/discharge", "/audit"] },
    { role: "registrar", labels: ["Worklist"], hrefs: ["/worklist"] },
    { role: "discharge", labels: ["Worklist", "Discharge"], hrefs: ["/worklist", "/discharge"] },
    { role: "admin", labels: ["Worklist", "Discharge", "Audit", "Admin"], hrefs: ["/worklist", "/discharge", "/audit", "/admin/users"] },
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

  it("the navigation is exactly these four, in order", () => {
    expect(NAVIGATION.map((i) => [i.href, i.label])).toEqual([
      ["/worklist", "Worklist"],
      ["/discharge", "Discharge"],
      ["/audit", "Audit"],
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
    expect(Object.keys(PAGE_ACCESS).sort()).toEqual(["/", "/admin/users", "/audit", "/discharge", "/signin", "/worklist"]);
    expect(ROUTE_ACCESS).toEqual({ "/api/health": PUBLIC, "/api/auth/[...nextauth]": PUBLIC });
  });
});
