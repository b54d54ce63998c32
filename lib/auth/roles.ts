export const ROLES = ["coordinator", "registrar", "discharge", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  coordinator: "MSCC coordinator",
  registrar: "On-call registrar",
  discharge: "Discharge team",
  admin: "Administrator",
};
