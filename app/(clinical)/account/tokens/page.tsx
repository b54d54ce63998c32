import type { Metadata } from "next";
import { listApiTokens } from "@/db/queries/api-tokens";
import { CreateApiTokenForm } from "@/components/account/create-token-form";
import { TokenList } from "@/components/account/token-list";
import { requirePageAccess } from "@/lib/auth/guards";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const me = await requirePageAccess("/account/tokens");
  const tokens = await listApiTokens({ userId: me.id });
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">API tokens</h1>
      <p className="mb-6 max-w-3xl text-gray-800">
        A personal API token lets another program use the JSON API as you, with your role ({ROLE_LABELS[me.role]}); everything
        it changes is recorded as yours, made with that token. See the <a href="/api/docs" className="font-semibold text-nhs-blue underline">API documentation</a>.
      </p>
      <section aria-labelledby="create-heading" className="mb-8 max-w-xl rounded bg-white p-6 shadow">
        <h2 id="create-heading" className="mb-4 text-xl font-semibold">
          Create a token
        </h2>
        <CreateApiTokenForm action={createApiTokenAction} />
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-2 text-xl font-semibold">
          Your tokens
        </h2>
        <TokenList tokens={tokens} revoke={revokeApiTokenAction} />
      </section>
    </>
  );
}
