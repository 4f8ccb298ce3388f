/**
 * 红黄黑榜: each unit's rating for a month (items due, completed on time, overdue, notices)
 * and the three lists. 红榜 honours units green with work completed; 黄榜 warns units red or
 * yellow this month; 黑榜 names units red two months running or with an item still open after
 * a red notice (STANDARDS §7). The rules are in src/domains/supervision/supervision-rating.ts.
 */
import { Alert, Card, Col, DatePicker, List, Row, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { LIST_LABELS } from '../../../src/shared/supervision-vocabulary';
import { fetchRatings } from './api';
import { ColourTag, percent } from './format';
import type { UnitRating } from './types';

function Board({ title, colour, units, detail }: { title: string; colour: string; units: UnitRating[]; detail: (u: UnitRating) => string }) {
  return (
    <Card size="small" title={<Tag color={colour}>{title}</Tag>} style={{ height: '100%' }}>
      <List
        size="small"
        dataSource={units}
        locale={{ emptyText: '本期无' }}
        renderItem={(u, i) => (
          <List.Item>
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>
                {i + 1}. {u.name}
              </Typography.Text>
              <Typography.Text type="secondary">{detail(u)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The ratings page. */
export function RatingsPage() {
  const [period, setPeriod] = useState<Dayjs>(dayjs());
  const month = period.format('YYYY-MM');
  const ratings = useApi((signal) => fetchRatings(month, signal), [month]);
  const data = ratings.data;
  return (
    <div data-testid="supervision-ratings">
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>评价月份</Typography.Text>
        <DatePicker picker="month" value={period} onChange={(v) => v && setPeriod(v)} allowClear={false} disabledDate={(d) => d.isAfter(dayjs().endOf('month'))} />
      </Space>
      {ratings.error !== undefined && <Alert type="error" showIcon title={`加载失败:${errorMessage(ratings.error)}`} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Board title={LIST_LABELS.honour} colour="red" units={data?.honour ?? []} detail={(u) => `办结 ${u.completed} 件,按期率 ${percent(u.onTimeRate)}`} />
        </Col>
        <Col xs={24} md={8}>
          <Board title={LIST_LABELS.warning} colour="gold" units={data?.warning ?? []} detail={(u) => `逾期 ${u.overdue} 件,黄单 ${u.yellowNotices} 张,红单 ${u.redNotices} 张`} />
        </Col>
        <Col xs={24} md={8}>
          <Board title={LIST_LABELS.black} colour="black" units={data?.black ?? []} detail={(u) => u.blackReasons.join(';')} />
        </Col>
      </Row>
      <Card size="small" title={`${month} 各单位督办评价`}>
        <Table<UnitRating>
          rowKey={(u) => `${u.kind}:${u.code}`}
          size="small"
          loading={ratings.loading}
          dataSource={data?.ratings ?? []}
          pagination={false}
          locale={{ emptyText: '本月无督办事项' }}
          columns={[
            { title: '单位', dataIndex: 'name' },
            { title: '本月', width: 80, render: (_: unknown, u: UnitRating) => <ColourTag colour={u.colour} /> },
            { title: '上月', width: 80, render: (_: unknown, u: UnitRating) => (u.previousColour ? <ColourTag colour={u.previousColour} /> : '—') },
            { title: '到期', dataIndex: 'due', width: 60 },
            { title: '办结', dataIndex: 'completed', width: 60 },
            { title: '按期率', width: 90, render: (_: unknown, u: UnitRating) => percent(u.onTimeRate) },
            { title: '逾期', dataIndex: 'overdue', width: 60 },
            { title: '在办', dataIndex: 'open', width: 60 },
            { title: '黄单', dataIndex: 'yellowNotices', width: 60 },
            { title: '红单', dataIndex: 'redNotices', width: 60 },
            { title: '上榜', width: 110, render: (_: unknown, u: UnitRating) => (u.list ? LIST_LABELS[u.list] : '—') },
          ]}
        />
      </Card>
    </div>
  );
}
