import type { Role } from "@/lib/auth/roles";

// The demo users the server seeds (db/seed.ts); the browser suite signs in as them.
export const DEMO: Record<Role, { email: string; password: string; name: string }> = {
  coordinator: { email: "coordinator@mscc.test", password: "demo-coordinator-2026", name: "Aisha Khan" },
  registrar: { email: "registrar@mscc.test", password: "demo-registrar-2026", name: "Dr James Okoro" },
  discharge: { email: "discharge@mscc.test", password: "demo-discharge-2026", name: "Grace Mensah" },
  admin: { email: "admin@mscc.test", password: "demo-admin-2026", name: "Robert Hughes" },
};

export const storageStateFor = (role: Role) => `test-results/.auth/${role}.json`;
