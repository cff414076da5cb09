// A labelled checkbox with an optional hint, as the options page uses several.
export interface CheckboxFieldProps {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Ids of more text that describes it (a cost shown below), besides the hint. */
  describedBy?: string;
}

export function CheckboxField({ id, label, hint, checked, onChange, describedBy }: CheckboxFieldProps) {
  const described = [hint ? `${id}-hint` : '', describedBy ?? ''].filter((part) => part).join(' ');
  return (
    <div class="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
        aria-describedby={described || undefined}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
