interface Props {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
}

/**
 * A field's hint and error messages, and the aria-describedby that points at them: shared by single controls
 * (FormField) and groups of choices (ChoiceGroup), so both read the same to a screen reader.
 */
export function fieldDescription(id: string, hint: string | undefined, errors: string[] | undefined) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  const messages = (
    <>
      {hint ? (
        <p id={hintId} className="text-sm text-gray-700">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} className="font-semibold text-nhs-red">
          {errors?.join(". ")}
        </p>
      ) : null}
    </>
  );
  return { describedBy, invalid, messages, frameClass: invalid ? "border-l-4 border-nhs-red pl-3" : "" };
}

/** A label, an optional hint, the control, and its error messages right beside it, wired for screen readers. */
export function FormField({ id, label, errors, hint, children }: Props) {
  const { describedBy, invalid, messages, frameClass } = fieldDescription(id, hint, errors);
  return (
    <div className={frameClass || undefined}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {messages}
      {children(describedBy, invalid)}
    </div>
  );
}

export const inputClass = "mt-1 block w-full rounded border-2 border-gray-700 px-3 py-2 aria-[invalid=true]:border-nhs-red";
