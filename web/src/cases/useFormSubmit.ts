/**
 * The save step every form of the module shares: validate, mark the save under way, send,
 * and keep the message of a failure to show above the form.
 */
import type { FormInstance } from 'antd';
import { useState } from 'react';

/** What {@link useFormSubmit} gives a form. */
export interface FormSubmit<T> {
  saving: boolean;
  /** The failure to show above the form, if any. */
  error: string | null;
  setError: (error: string | null) => void;
  /**
   * The handler of the OK button: validates, then `send`s the values; a thrown error goes to
   * `describe`, whose answer (null when it placed the error at a field) becomes `error`.
   */
  submitWith: (send: (values: T) => Promise<void>, describe: (caught: unknown) => string | null) => () => Promise<void>;
}

/** Save state and the OK handler of one form. */
export function useFormSubmit<T>(form: FormInstance<T>): FormSubmit<T> {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submitWith: FormSubmit<T>['submitWith'] = (send, describe) => async () => {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await send(values);
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, setError, submitWith };
}
