import { formatDateTime } from "@/lib/domain/time-format";

/** A CSV file to download, named after what it holds and when (UK time): "mscc-worklist-20261125-1405.csv". */
export function csvAttachment(csv: string, stem: string, now: Date): Response {
  const stamp = formatDateTime(now).replace(/(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})/, "$3$2$1-$4$5");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${stem}-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
