/**
 * A panel of the referral's record (decisions, steroids, imaging, scores, rehabilitation): its heading, what is
 * recorded, and the form to add to it folded away under a summary so the page stays short on a phone.
 */
export function RecordPanel({
  id,
  title,
  level = 2,
  form,
  formLabel,
  formFirst = false,
  className = "",
  children,
}: {
  id: string;
  title: string;
  level?: 2 | 3;
  form?: React.ReactNode;
  formLabel?: string;
  /** The form above what is recorded (a log read newest first) rather than below it. */
  formFirst?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  const folded = form ? (
    <details className="no-print rounded border-2 border-gray-300 p-3">
      <summary className="cursor-pointer rounded font-semibold text-nhs-blue underline-offset-2 hover:underline">{formLabel}</summary>
      <div className="mt-3">{form}</div>
    </details>
  ) : null;
  return (
    <section aria-labelledby={`${id}-heading`} className={`min-w-0 space-y-4 break-words rounded bg-white p-4 shadow sm:p-6 ${className}`}>
      <Heading id={`${id}-heading`} className="text-xl font-bold">
        {title}
      </Heading>
      {formFirst ? folded : null}
      {children}
      {formFirst ? null : folded}
    </section>
  );
}
