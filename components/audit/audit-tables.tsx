import { DISCHARGE_KEYS, PRESENTATION_KEYS, type AuditMetrics } from "@/lib/domain/audit-metrics";
import { formatDuration } from "@/lib/domain/time-format";
import { REFERRAL_CATEGORIES, REFERRAL_CATEGORY_LABELS, REFERRAL_STATUS_LABELS, REFERRAL_STATUSES } from "@/lib/domain/vocabulary";
import { DISCHARGE_LABELS, PRESENTATION_LABELS } from "@/lib/audit/csv";
import { cellClass, numberCellClass } from "./chart-figure";

function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="break-inside-avoid rounded bg-white p-4 shadow">
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={title}>
        {children}
      </div>
    </section>
  );
}

const head = "px-2 py-1";

/** Symptom onset to referral, for the referrals that record when the neurological symptoms began. */
export function OnsetTable({ onset }: { onset: AuditMetrics["onset"] }) {
  return (
    <Panel id="onset-heading" title="Time from symptom onset to referral">
      <p className="mb-2 text-sm">
        {onset.recorded} referrals record the onset of neurological symptoms ({onset.notRecorded} do not). Median{" "}
        <strong>{onset.medianMs === null ? "–" : formatDuration(onset.medianMs)}</strong>, 90th percentile{" "}
        <strong>{onset.p90Ms === null ? "–" : formatDuration(onset.p90Ms)}</strong>.
      </p>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Referrals by time from symptom onset to referral</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className={head}>
              Onset to referral
            </th>
            <th scope="col" className={`${head} text-right`}>
              Referrals
            </th>
          </tr>
        </thead>
        <tbody>
          {onset.buckets.map((b) => (
            <tr key={b.id}>
              <th scope="row" className={`${cellClass} font-normal`}>
                {b.label}
              </th>
              <td className={numberCellClass}>{b.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

/** Ambulatory status at referral against at discharge: the strongest predictor of outcome (pathway.md). */
export function AmbulatoryTable({ ambulatory }: { ambulatory: AuditMetrics["ambulatory"] }) {
  return (
    <Panel id="ambulatory-heading" title="Ambulatory status at presentation and at discharge">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Referrals by ambulatory status at referral (rows) and at discharge (columns)</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className={head}>
              At referral \ at discharge
            </th>
            {DISCHARGE_KEYS.map((d) => (
              <th key={d} scope="col" className={`${head} text-right`}>
                {DISCHARGE_LABELS[d]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PRESENTATION_KEYS.map((p) => (
            <tr key={p}>
              <th scope="row" className={`${cellClass} font-normal`}>
                {PRESENTATION_LABELS[p]}
              </th>
              {DISCHARGE_KEYS.map((d) => (
                <td key={d} className={numberCellClass}>
                  {ambulatory[p][d]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

/** Referrals received in the period by category, and by where they are now on the pathway. */
export function CountsTables({ byCategory, byStatus }: { byCategory: AuditMetrics["byCategory"]; byStatus: AuditMetrics["byStatus"] }) {
  return (
    <>
      <Panel id="category-heading" title="Referrals by category">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Referrals received in the period by category</caption>
          <tbody>
            {REFERRAL_CATEGORIES.map((c) => (
              <tr key={c}>
                <th scope="row" className={`${cellClass} font-normal`}>
                  {REFERRAL_CATEGORY_LABELS[c]}
                </th>
                <td className={numberCellClass}>{byCategory[c]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel id="status-heading" title="Referrals by outcome so far">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Referrals received in the period by their status now</caption>
          <tbody>
            {REFERRAL_STATUSES.map((s) => (
              <tr key={s}>
                <th scope="row" className={`${cellClass} font-normal`}>
                  {REFERRAL_STATUS_LABELS[s]}
                </th>
                <td className={numberCellClass}>{byStatus[s]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </>
  );
}
