/**
 * Key projects by light, livelihood promises by progress and open supervision items of the
 * region, each from its own module and linking to it. A part that does not apply (below a
 * town) or that the role may not see is left out.
 */
import { Card, Col, Progress, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { fetchProgrammes } from './api';
import { COLOUR_FILL, pct } from './format';

const LIGHTS = [
  ['red', '红灯'],
  ['yellow', '黄灯'],
  ['green', '绿灯'],
  ['none', '未评'],
] as const;

/** The row of the three panels; `reloadKey` changes when the cockpit refreshes. */
export function ProgrammesRow({ code, reloadKey }: { code: string; reloadKey: number }) {
  const state = useApi((signal) => fetchProgrammes(code, signal), [code, reloadKey]);
  const p = state.data;
  if (!p || (!p.projects && !p.promises && !p.supervision)) return null;
  return (
    <Row gutter={[12, 12]} style={{ marginTop: 12 }} data-testid="cockpit-programmes">
      {p.projects && (
        <Col span={8}>
          <Card size="small" title={`重点项目(${p.projects.count} 个)`} extra={<Link to="/projects">项目库</Link>}>
            <Space size="large" wrap>
              {LIGHTS.map(([light, label]) => (
                <Link key={light} to={`/projects?light=${light}${p.region.level === 'town' ? `&town=${p.region.code}` : ''}`} data-testid={`projects-${light}`}>
                  <Typography.Text style={{ fontSize: 22, fontWeight: 600, color: light === 'none' ? undefined : COLOUR_FILL[light] }}>{p.projects?.lights[light] ?? 0}</Typography.Text> {label}
                </Link>
              ))}
            </Space>
            <div style={{ marginTop: 8 }}>年度投资完成率 {pct(p.projects.completion)}</div>
          </Card>
        </Col>
      )}
      {p.promises && (
        <Col span={8}>
          <Card size="small" title={`民生实事(${p.promises.length} 项)`} extra={<Link to="/public/promises">公开进度</Link>}>
            {p.promises.length === 0 && <Typography.Text type="secondary">本年尚无民生实事</Typography.Text>}
            {[...p.promises]
              .sort((a, b) => a.progress - b.progress)
              .slice(0, 4)
              .map((promise) => (
                <div key={promise.id}>
                  <Typography.Text ellipsis style={{ maxWidth: '70%' }}>{promise.title}</Typography.Text> <Tag>{promise.statusLabel}</Tag>
                  <Progress percent={Math.round(promise.progress)} size="small" />
                </div>
              ))}
          </Card>
        </Col>
      )}
      {p.supervision && (
        <Col span={8}>
          <Card size="small" title={`督查督办(在办 ${p.supervision.open} 项,超期 ${p.supervision.overdue} 项)`} extra={<Link to="/supervision">督办台</Link>}>
            {p.supervision.items.length === 0 && <Typography.Text type="secondary">没有在办督办事项</Typography.Text>}
            {p.supervision.items.map((item) => (
              <div key={item.code}>
                <Tag color={COLOUR_FILL[item.colour as 'red'] ?? undefined}>{item.code}</Tag>
                <Typography.Text ellipsis style={{ maxWidth: '60%' }}>{item.title}</Typography.Text>
                {item.overdue && <Tag color="red">超期</Tag>}
              </div>
            ))}
          </Card>
        </Col>
      )}
    </Row>
  );
}
