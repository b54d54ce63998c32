interface Props {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
}

/** A label, an optional hint, the control, and its error messages right beside it, wired for screen readers. */
export function FormField({ id, label, errors, hint, children }: Props) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={errors?.length ? "border-l-4 border-nhs-red pl-3" : undefined}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-gray-700">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={errorId} className="font-semibold text-nhs-red">
          {errors.join(". ")}
        </p>
      ) : null}
      {children(describedBy, Boolean(errors?.length))}
    </div>
  );
}

export const inputClass = "mt-1 block w-full rounded border-2 border-gray-700 px-3 py-2 aria-[invalid=true]:border-nhs-red";
