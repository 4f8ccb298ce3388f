/**
 * One action on the selected cases (`POST /api/cases/bulk-actions`): each case succeeds or
 * fails on its own, and the modal then lists what happened to each.
 */
import { Alert, Form, Modal, Result, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ACTION_LABELS } from '../../../src/shared/case-vocabulary';
import { errorMessage } from '../api/client';
import { ActionFields, toActionParams, type ActionValues } from './ActionFields';
import { actionSpec } from './actions';
import { actOnCases } from './api';
import { caseNumber } from './format';
import { useFormSubmit } from './useFormSubmit';
import type { BulkResult, CaseAction, CaseSummary, Category } from './types';

/** Props of {@link BulkActionModal}. */
export interface BulkActionModalProps {
  action: CaseAction | null;
  cases: CaseSummary[];
  categories: readonly Category[] | undefined;
  onClose: () => void;
  /** Called once results are in, so the list reloads. */
  onApplied: () => void;
}

/** Per-case results: 成功 or the server's reason. */
function ResultSummary({ results, cases }: { results: BulkResult[]; cases: CaseSummary[] }) {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const succeeded = results.filter((r) => r.ok).length;
  return (
    <>
      <Result
        status={succeeded === results.length ? 'success' : succeeded === 0 ? 'error' : 'warning'}
        title={`成功 ${succeeded} 件,失败 ${results.length - succeeded} 件`}
        style={{ padding: '8px 0 16px' }}
      />
      <Table<BulkResult>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={results}
        scroll={{ y: 300 }}
        data-testid="bulk-results"
        columns={[
          {
            title: '事件编号',
            key: 'id',
            render: (_, r) => {
              const item = byId.get(r.id);
              return item ? caseNumber(item) : r.id;
            },
          },
          {
            title: '结果',
            key: 'ok',
            width: 80,
            render: (_, r) => (r.ok ? <Tag color="success">成功</Tag> : <Tag color="error">失败</Tag>),
          },
          {
            title: '说明',
            key: 'message',
            render: (_, r) => (r.ok ? '' : <Typography.Text type="danger">{r.message ?? r.code}</Typography.Text>),
          },
        ]}
      />
    </>
  );
}

/** The bulk form, then its results. */
export function BulkActionModal({ action, cases, categories, onClose, onApplied }: BulkActionModalProps) {
  const [form] = Form.useForm<ActionValues>();
  const { saving, error, setError, submitWith } = useFormSubmit(form);
  const [results, setResults] = useState<BulkResult[] | null>(null);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    setError(null);
    setResults(null);
  }, [action, form]);

  if (!action) return null;

  const submit = submitWith(async (values) => {
    const versions = cases.map((c) => ({ id: c.id, version: c.version }));
    setResults(await actOnCases(action, versions, toActionParams(action, values)));
    onApplied();
  }, errorMessage);

  return (
    <Modal
      open
      title={`批量${ACTION_LABELS[action]}(${cases.length} 件)`}
      okText={results ? '完成' : `${ACTION_LABELS[action]} ${cases.length} 件`}
      cancelText="取消"
      okButtonProps={{ danger: !results && actionSpec(action).danger }}
      cancelButtonProps={{ style: results ? { display: 'none' } : undefined }}
      confirmLoading={saving}
      onOk={results ? onClose : submit}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {results ? (
        <ResultSummary results={results} cases={cases} />
      ) : (
        <Form<ActionValues> form={form} layout="vertical" name={`bulk-action-${action}`}>
          <ActionFields action={action} categories={categories} bulk />
        </Form>
      )}
    </Modal>
  );
}
