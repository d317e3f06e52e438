import type { ReactNode } from 'react';

/** A form's Cancel (when it can be cancelled) and submit buttons, in the dialogs' order. */
export function FormActions({
  submit,
  disabled,
  onCancel,
}: {
  submit: ReactNode;
  disabled: boolean;
  onCancel?: (() => void) | undefined;
}) {
  return (
    <div className="dialog-actions">
      {onCancel ? (
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
      <button type="submit" disabled={disabled}>
        {submit}
      </button>
    </div>
  );
}
