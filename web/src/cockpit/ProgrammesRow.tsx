/**
 * Key projects by light, livelihood promises by progress and open supervision items of the
 * region, each from its own module and linking to it. A part that does not apply (below a
 * town) or that the role may not see is left out. On the wall the row is one fixed height
 * (what does not fit is cut, never scrolled) and fewer lines, in the wall's dark cards.
 */
import { Card, Col, Progress, Row, Space, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
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

/** The height of the row's card bodies on the wall; the wall's layout leaves this much room. */
export const SCREEN_PROGRAMMES_BODY_PX = 100;

/** Props of {@link ProgrammesRow}. */
export interface ProgrammesRowProps {
  code: string;
  /** Changes when the cockpit refreshes. */
  reloadKey: number;
  /** The command-centre wall: fixed height, fewer lines, larger figures. */
  screen?: boolean;
  /** The wall's card colours. */
  cardStyle?: CSSProperties;
}

/** The row of the three panels. */
export function ProgrammesRow({ code, reloadKey, screen = false, cardStyle }: ProgrammesRowProps) {
  const state = useApi((signal) => fetchProgrammes(code, signal), [code, reloadKey]);
  const p = state.data;
  if (!p || (!p.projects && !p.promises && !p.supervision)) return null;
  const lines = screen ? 3 : 4;
  const bodyStyle: CSSProperties = screen ? { height: SCREEN_PROGRAMMES_BODY_PX, overflow: 'hidden', padding: '8px 14px' } : {};
  const panels = [p.projects, p.promises, p.supervision].filter(Boolean).length;
  const span = 24 / panels;
  return (
    <Row gutter={[12, 12]} style={{ marginTop: 12 }} data-testid="cockpit-programmes" wrap={!screen}>
      {p.projects && (
        <Col span={span}>
          <Card size="small" style={cardStyle} styles={{ body: bodyStyle }} title={`重点项目(${p.projects.count} 个)`} extra={<Link to="/projects">项目库</Link>} data-testid="programmes-projects">
            <Space size={screen ? 'middle' : 'large'} wrap>
              {LIGHTS.map(([light, label]) => (
                <Link key={light} to={`/projects?light=${light}${p.region.level === 'town' ? `&town=${p.region.code}` : ''}`} data-testid={`projects-${light}`}>
                  <Typography.Text style={{ fontSize: screen ? 28 : 22, fontWeight: 600, color: light === 'none' ? undefined : COLOUR_FILL[light] }}>{p.projects?.lights[light] ?? 0}</Typography.Text> {label}
                </Link>
              ))}
            </Space>
            <div style={{ marginTop: 8 }}>年度投资完成率 {pct(p.projects.completion)}</div>
          </Card>
        </Col>
      )}
      {p.promises && (
        <Col span={span}>
          <Card size="small" style={cardStyle} styles={{ body: bodyStyle }} title={`民生实事(${p.promises.length} 项)`} extra={<Link to="/public/promises">公开进度</Link>} data-testid="programmes-promises">
            {p.promises.length === 0 && <Typography.Text type="secondary">本年尚无民生实事</Typography.Text>}
            {[...p.promises]
              .sort((a, b) => a.progress - b.progress)
              .slice(0, lines)
              .map((promise) =>
                screen ? (
                  // One line each on the wall: the title, then its bar.
                  <div key={promise.id} style={{ display: 'flex', alignItems: 'center', gap: 8, height: 28 }}>
                    <Typography.Text ellipsis style={{ flex: '0 0 45%' }}>{promise.title}</Typography.Text>
                    <Progress percent={Math.round(promise.progress)} size="small" style={{ flex: 1, margin: 0 }} />
                  </div>
                ) : (
                  <div key={promise.id}>
                    <Typography.Text ellipsis style={{ maxWidth: '70%' }}>{promise.title}</Typography.Text> <Tag>{promise.statusLabel}</Tag>
                    <Progress percent={Math.round(promise.progress)} size="small" />
                  </div>
                ),
              )}
          </Card>
        </Col>
      )}
      {p.supervision && (
        <Col span={span}>
          <Card size="small" style={cardStyle} styles={{ body: bodyStyle }} title={`督查督办(在办 ${p.supervision.open} 项,超期 ${p.supervision.overdue} 项)`} extra={<Link to="/supervision">督办台</Link>} data-testid="programmes-supervision">
            {p.supervision.items.length === 0 && <Typography.Text type="secondary">没有在办督办事项</Typography.Text>}
            {p.supervision.items.slice(0, screen ? lines : undefined).map((item) => (
              <div key={item.code} style={screen ? { display: 'flex', alignItems: 'center', gap: 4, height: 28, whiteSpace: 'nowrap' } : undefined}>
                <Tag color={COLOUR_FILL[item.colour as 'red'] ?? undefined}>{item.code}</Tag>
                <Typography.Text ellipsis style={screen ? { flex: 1, minWidth: 0 } : { maxWidth: '60%' }}>{item.title}</Typography.Text>
                {item.overdue && <Tag color="red">超期</Tag>}
              </div>
            ))}
          </Card>
        </Col>
      )}
    </Row>
  );
}
