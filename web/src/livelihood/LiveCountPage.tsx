/**
 * The chair's live count (大屏/主持人): present / on the roll, ballots cast, whether the quorum
 * holds, polled every 2 s. Votes per candidate appear only once voting is closed. Managers
 * check deputies in here and open, close and count.
 */
import { Button, Card, Col, Popconfirm, Row, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useCurrentUser } from '../auth/AuthContext';
import { livelihoodApi } from './api';
import { ResultSheet } from './CyclePage';
import { LoadError, canManage, useLoad } from './shared';

/** The live count page. */
export function LiveCountPage() {
  const { sessionId = '' } = useParams();
  const user = useCurrentUser();
  const manager = canManage(user.role);
  const { data, error, reload } = useLoad((signal) => livelihoodApi.live(sessionId, signal), [sessionId]);
  useEffect(() => {
    const timer = setInterval(reload, 2000);
    return () => clearInterval(timer);
  }, [reload]);
  if (!data) return <Card loading={!error}><LoadError error={error} /></Card>;
  const { session } = data;
  const act = (verb: 'open' | 'close' | 'count') =>
    livelihoodApi
      .sessionAction(session.id, verb)
      .then(reload)
      .catch((e: unknown) => void message.error(errorMessage(e)));
  const checkIn = (userId: string) =>
    livelihoodApi
      .checkIn(session.id, userId)
      .then(reload)
      .catch((e: unknown) => void message.error(errorMessage(e)));

  return (
    <Card
      title={`${session.title}(第${session.round}轮)`}
      extra={
        <Space>
          <Tag color={session.status === 'open' ? 'red' : 'default'}>{session.statusLabel}</Tag>
          <Link to={`../${session.cycleId}`}>返回年度</Link>
        </Space>
      }
    >
      <LoadError error={error} />
      <Typography.Paragraph type="secondary">{session.ruleText}</Typography.Paragraph>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Statistic title="应到代表" value={data.roll} /></Col>
        <Col xs={12} md={6}><Statistic title="实到代表" value={data.present} suffix={`/ ${data.roll}`} /></Col>
        <Col xs={12} md={6}><Statistic title="已投票" value={data.voted} suffix={`/ ${data.present}`} /></Col>
        <Col xs={12} md={6}>
          <Statistic title={`法定人数(需 ${data.quorumNeeded} 人)`} value={data.quorumMet ? '已达到' : '未达到'} valueStyle={{ color: data.quorumMet ? '#3f8600' : '#cf1322' }} />
        </Col>
      </Row>
      {manager && (
        <Space style={{ marginBottom: 16 }}>
          {session.status === 'draft' && <Popconfirm title="开始投票?" onConfirm={() => void act('open')}><Button type="primary">开始投票</Button></Popconfirm>}
          {session.status === 'open' && <Popconfirm title="结束投票?结束后不能再投。" onConfirm={() => void act('close')}><Button danger>结束投票</Button></Popconfirm>}
          {session.status === 'closed' && <Button type="primary" onClick={() => void act('count')}>计票并公布</Button>}
        </Space>
      )}
      {data.count ? (
        <ResultSheet result={data.count} seats={session.seats} />
      ) : (
        <Typography.Paragraph type="secondary">投票结束前不显示各项目得票。</Typography.Paragraph>
      )}
      {data.deputies && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey="userId"
          pagination={{ pageSize: 50 }}
          dataSource={data.deputies}
          columns={[
            { title: '代表', dataIndex: 'name' },
            { title: '报到', width: 120, render: (_v, d) => (d.checkedIn ? <Tag color="green">已报到</Tag> : manager && (session.status === 'draft' || session.status === 'open') ? <Button size="small" onClick={() => void checkIn(d.userId)}>签到</Button> : <Tag>未报到</Tag>) },
            { title: '投票', width: 100, render: (_v, d) => (d.hasVoted ? <Tag color="blue">已投票</Tag> : '') },
          ]}
        />
      )}
    </Card>
  );
}
