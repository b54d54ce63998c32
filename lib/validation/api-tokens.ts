import { z } from "zod";

/** A personal API token is named by its owner, to tell their tokens apart ("Ward dashboard", "Audit export"). */
export const createApiTokenInput = z.object({
  name: z
    .string({ error: "Enter a name for the token" })
    .trim()
    .min(1, "Enter a name for the token")
    .max(100, "The name must be at most 100 characters"),
});

export const revokeApiTokenInput = z.object({ id: z.uuid("No such token") });
