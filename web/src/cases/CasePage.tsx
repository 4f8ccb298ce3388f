/**
 * 事件详情: the header with number, state and clock, the case's facts, place and photos, its
 * clocks and counts, possible duplicates, the history, and a button for each action the server
 * allows the caller right now.
 */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Result, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ACTION_LABELS } from '../../../src/shared/case-vocabulary';
import { errorMessage, isApiError } from '../api/client';
import { useApi } from '../api/useApi';
import type { ActionValues } from './ActionFields';
import { ActionModal } from './ActionModal';
import { actionSpec } from './actions';
import { fetchCase } from './api';
import { CaseLocation } from './CaseLocation';
import { CaseCounters, CaseInfo, CasePhotos, DuplicatesCard } from './CaseSections';
import { CaseTimeline } from './CaseTimeline';
import { useCatalogue } from './catalogue';
import { caseNumber, formatTime, pendingText } from './format';
import { SlaClocks } from './SlaClocks';
import type { CaseAction, CaseDetail } from './types';
import { LoadingBlock, SlaTag, StatusTag } from './widgets';

/** The action buttons: primary ones first, refusals in red. */
function ActionButtons({ actions, onAction }: { actions: CaseAction[]; onAction: (action: CaseAction) => void }) {
  if (actions.length === 0) return <Typography.Text type="secondary">当前无可办理操作</Typography.Text>;
  const ordered = [...actions].sort((a, b) => Number(actionSpec(b).primary) - Number(actionSpec(a).primary));
  return (
    <Space wrap data-testid="case-actions">
      {ordered.map((action) => {
        const spec = actionSpec(action);
        return (
          <Button key={action} type={spec.primary ? 'primary' : 'default'} danger={spec.danger} onClick={() => onAction(action)}>
            {ACTION_LABELS[action] ?? action}
          </Button>
        );
      })}
    </Space>
  );
}

/** Number, state, clock and the actions. */
function CaseHeader({ detail, onAction }: { detail: CaseDetail; onAction: (action: CaseAction) => void }) {
  const clock = detail.clocks.find((c) => c.stage === detail.sla?.stage);
  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="center" gap={12} wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-number">
            {caseNumber(detail)}
          </Typography.Title>
          <StatusTag status={detail.status} />
          <SlaTag sla={detail.sla} status={detail.status} kind={clock?.kind} />
        </Flex>
        <ActionButtons actions={detail.allowedActions} onAction={onAction} />
      </Flex>
    </Card>
  );
}

/** The page of one case. */
export function CasePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const loaded = useApi((signal) => fetchCase(id, signal), [id]);
  const catalogue = useCatalogue();
  const [fresh, setFresh] = useState<CaseDetail | null>(null);
  const [action, setAction] = useState<{ action: CaseAction; initial?: ActionValues } | null>(null);
  // An action's answer is the case as it now stands; it replaces the loaded one until a reload.
  // Either must be this page's case: after a link to another case the old one is not shown.
  const ofThisPage = (c: CaseDetail | null | undefined) => (c && String(c.id) === id ? c : undefined);
  const detail = ofThisPage(fresh) ?? ofThisPage(loaded.data);

  const reload = () => {
    setFresh(null);
    loaded.reload();
  };

  if (loaded.error !== undefined && !detail) {
    const missing = isApiError(loaded.error) && loaded.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '事件不存在或不在您的管辖范围内' : '事件加载失败'}
        subTitle={missing ? undefined : errorMessage(loaded.error)}
        extra={<Button onClick={() => navigate('/events')}>返回工作台</Button>}
      />
    );
  }
  if (!detail) return <LoadingBlock />;

  const canMerge = detail.allowedActions.includes('merge');
  return (
    <Flex vertical gap={12} data-testid="case-page" data-status={detail.status}>
      <Flex justify="space-between" align="center">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          返回
        </Button>
        <Button icon={<ReloadOutlined />} onClick={reload} loading={loaded.loading}>
          刷新
        </Button>
      </Flex>
      <CaseHeader detail={detail} onAction={(next) => setAction({ action: next })} />
      {detail.pendingRequest && (
        <Alert
          type="info"
          showIcon
          title={`待审批:${pendingText(detail.pendingRequest)}`}
          description={[
            detail.pendingRequest.reason && `理由:${detail.pendingRequest.reason}`,
            detail.pendingRequest.requestedAt && `申请时间:${formatTime(detail.pendingRequest.requestedAt)}`,
          ]
            .filter(Boolean)
            .join(' · ')}
          data-testid="pending-request"
        />
      )}
      {detail.duplicateOf && (
        <Alert type="warning" showIcon title={`系统判断可能与事件 ${detail.duplicateOf} 重复,请核对后决定是否并单`} />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={12}>
            <CaseInfo detail={detail} />
            <SlaClocks clocks={detail.clocks} />
            <CaseCounters counts={detail.counts} />
            <CasePhotos detail={detail} />
            <DuplicatesCard
              detail={detail}
              onMerge={canMerge ? (targetId) => setAction({ action: 'merge', initial: { mergeInto: String(targetId) } }) : null}
            />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={12}>
            <CaseLocation detail={detail} />
            <CaseTimeline entries={detail.timeline} />
          </Flex>
        </Col>
      </Row>
      <ActionModal
        detail={detail}
        action={action?.action ?? null}
        initial={action?.initial}
        categories={catalogue.data?.categories}
        onClose={() => setAction(null)}
        onReload={reload}
        onDone={(updated) => {
          message.success(`${action ? ACTION_LABELS[action.action] : '操作'}成功`);
          setAction(null);
          setFresh(updated);
        }}
      />
    </Flex>
  );
}
