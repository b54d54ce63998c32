import type { FieldErrors } from "@/lib/errors";

interface Props {
  /** Unique on the page. */
  id?: string;
  message?: string;
  errors: FieldErrors;
  /** Field name to its label and the id of the control to jump to; fields not listed here are shown without a link. */
  fields: Record<string, { label: string; href: string }>;
}

/** "There is a problem": the form's message and every field's error, each linking to its field. */
export function ErrorSummary({ id = "error-summary", message, errors, fields }: Props) {
  const entries = Object.entries(errors).filter(([, messages]) => messages.length > 0);
  if (!message && entries.length === 0) return null;
  return (
    <div id={id} role="alert" tabIndex={-1} className="rounded border-4 border-nhs-red bg-white p-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-lg font-bold">
        There is a problem
      </h2>
      {message ? <p className="mt-1">{message}</p> : null}
      {entries.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-6">
          {entries.map(([key, messages]) => {
            const field = fields[key];
            const text = `${field ? `${field.label}: ` : ""}${messages.join(". ")}`;
            return (
              <li key={key}>
                {field ? (
                  <a href={`#${field.href}`} className="font-semibold text-nhs-red underline">
                    {text}
                  </a>
                ) : (
                  <span className="font-semibold text-nhs-red">{text}</span>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
