/**
 * 人大代表建议: the suggestions in scope (a deputy sees their own) with 见面率, 答复率 and 满意率
 * overall and per lead unit (主办件, seed 000). 满意率 counts 满意 and 基本满意 among those
 * evaluated.
 */
import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { fetchSuggestionStats } from './api';
import { ColourTag, itemPath, percent } from './format';
import type { Item, Rates } from './types';

/** The suggestions page. */
export function SuggestionsPage() {
  const stats = useApi((signal) => fetchSuggestionStats(signal), []);
  const overall = stats.data?.overall;
  return (
    <div data-testid="supervision-suggestions">
      {stats.error !== undefined && <Alert type="error" showIcon title={`加载失败:${errorMessage(stats.error)}`} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title="建议件数(主办件)" value={overall?.total ?? 0} suffix="件" /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={`见面率(${overall?.met ?? 0}/${overall?.total ?? 0})`} value={percent(overall?.meetRate ?? null)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={`答复率(${overall?.replied ?? 0}/${overall?.total ?? 0})`} value={percent(overall?.replyRate ?? null)} /></Card></Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={`满意率(${(overall?.satisfied ?? 0) + (overall?.basicallySatisfied ?? 0)}/${overall?.evaluated ?? 0} 已评价)`} value={percent(overall?.satisfactionRate ?? null)} />
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary">
        见面率 = 已见面件数 ÷ 建议件数;答复率 = 已答复件数 ÷ 建议件数;满意率 =(满意 + 基本满意)÷ 已评价件数。已撤销的建议不计。
      </Typography.Paragraph>
      <Card size="small" title="各主办单位" style={{ marginBottom: 16 }}>
        <Table<Rates & { kind: string; code: string; name: string }>
          rowKey={(u) => `${u.kind}:${u.code}`}
          size="small"
          pagination={false}
          loading={stats.loading}
          dataSource={stats.data?.units ?? []}
          columns={[
            { title: '主办单位', dataIndex: 'name' },
            { title: '件数', dataIndex: 'total', width: 80 },
            { title: '见面率', width: 100, render: (_: unknown, u: Rates) => percent(u.meetRate) },
            { title: '答复率', width: 100, render: (_: unknown, u: Rates) => percent(u.replyRate) },
            { title: '满意率', width: 100, render: (_: unknown, u: Rates) => percent(u.satisfactionRate) },
            { title: '满意/基本满意/不满意', width: 170, render: (_: unknown, u: Rates) => `${u.satisfied}/${u.basicallySatisfied}/${u.unsatisfied}` },
          ]}
        />
      </Card>
      <Card size="small" title="建议清单">
        <Table<Item>
          rowKey="id"
          size="small"
          loading={stats.loading}
          dataSource={stats.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          locale={{ emptyText: '暂无人大代表建议' }}
          columns={[
            { title: '编号', dataIndex: 'code', width: 120, render: (code: string) => <Link to={itemPath(code)}>{code}</Link> },
            { title: '灯', width: 70, render: (_: unknown, i: Item) => <ColourTag colour={i.colour} /> },
            { title: '建议', dataIndex: 'title', render: (t: string, i: Item) => <Link to={itemPath(i.code)}>{t}</Link> },
            { title: '代表', width: 100, render: (_: unknown, i: Item) => i.deputy?.name ?? '—' },
            { title: '主办单位', width: 150, render: (_: unknown, i: Item) => i.leadUnit.name },
            { title: '状态', dataIndex: 'stateLabel', width: 80 },
            { title: '见面', width: 110, render: (_: unknown, i: Item) => i.deputy?.metOn ?? '—' },
            { title: '答复', width: 110, render: (_: unknown, i: Item) => i.deputy?.repliedOn ?? '—' },
            { title: '评价', width: 90, render: (_: unknown, i: Item) => i.deputy?.satisfactionLabel ?? '—' },
          ]}
        />
      </Card>
    </div>
  );
}
