/**
 * The blocks of the case page: 基本信息, 附件照片, 过程统计 and 疑似重复.
 */
import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Flex, Image, List, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { NATURE_LABELS, SATISFACTION_LABELS } from '../../../src/shared/case-vocabulary';
import { attachmentUrl } from './api';
import { caseNumber, casePath, formatDistance, formatTime } from './format';
import type { CaseCounts, CaseDetail, CaseId } from './types';
import { ChannelTag, UrgencyTag } from './widgets';

/** A value or a grey dash. */
function orDash(value: string | null | undefined) {
  return value ? value : <Typography.Text type="secondary">—</Typography.Text>;
}

/** 基本信息: what was reported, by whom, where and who handles it. */
export function CaseInfo({ detail }: { detail: CaseDetail }) {
  const chain = detail.regionChain.map((link) => link.name).join(' / ');
  return (
    <Card size="small" title="基本信息">
      <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} data-testid="case-info">
        <Descriptions.Item label="来源渠道">
          <ChannelTag channel={detail.channel} />
        </Descriptions.Item>
        <Descriptions.Item label="诉求性质">{orDash(detail.nature ? NATURE_LABELS[detail.nature] : null)}</Descriptions.Item>
        <Descriptions.Item label="事件分类">
          {orDash(detail.categoryName ? `${detail.categoryCode} ${detail.categoryName}` : null)}
        </Descriptions.Item>
        <Descriptions.Item label="紧急程度">
          <UrgencyTag urgency={detail.urgency} />
        </Descriptions.Item>
        <Descriptions.Item label="反映人">{orDash(detail.reporterName)}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{orDash(detail.reporterPhone)}</Descriptions.Item>
        <Descriptions.Item label="受理时间">{formatTime(detail.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label="发生时间">{formatTime(detail.occurredAt)}</Descriptions.Item>
        <Descriptions.Item label="外部工单号">{orDash(detail.externalId)}</Descriptions.Item>
        <Descriptions.Item label="责任部门">{orDash(detail.departmentName)}</Descriptions.Item>
        <Descriptions.Item label="所属区域" span={2}>
          {orDash(chain || detail.townName)}
        </Descriptions.Item>
        <Descriptions.Item label="事发地址" span={3}>
          {orDash(detail.address)}
        </Descriptions.Item>
        <Descriptions.Item label="问题描述" span={3}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{detail.description}</Typography.Paragraph>
        </Descriptions.Item>
        {detail.satisfaction && (
          <Descriptions.Item label="回访结果">{SATISFACTION_LABELS[detail.satisfaction]}</Descriptions.Item>
        )}
        {detail.mergedInto && (
          <Descriptions.Item label="已并入">
            <Link to={casePath(detail.mergedInto)}>{detail.mergedInto}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** 附件照片: images open in a preview; PDFs as links. */
export function CasePhotos({ detail }: { detail: CaseDetail }) {
  const images = detail.attachments.filter((a) => a.mime.startsWith('image/'));
  const others = detail.attachments.filter((a) => !a.mime.startsWith('image/'));
  return (
    <Card size="small" title={`附件照片(${detail.attachments.length})`} data-testid="case-photos">
      {detail.attachments.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无附件" />}
      <Image.PreviewGroup>
        <Flex gap={8} wrap>
          {images.map((a) => (
            <Image
              key={a.id}
              src={attachmentUrl(a.id)}
              alt={a.name}
              width={104}
              height={104}
              style={{ objectFit: 'cover', borderRadius: 4 }}
            />
          ))}
        </Flex>
      </Image.PreviewGroup>
      {others.map((a) => (
        <div key={a.id} style={{ marginTop: 8 }}>
          <a href={attachmentUrl(a.id)} target="_blank" rel="noreferrer">
            <FilePdfOutlined /> {a.name}
          </a>
        </div>
      ))}
    </Card>
  );
}

const COUNT_LABELS: readonly [keyof CaseCounts, string][] = [
  ['returns', '退回'],
  ['reassigns', '改派'],
  ['extensions', '延期'],
  ['reworks', '返工'],
  ['reopens', '发回重办'],
  ['parks', '挂账'],
];

/** 过程统计: how often each side path was taken; non-zero counts in orange. */
export function CaseCounters({ counts }: { counts: CaseCounts }) {
  return (
    <Card size="small" title="过程统计">
      <Row gutter={[8, 8]} data-testid="case-counts">
        {COUNT_LABELS.map(([key, label]) => (
          <Col key={key} xs={8} md={4}>
            <Statistic
              title={label}
              value={counts[key] ?? 0}
              styles={{ content: { color: counts[key] ? '#fa8c16' : undefined } }}
              suffix="次"
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** 疑似重复: nearby reports of the same problem, each with 并单 when merging is allowed. */
export function DuplicatesCard({ detail, onMerge }: { detail: CaseDetail; onMerge: ((targetId: CaseId) => void) | null }) {
  if (detail.duplicateCandidates.length === 0) return null;
  return (
    <Card size="small" title={`疑似重复(${detail.duplicateCandidates.length})`} data-testid="case-duplicates">
      <List
        size="small"
        dataSource={detail.duplicateCandidates}
        renderItem={(candidate) => (
          <List.Item
            actions={
              onMerge
                ? [
                    <Button key="merge" size="small" onClick={() => onMerge(candidate.id)}>
                      并单
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={<Link to={casePath(candidate.id)}>{caseNumber(candidate)}</Link>}
              description={
                <Flex vertical>
                  <Typography.Text ellipsis={{ tooltip: candidate.description }}>{candidate.description}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(candidate.receivedAt)} · 相距 {formatDistance(candidate.distanceMeters)}
                  </Typography.Text>
                </Flex>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
