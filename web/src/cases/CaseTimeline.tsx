/**
 * 办理过程: the case's history, newest last: when, who, what, the state before and after, the
 * note, and any photos the step carried.
 */
import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Image, Timeline, Typography } from 'antd';
import { ACTION_LABELS, CHANNEL_LABELS, STATE_LABELS, type CaseAction, type CaseChannel } from '../../../src/shared/case-vocabulary';
import { attachmentUrl } from './api';
import { actionSpec } from './actions';
import { formatTime } from './format';
import type { CaseState, TimelineEntry } from './types';

/** Steps of the history that are not workflow actions. */
const EVENT_LABELS: Readonly<Record<string, string>> = {
  create: '登记',
  created: '登记',
  report: '上报',
  reported: '上报',
  import: '导入',
  imported: '导入',
  route: '自动分拨',
  routed: '自动分拨',
  overdue: '超时',
  supervise: '督办',
};

/** The label of a step: the action's, else the event's, else its code. */
export function stepLabel(action: string): string {
  return ACTION_LABELS[action as CaseAction] ?? EVENT_LABELS[action] ?? action;
}

function stateLabel(state: CaseState | null): string {
  return state ? (STATE_LABELS[state] ?? state) : '';
}

/** Attachment ids a step's data names, whatever the key. */
function stepPhotos(data: TimelineEntry['data']): string[] {
  const ids = data?.attachmentIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

function stepColour(action: string): string {
  if (!(action in ACTION_LABELS)) return 'gray';
  return actionSpec(action as CaseAction).danger ? 'red' : 'blue';
}

/** One step's content. */
function Step({ entry }: { entry: TimelineEntry }) {
  const photos = stepPhotos(entry.data);
  return (
    <Flex vertical gap={2}>
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{stepLabel(entry.action)}</Typography.Text>
        <Typography.Text type="secondary">{CHANNEL_LABELS[entry.actorLabel as CaseChannel] ?? entry.actorLabel}</Typography.Text>
        {entry.fromStatus !== entry.toStatus && entry.toStatus && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {stateLabel(entry.fromStatus)} <ArrowRightOutlined /> {stateLabel(entry.toStatus)}
          </Typography.Text>
        )}
      </Flex>
      {entry.note && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{entry.note}</Typography.Paragraph>}
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={4} wrap>
            {photos.map((id) => (
              <Image key={id} src={attachmentUrl(id)} width={56} height={56} style={{ objectFit: 'cover' }} alt="现场照片" />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Flex>
  );
}

/** The history as a timeline. */
export function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  return (
    <Card size="small" title="办理过程" data-testid="case-timeline">
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
      ) : (
        <Timeline
          items={sorted.map((entry) => ({
            key: entry.seq,
            color: stepColour(entry.action),
            title: formatTime(entry.at),
            content: <Step entry={entry} />,
          }))}
        />
      )}
    </Card>
  );
}
