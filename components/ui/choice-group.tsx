import { fieldDescription } from "./form-field";

interface Props {
  /** The group's id: its error and hint are `${id}-error` and `${id}-hint`. */
  id: string;
  legend: string;
  errors?: string[];
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
  className?: string;
  /** The options' layout; one under another unless given. */
  optionsClassName?: string;
}

/**
 * A group of checkboxes or radios under a legend, with its hint and its error messages beside it, wired for
 * screen readers (FormField's counterpart for choices).
 */
export function ChoiceGroup({ id, legend, errors, hint, children, className, optionsClassName }: Props) {
  const { describedBy, invalid, messages, frameClass } = fieldDescription(id, hint, errors);
  return (
    <fieldset id={id} aria-describedby={describedBy} className={`${frameClass} ${className ?? ""}`}>
      <legend className="font-semibold">{legend}</legend>
      {messages}
      <div className={optionsClassName ?? "mt-1 space-y-1"}>{children(describedBy, invalid)}</div>
    </fieldset>
  );
}

/** One checkbox or radio with its label, large enough to hit on a phone. */
export function Choice({
  name,
  value,
  label,
  type,
  idPrefix,
  defaultChecked,
  checked,
  onChange,
}: {
  name: string;
  value: string;
  label: string;
  type: "checkbox" | "radio";
  idPrefix: string;
  defaultChecked?: boolean;
  checked?: boolean;
  onChange?: (event: React.ChangeEvent<HTMLInputElement>) => void;
}) {
  const id = `${idPrefix}-${value || "none"}`;
  return (
    <div className="flex items-center gap-2 py-0.5">
      <input
        id={id}
        type={type}
        name={name}
        value={value}
        defaultChecked={checked === undefined ? defaultChecked : undefined}
        checked={checked}
        onChange={onChange}
        className="h-6 w-6 shrink-0 accent-nhs-blue"
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
