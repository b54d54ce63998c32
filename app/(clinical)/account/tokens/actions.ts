"use server";

import { createApiToken, revokeApiToken } from "@/db/mutations/api-tokens";
import { generateApiToken } from "@/lib/auth/api-tokens";
import { defineAction } from "@/lib/server/action";
import { createApiTokenInput, revokeApiTokenInput } from "@/lib/validation/api-tokens";

const revalidate = ["/account/tokens"];

/** The token itself is in this result and nowhere else: only its hash is stored, so it cannot be shown again. */
export const createApiTokenAction = defineAction({
  name: "api_token.create",
  permission: "tokens:manage",
  input: createApiTokenInput,
  revalidate,
  prepare: async () => generateApiToken(),
  run: async ({ tx, user, input, prepared }) => {
    const { id } = await createApiToken(tx, { userId: user.id, name: input.name, tokenHash: prepared.tokenHash, prefix: prepared.prefix });
    return { id, name: input.name, token: prepared.token };
  },
});

/** Revokes one of the caller's own tokens; it stops working at once. */
export const revokeApiTokenAction = defineAction({
  name: "api_token.revoke",
  permission: "tokens:manage",
  input: revokeApiTokenInput,
  successMessage: "Token revoked: it no longer works.",
  revalidate,
  run: async ({ tx, user, input }) => {
    await revokeApiToken(tx, { userId: user.id, tokenId: input.id });
    return { id: input.id };
  },
});
