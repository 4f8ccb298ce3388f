/**
 * The deputy's ballot on a phone (/ballot/:sessionId): the candidates as large checkboxes,
 * at most `seats` of them, a confirm dialog, then "已投票". It never shows anyone's choices,
 * not even the deputy's own after casting (the server does not know them either).
 */
import { Alert, Button, Card, Checkbox, Flex, Modal, Result, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../api/client';
import { useCurrentUser } from '../auth/AuthContext';
import { livelihoodApi } from './api';
import { LoadError, useLoad } from './shared';

/** The phone ballot. */
export function BallotPage() {
  const { sessionId = '' } = useParams();
  const user = useCurrentUser();
  const { data, error, reload } = useLoad((signal) => livelihoodApi.myBallot(sessionId, signal), [sessionId]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const frame = (body: ReactNode) => (
    <div style={{ maxWidth: 480, margin: '0 auto', minHeight: '100vh', background: '#f5f5f5' }} data-testid="ballot-phone">
      <div style={{ background: '#a8071a', color: '#fff', padding: '12px 16px', position: 'sticky', top: 0, zIndex: 10 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 17 }}>民生实事项目票决</Typography.Text>
        <div style={{ fontSize: 13, opacity: 0.85 }}>{user.displayName}</div>
      </div>
      <div style={{ padding: 12 }}>{body}</div>
    </div>
  );

  if (!data) return frame(error ? <LoadError error={error} /> : <Card loading />);
  const { session, cycle, candidates, me } = data;

  if (me.hasVoted) {
    return frame(<Result status="success" title="已投票" subTitle={`${session.title}:您的选票已投入票箱。票箱只记录选择、不记录投票人,任何人(包括您)都无法查看您的选择。`} />);
  }
  if (!me.onRoll || !me.checkedIn) {
    return frame(<Result status="warning" title={me.onRoll ? '请到会场签到' : '您不在本次会议的代表名单中'} subTitle={me.onRoll ? '签到由会场签到处(主席台)办理,手机上不能签到;签到后请刷新本页。' : '如有疑问请联系大会秘书处。'} extra={<Button onClick={reload}>刷新</Button>} />);
  }
  if (session.status !== 'open') {
    return frame(<Result status="info" title={session.status === 'draft' ? '投票尚未开始' : '投票已结束'} subTitle={session.title} extra={<Button onClick={reload}>刷新</Button>} />);
  }

  const toggle = (id: string, checked: boolean) => {
    setProblem(null);
    if (checked && chosen.length >= session.seats) {
      setProblem(`最多选择 ${session.seats} 项`);
      return;
    }
    setChosen(checked ? [...chosen, id] : chosen.filter((c) => c !== id));
  };

  const cast = async () => {
    setSending(true);
    try {
      await livelihoodApi.cast(session.id, chosen);
      setConfirming(false);
      reload();
    } catch (e) {
      setConfirming(false);
      setProblem(errorMessage(e));
      if (isApiError(e) && (e.code === 'ALREADY_VOTED' || e.code === 'VOTING_CLOSED')) reload();
    } finally {
      setSending(false);
    }
  };

  return frame(
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>{cycle.title}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {session.title}。请在赞成的项目前打勾,最多选 {session.seats} 项;不选即为空白票。{session.ruleText}。
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 8 }} />}
      <Space direction="vertical" style={{ width: '100%' }} size={8}>
        {candidates.map((c, i) => {
          const checked = chosen.includes(c.id);
          return (
            <Card key={c.id} size="small" onClick={() => toggle(c.id, !checked)} style={{ borderColor: checked ? '#a8071a' : undefined, cursor: 'pointer' }}>
              <Flex gap={12} align="flex-start">
                <Checkbox checked={checked} onClick={(e) => e.stopPropagation()} onChange={(e) => toggle(c.id, e.target.checked)} style={{ transform: 'scale(1.4)', marginTop: 4 }} aria-label={c.title} />
                <div>
                  <Typography.Text strong style={{ fontSize: 16 }}>{i + 1}. {c.title}</Typography.Text>
                  <div style={{ fontSize: 13, color: '#595959' }}>
                    {c.goalText && <Tag color="red">{c.goalText}</Tag>}
                    {c.costWan !== null && <span>投资约 {c.costWan} 万元 </span>}
                    {c.scope && <span>· {c.scope}</span>}
                  </div>
                </div>
              </Flex>
            </Card>
          );
        })}
      </Space>
      <div style={{ position: 'sticky', bottom: 0, background: '#f5f5f5', padding: '12px 0' }}>
        <Button type="primary" danger block size="large" onClick={() => setConfirming(true)}>
          投票(已选 {chosen.length} / {session.seats})
        </Button>
      </div>
      <Modal open={confirming} title="确认投票" okText="确认投出" cancelText="返回修改" confirmLoading={sending} onOk={() => void cast()} onCancel={() => setConfirming(false)} width={360}>
        {chosen.length === 0 ? (
          <p>您没有选择任何项目,将投出空白票。</p>
        ) : (
          <ol style={{ paddingLeft: 20 }}>
            {candidates.filter((c) => chosen.includes(c.id)).map((c) => <li key={c.id}>{c.title}</li>)}
          </ol>
        )}
        <p>投出后不能修改,也不能再次投票。</p>
      </Modal>
    </>,
  );
}
