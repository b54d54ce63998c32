import { formatDateTime } from "@/lib/domain/time-format";
import type { ActionResult } from "@/lib/errors";
import { TokenRow } from "./token-row";

interface Props {
  tokens: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }[];
  revoke: (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;
}

/** The user's tokens, newest first, with times in London. Only the first characters of each are known. */
export function TokenList({ tokens, revoke }: Props) {
  if (tokens.length === 0) return <p>You have no API tokens.</p>;
  return (
    <div className="overflow-x-auto rounded bg-white shadow">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Your API tokens: name, first characters, when created and last used, and whether revoked</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className="p-3">Name</th>
            <th scope="col" className="p-3">Token</th>
            <th scope="col" className="p-3">Created</th>
            <th scope="col" className="p-3">Last used</th>
            <th scope="col" className="p-3">Status</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <TokenRow
              key={t.id}
              revoke={revoke}
              token={{
                id: t.id,
                name: t.name,
                prefix: t.prefix,
                created: formatDateTime(t.createdAt),
                lastUsed: t.lastUsedAt ? formatDateTime(t.lastUsedAt) : null,
                revoked: t.revokedAt ? formatDateTime(t.revokedAt) : null,
              }}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
