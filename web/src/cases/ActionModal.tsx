/**
 * One workflow action on one case: the action's small form, POSTed with the version the page
 * read. A stale version (409 CONFLICT) says 案件已被他人处理 and offers to reload the case.
 */
import { Alert, Button, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { ACTION_LABELS } from '../../../src/shared/case-vocabulary';
import { errorMessage, isApiError } from '../api/client';
import { ActionFields, ACTION_FIELDS, toActionParams, type ActionValues } from './ActionFields';
import { actionSpec } from './actions';
import { actOnCase } from './api';
import { isConflict, showFieldError } from './errors';
import { caseNumber } from './format';
import { useFormSubmit } from './useFormSubmit';
import type { CaseAction, CaseDetail, Category } from './types';

/** The alert of an action that lost a race, with the reload button. */
export function CaseConflictAlert({ message, onReload }: { message: string | null; onReload: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title="案件已被他人处理,请刷新"
      description={message}
      action={
        <Button size="small" danger onClick={onReload}>
          刷新案件
        </Button>
      }
      style={{ marginBottom: 16 }}
      data-testid="case-conflict"
    />
  );
}

/** Props of {@link ActionModal}. */
export interface ActionModalProps {
  detail: CaseDetail;
  /** The action to take; null keeps the modal closed. */
  action: CaseAction | null;
  categories: readonly Category[] | undefined;
  onClose: () => void;
  onDone: (updated: CaseDetail) => void;
  /** Loads the case afresh (after a conflict). */
  onReload: () => void;
  /** Starting values, e.g. the duplicate to merge into. */
  initial?: ActionValues;
}

/** The form of one action on one case. */
export function ActionModal({ detail, action, categories, onClose, onDone, onReload, initial }: ActionModalProps) {
  const [form] = Form.useForm<ActionValues>();
  const { saving, error, setError, submitWith } = useFormSubmit(form);
  const [uploading, setUploading] = useState(false);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    form.setFieldsValue({ categoryCode: detail.categoryCode ?? undefined, urgency: detail.urgency, ...initial });
    setError(null);
    setStale(false);
  }, [action, detail, form, initial]);

  if (!action) return null;
  const spec = actionSpec(action);

  const submit = submitWith(
    async (values) => onDone(await actOnCase(detail.id, action, detail.version, toActionParams(action, values))),
    (caught) => {
      const raced = isConflict(caught) || (isApiError(caught) && caught.code === 'TRANSITION_NOT_ALLOWED');
      setStale(raced);
      return raced ? errorMessage(caught) : showFieldError(form, caught, ACTION_FIELDS);
    },
  );

  return (
    <Modal
      open
      title={`${ACTION_LABELS[action]} · ${caseNumber(detail)}`}
      okText={ACTION_LABELS[action]}
      cancelText="取消"
      okButtonProps={{ danger: spec.danger, disabled: stale || uploading }}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {stale ? (
        <CaseConflictAlert
          message={error}
          onReload={() => {
            onReload();
            onClose();
          }}
        />
      ) : (
        error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />
      )}
      <Form<ActionValues> form={form} layout="vertical" name={`case-action-${action}`}>
        <ActionFields action={action} categories={categories} unrouted={!detail.townCode} onUploadingChange={setUploading} />
      </Form>
    </Modal>
  );
}
