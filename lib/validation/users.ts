import { z } from "zod";
import { PASSWORD_MIN_LENGTH_VALUE } from "./constants";
import { ROLES } from "@/lib/auth/roles";
import { normaliseEmail } from "./email";

const trimmed = (max: number, label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .max(max, `The ${label} must be at most ${max} characters`);

export const roleSchema = z.enum(ROLES, { error: "Choose a role" });

export const createUserInput = z.object({
  email: trimmed(320, "email address").pipe(z.email("Enter an email address like name@nhs.net")).transform(normaliseEmail),
  name: trimmed(200, "name"),
  role: roleSchema,
  password: z
    .string({ error: "Enter a password" })
    .min(PASSWORD_MIN_LENGTH_VALUE, `The password must be at least ${PASSWORD_MIN_LENGTH_VALUE} characters`)
    .max(1024, "The password must be at most 1024 characters"),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

const version = z.coerce.number({ error: "Missing version" }).int().positive("Missing version");
const userId = z.uuid("No such user");

export const changeUserRoleInput = z.object({ id: userId, version, role: roleSchema });

export const setUserActiveInput = z.object({
  id: userId,
  version,
  active: z.enum(["true", "false"], { error: "Say whether the account is active" }).transform((v) => v === "true"),
});
