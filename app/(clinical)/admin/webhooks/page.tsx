import type { Metadata } from "next";
import { getWebhookUrl, listWebhookDeliveries } from "@/db/queries/webhooks";
import { WEBHOOK_MAX_ATTEMPTS } from "@/db/mutations/webhooks";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { WebhookDeliveries } from "@/components/admin/webhook-deliveries";
import { WebhookForm } from "@/components/admin/webhook-form";
import { requirePageAccess } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { setWebhookUrlAction } from "./actions";

export const metadata: Metadata = { title: "Escalation webhook" };

const DELIVERIES_SHOWN = 50;

export default async function WebhooksPage() {
  await requirePageAccess("/admin/webhooks");
  const [url, deliveries] = await Promise.all([getWebhookUrl(), listWebhookDeliveries({ limit: DELIVERIES_SHOWN })]);
  // Whether the secret is set, never its value.
  const secretSet = Boolean(env().MSCC_WEBHOOK_SECRET);

  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Administration</h1>
      <AdminTabs current="/admin/webhooks" />
      <h2 className="mb-2 text-xl font-semibold">Escalation webhook</h2>
      <p className="mb-4 max-w-3xl text-gray-800">
        Each escalation, and each one passed on to the second line, is posted as JSON to the trust&apos;s paging system, signed, and retried with a growing
        wait (up to {WEBHOOK_MAX_ATTEMPTS} attempts) until it answers with a 2xx status. The call carries ids and codes and a link back here, never
        the patient&apos;s details.
      </p>
      <ul className="mb-4 max-w-3xl space-y-2" aria-label="Webhook state">
        <li data-testid="webhook-address">
          {url ? (
            <span className="font-semibold text-nhs-green">
              <span aria-hidden>✓ </span>On: escalations are posted to <span className="break-all font-mono">{url}</span>
            </span>
          ) : (
            <span className="font-semibold text-gray-900">
              <span aria-hidden>○ </span>Off: no address is set, so no escalation is posted.
            </span>
          )}
        </li>
        <li data-testid="webhook-secret">
          {secretSet ? (
            <span className="font-semibold text-nhs-green">
              <span aria-hidden>✓ </span>MSCC_WEBHOOK_SECRET is set: every call is signed.
            </span>
          ) : (
            <span className="font-semibold text-red-900">
              <span aria-hidden>✕ </span>MSCC_WEBHOOK_SECRET is not set: calls cannot be signed, so each attempt fails until it is set in the
              server&apos;s environment.
            </span>
          )}
        </li>
      </ul>
      <WebhookForm action={setWebhookUrlAction} url={url} />

      <section aria-labelledby="signature-heading" className="mt-8 max-w-3xl">
        <h2 id="signature-heading" className="mb-2 text-xl font-semibold">
          Checking the signature
        </h2>
        <p>Each call is a POST with a JSON body and these headers:</p>
        <dl className="mt-2 space-y-2">
          <div>
            <dt className="font-mono font-semibold">X-MSCC-Timestamp</dt>
            <dd>The time of sending, in seconds since 1 January 1970 (UTC).</dd>
          </div>
          <div>
            <dt className="font-mono font-semibold">X-MSCC-Signature</dt>
            <dd>
              <code className="break-all">sha256=</code> followed by HMAC-SHA256, in hexadecimal, keyed with the shared secret, of the timestamp, a full
              stop and the raw body: <code className="break-all">&lt;timestamp&gt;.&lt;body&gt;</code>.
            </dd>
          </div>
          <div>
            <dt className="font-mono font-semibold">X-MSCC-Delivery</dt>
            <dd>The call&apos;s id. A retry of the same call keeps it, so the receiver can ignore a call it has already had.</dd>
          </div>
        </dl>
        <p className="mt-2">
          The receiver computes the same HMAC over the body exactly as received, compares it in constant time, and refuses a timestamp more than a
          few minutes old, so a captured call cannot be replayed.
        </p>
      </section>

      <section aria-labelledby="deliveries-heading" className="mt-8">
        <h2 id="deliveries-heading" className="mb-2 text-xl font-semibold">
          Recent calls
        </h2>
        <p className="mb-3 text-gray-800">The newest {DELIVERIES_SHOWN}, newest first. Open one to see each attempt and what came back.</p>
        <WebhookDeliveries deliveries={deliveries} />
      </section>
    </>
  );
}
