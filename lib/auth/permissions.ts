import type { Role } from "./roles";

/**
 * The permission matrix: what each role may do. The one place access is decided; every page, server action
 * and route handler asks it through the guards in lib/auth/guards.ts and lib/server.
 */
export const PERMISSIONS = ["worklist:view", "discharge:view", "audit:view", "users:manage"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Record<Role, readonly Permission[]> = {
  coordinator: ["worklist:view", "discharge:view", "audit:view"],
  registrar: ["worklist:view"],
  discharge: ["worklist:view", "discharge:view"],
  admin: ["worklist:view", "discharge:view", "audit:view", "users:manage"],
};

export function can(role: Role, permission: Permission): boolean {
  return MATRIX[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return MATRIX[role];
}

/** Who may reach a page or route: anyone, any signed-in user, or a user whose role has the permission. */
export type Access = { kind: "public" } | { kind: "signed_in" } | { kind: "permission"; permission: Permission };

export const PUBLIC: Access = { kind: "public" };
export const SIGNED_IN: Access = { kind: "signed_in" };
export const needs = (permission: Permission): Access => ({ kind: "permission", permission });

/**
 * Every page and route handler in app/, by URL. A test walks app/ and fails when a file is missing here (or
 * here but not in app/), and the browser suite requests each one as every role and as a signed-out visitor.
 */
export const PAGE_ACCESS = {
  "/": SIGNED_IN,
  "/signin": PUBLIC,
  "/worklist": needs("worklist:view"),
  "/discharge": needs("discharge:view"),
  "/audit": needs("audit:view"),
  "/admin/users": needs("users:manage"),
} as const satisfies Record<string, Access>;

export const ROUTE_ACCESS = {
  "/api/health": PUBLIC,
  // next-auth's own endpoints (sign-in, callback, session, sign-out, csrf).
  "/api/auth/[...nextauth]": PUBLIC,
} as const satisfies Record<string, Access>;

export type PagePath = keyof typeof PAGE_ACCESS;

export function isAllowed(access: Access, role: Role | null): boolean {
  switch (access.kind) {
    case "public":
      return true;
    case "signed_in":
      return role !== null;
    case "permission":
      return role !== null && can(role, access.permission);
  }
}

/** The navigation, filtered by role on the server. */
export const NAVIGATION: readonly { href: PagePath; label: string }[] = [
  { href: "/worklist", label: "Worklist" },
  { href: "/discharge", label: "Discharge" },
  { href: "/audit", label: "Audit" },
  { href: "/admin/users", label: "Admin" },
];

export function navigationFor(role: Role): { href: PagePath; label: string }[] {
  return NAVIGATION.filter((item) => isAllowed(PAGE_ACCESS[item.href], role));
}
