/**
 * Idempotency keys for `POST /api/cases`: a fresh key for each new submission, the same key
 * when the very same submission is sent again (after a timeout or a failed connection), so a
 * retry never files the case twice.
 */
import type { FormInstance } from 'antd';
import { useRef, useState } from 'react';
import { createCase } from './api';
import { showFieldError } from './errors';
import type { CaseDetail, CaseIntake } from './types';

/** A random UUID; `crypto.randomUUID` exists only in secure contexts (https, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The key for a submission: the previous key when `body` is what was sent last and did not
 * succeed, a new one otherwise. Call `done()` after a success.
 */
export function useIdempotencyKey(): { keyFor: (body: unknown) => string; done: () => void } {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor: (body) => {
      const text = JSON.stringify(body);
      if (last.current?.body !== text) last.current = { body: text, key: newIdempotencyKey() };
      return last.current.key;
    },
    done: () => {
      last.current = null;
    },
  };
}

/** Files a case, reusing the idempotency key when the same intake is sent again. */
export function useCreateCase(): { submitting: boolean; submit: (intake: CaseIntake) => Promise<CaseDetail> } {
  const { keyFor, done } = useIdempotencyKey();
  const [submitting, setSubmitting] = useState(false);
  const submit = async (intake: CaseIntake) => {
    setSubmitting(true);
    try {
      const created = await createCase(intake, keyFor(intake));
      done();
      return created;
    } finally {
      setSubmitting(false);
    }
  };
  return { submitting, submit };
}

/** What {@link useIntakeSubmit} gives an intake form. */
export interface IntakeSubmit {
  submitting: boolean;
  /** The failure to show above the form (null when it is shown at a field). */
  error: string | null;
  /** Whether a photo is still uploading (the submit button waits for it). */
  uploading: boolean;
  setUploading: (busy: boolean) => void;
  /** Files the case and hands it to `onCreated`; a failure lands at its field or in `error`. */
  send: (intake: CaseIntake, onCreated: (created: CaseDetail) => void) => Promise<void>;
}

/** The submit state of an intake form (新建事件, 巡查上报). */
export function useIntakeSubmit<T>(
  form: FormInstance<T>,
  fields: readonly string[],
  aliases: Readonly<Record<string, string>>,
): IntakeSubmit {
  const { submitting, submit } = useCreateCase();
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const send = async (intake: CaseIntake, onCreated: (created: CaseDetail) => void) => {
    setError(null);
    try {
      onCreated(await submit(intake));
    } catch (caught) {
      setError(showFieldError(form, caught, fields, aliases));
    }
  };
  return { submitting, error, uploading, setUploading, send };
}
