"use server";

import { createUser, updateUser } from "@/db/mutations/users";
import { hashPassword } from "@/lib/auth/passwords";
import { defineAction } from "@/lib/server/action";
import { changeUserRoleInput, createUserInput, setUserActiveInput } from "@/lib/validation/users";

const revalidate = ["/admin/users"];

export const createUserAction = defineAction({
  name: "user.create",
  permission: "users:manage",
  input: createUserInput,
  successMessage: "User created. Give them their password by a secure route; they can sign in now.",
  revalidate,
  prepare: (input) => hashPassword(input.password),
  run: ({ tx, user, input, prepared: passwordHash }) => createUser(tx, { actorId: user.id, email: input.email, name: input.name, role: input.role, passwordHash }),
});

export const changeUserRoleAction = defineAction({
  name: "user.change_role",
  permission: "users:manage",
  input: changeUserRoleInput,
  successMessage: "Role changed. It applies from their next click.",
  revalidate,
  run: ({ tx, user, input }) => updateUser(tx, { actorId: user.id, id: input.id, expectedVersion: input.version, changes: { role: input.role } }),
});

export const setUserActiveAction = defineAction({
  name: "user.set_active",
  permission: "users:manage",
  input: setUserActiveInput,
  successMessage: "Account updated.",
  revalidate,
  run: ({ tx, user, input }) => updateUser(tx, { actorId: user.id, id: input.id, expectedVersion: input.version, changes: { active: input.active } }),
});
