import { SCORE_SCALE_LABELS, SCORE_SCALES, scoreTrends, type ScoreScale, type ScoreTrend } from "@/lib/domain/scores";
import { describeScore, eventNote } from "./event-labels";
import { entryClass, SignedBy } from "./signed-by";
import type { StandingEvent } from "./standing-events";

const TREND: Record<ScoreTrend, { icon: string; words: string; className: string }> = {
  first: { icon: "•", words: "first entry", className: "text-gray-800" },
  worse: { icon: "↓", words: "worse", className: "font-semibold text-red-900" },
  better: { icon: "↑", words: "better", className: "text-green-900" },
  same: { icon: "→", words: "no change", className: "text-gray-800" },
};

/** What a score's trend compares: the total of a calculator, the grade or status of the others. */
const valueOf = (scale: ScoreScale, data: Record<string, unknown>): string | number | null => {
  const v = scale === "sins" || scale === "tokuhashi" ? data.total : data.value;
  return typeof v === "string" || typeof v === "number" ? v : null;
};

/**
 * Each scale's entries, oldest first, each against the one before ("↓ worse", "↑ better") so deterioration is
 * visible at a glance; the heading says when the latest entry is worse than the one before.
 */
export function ScoreHistory({ events }: { events: readonly StandingEvent[] }) {
  const scores = events.filter((e) => e.type === "score_recorded");
  const scales = SCORE_SCALES.filter((s) => scores.some((e) => e.data.scale === s));
  if (scales.length === 0) return <p>No scores recorded yet.</p>;
  return (
    <div className="space-y-4">
      {scales.map((scale) => {
        const entries = scoreTrends(
          scale,
          scores.flatMap((e) => {
            const value = e.data.scale === scale ? valueOf(scale, e.data) : null;
            return value === null ? [] : [{ event: e, value }];
          }),
        );
        const latest = entries.at(-1);
        return (
          <section key={scale} aria-labelledby={`scores-${scale}`} className="space-y-2">
            <h3 id={`scores-${scale}`} className="text-lg font-bold">
              {SCORE_SCALE_LABELS[scale]}
            </h3>
            {latest?.trend === "worse" ? (
              <p className="rounded border-l-4 border-nhs-red bg-red-50 p-2 font-semibold text-red-950">
                <span aria-hidden>⚠ </span>Deteriorated: the latest entry is worse than the one before.
              </p>
            ) : null}
            <ol className="space-y-2" aria-label={`${SCORE_SCALE_LABELS[scale]}, oldest first`}>
              {entries.map(({ event, trend }) => {
                const t = TREND[trend];
                const note = eventNote(event);
                return (
                  <li key={event.id} className={entryClass}>
                    <p className="font-semibold">{describeScore(event.data)}</p>
                    <p className={t.className}>
                      <span aria-hidden>{t.icon} </span>
                      {trend === "first" || trend === "same" ? t.words : `${t.words} than before`}
                    </p>
                    {note ? <p className="whitespace-pre-line">{note}</p> : null}
                    <SignedBy event={event} timeLabel="Assessed" />
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
