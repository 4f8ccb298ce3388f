/**
 * One cycle: its phase, candidates (propose, screen), ballot sessions (set up, open, close,
 * count, runoff; the deputy's way to the phone ballot) and the results of the chosen projects.
 */
import { Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useCurrentUser } from '../auth/AuthContext';
import { CANDIDATE_SOURCES, FEASIBILITIES, FEASIBILITY_LABELS, LIVELIHOOD_PHASES, PHASE_LABELS, SOURCE_LABELS } from '../../../src/shared/livelihood-vocabulary';
import { livelihoodApi, type Candidate, type CountResult, type Session } from './api';
import { PhaseSteps } from './CyclesPage';
import { ResultsTab } from './ResultsTab';
import { LoadError, canManage, useLoad } from './shared';

async function run(action: () => Promise<unknown>, done: () => void, ok = '已保存') {
  try {
    await action();
    void message.success(ok);
    done();
  } catch (e) {
    void message.error(errorMessage(e));
  }
}

/** The result sheet of a counted session as a table. */
export function ResultSheet({ result, seats }: { result: CountResult; seats: number }) {
  return (
    <div>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} bordered style={{ marginBottom: 8 }}>
        <Descriptions.Item label="应到代表">{result.roll}</Descriptions.Item>
        <Descriptions.Item label="实到代表">{result.present}</Descriptions.Item>
        <Descriptions.Item label="会议">{result.valid ? <Tag color="green">有效(需{result.quorumNeeded}人)</Tag> : <Tag color="red">未达法定人数</Tag>}</Descriptions.Item>
        <Descriptions.Item label="收回选票">
          {result.cast}(空白 {result.blank},无效 {result.invalid})
        </Descriptions.Item>
        <Descriptions.Item label="通过需得票">{result.runoff ? '另行投票,得票多者当选' : result.passNeeded}</Descriptions.Item>
        <Descriptions.Item label="当选">
          {result.elected.length} / {seats}
        </Descriptions.Item>
      </Descriptions>
      {result.recorded && <Typography.Text type="secondary">本结果为纸质选票计票后录入,系统未保存选票。</Typography.Text>}
      <Table
        size="small"
        rowKey="candidateId"
        pagination={false}
        dataSource={result.tallies}
        columns={[
          { title: '序号', width: 60, render: (_v, _t, i) => i + 1 },
          { title: '项目', dataIndex: 'candidateId', render: (id: string) => result.titles[id] ?? id },
          { title: '得票', dataIndex: 'votes', width: 80 },
          {
            title: '结果',
            width: 160,
            render: (_v, t) =>
              t.outcome === 'elected' ? <Tag color="green">当选</Tag> : t.outcome === 'runoff' ? <Tag color="orange">票数相同,另行投票</Tag> : <Tag>{result.runoff ? '未当选' : t.passes ? '过半数未当选' : '未过半数'}</Tag>,
          },
        ]}
      />
      {result.tied.length > 0 && <Typography.Text type="warning">末位票数相同,需就剩余 {result.runoffSeats} 个名额另行投票。</Typography.Text>}
      {result.unfilledSeats > 0 && <Typography.Text type="warning">{result.valid ? `得票过半数的项目少于应选名额,空缺 ${result.unfilledSeats} 项,可补选或确认按已当选项目实施。` : `出席未达法定人数,票决无效,需重新投票。`}</Typography.Text>}
    </div>
  );
}

/** The cycle page. */
export function CyclePage() {
  const { cycleId = '' } = useParams();
  const user = useCurrentUser();
  const manager = canManage(user.role);
  const { data, error, loading, reload } = useLoad((signal) => livelihoodApi.cycle(cycleId, signal), [cycleId]);
  const [proposing, setProposing] = useState(false);
  const [screening, setScreening] = useState<Candidate | null>(null);
  const [settingUp, setSettingUp] = useState(false);
  const [proposeForm] = Form.useForm();
  const [screenForm] = Form.useForm();
  const [sessionForm] = Form.useForm();

  if (!data) return <Card loading={loading}><LoadError error={error} /></Card>;
  const { cycle, candidates, sessions } = data;
  const next = LIVELIHOOD_PHASES[LIVELIHOOD_PHASES.indexOf(cycle.phase) + 1];
  const lastResult = sessions.at(-1)?.result ?? null;
  // Entering implementing after an invalid ballot or with empty seats needs the explicit acceptance.
  const fewer = next === 'implementing' && lastResult !== null && lastResult.tied.length === 0 && (!lastResult.valid || lastResult.unfilledSeats > 0);
  const electedCount = candidates.filter((c) => c.outcome === 'elected').length;
  const titles = Object.fromEntries(candidates.map((c) => [c.id, c.title]));

  const sessionActions = (s: Session) => (
    <Space wrap>
      <Link to={`../sessions/${s.id}/live`}>实时计数</Link>
      {user.role === 'deputy' && (s.status === 'open' || s.status === 'draft') && <Link to={`/ballot/${s.id}`}>去投票(手机)</Link>}
      {manager && s.status === 'draft' && (
        <Popconfirm title="开始投票后代表名单不能再改,确定开始?" onConfirm={() => void run(() => livelihoodApi.sessionAction(s.id, 'open'), reload, '投票已开始')}>
          <Button type="primary" size="small">开始投票</Button>
        </Popconfirm>
      )}
      {manager && s.status === 'open' && (
        <Popconfirm title="结束投票后不能再投,确定结束?" onConfirm={() => void run(() => livelihoodApi.sessionAction(s.id, 'close'), reload, '投票已结束')}>
          <Button danger size="small">结束投票</Button>
        </Popconfirm>
      )}
      {manager && s.status === 'closed' && (
        <Button type="primary" size="small" onClick={() => void run(() => livelihoodApi.sessionAction(s.id, 'count'), reload, '计票完成')}>
          计票
        </Button>
      )}
      {manager && cycle.phase === 'balloting' && s.status === 'counted' && (s.result?.tied.length ?? 0) > 0 && s.id === sessions.at(-1)?.id && (
        <Button size="small" onClick={() => void run(() => livelihoodApi.sessionAction(s.id, 'runoff'), reload, '已设立另行投票')}>
          设立另行投票
        </Button>
      )}
      {manager && cycle.phase === 'balloting' && s.status === 'counted' && s.result && s.result.tied.length === 0 && (!s.result.valid || s.result.unfilledSeats > 0) && s.id === sessions.at(-1)?.id && (
        <Popconfirm
          title={s.result.valid ? `就空缺的 ${s.result.unfilledSeats} 个名额,在未当选项目中重新投票?` : '本次票决无效,按相同候选项目和名额重新投票?'}
          onConfirm={() => void run(() => livelihoodApi.createSession(cycle.id, {}), reload, '已设立新一轮投票,请重新签到')}
        >
          <Button size="small">{s.result.valid ? '补选空缺名额' : '重新投票'}</Button>
        </Popconfirm>
      )}
    </Space>
  );

  const tabs = [
    {
      key: 'candidates',
      label: `候选项目(${candidates.length})`,
      children: (
        <>
          {(manager || user.role === 'deputy') && cycle.phase === 'collecting' && (
            <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setProposing(true)}>
              提出候选项目
            </Button>
          )}
          <Table<Candidate>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={candidates}
            expandable={{ expandedRowRender: (c) => <Typography.Paragraph style={{ margin: 0 }}>{c.description || '—'}{c.screeningNote ? `;论证意见:${c.screeningNote}` : ''}</Typography.Paragraph> }}
            columns={[
              { title: '项目', dataIndex: 'title' },
              { title: '来源', dataIndex: 'sourceLabel', width: 90, render: (l: string, c) => <span title={c.proposer ?? ''}>{l}</span> },
              { title: '目标', dataIndex: 'goalText', width: 170 },
              { title: '投资(万元)', dataIndex: 'costWan', width: 100 },
              { title: '责任部门', dataIndex: 'departmentCode', width: 90 },
              { title: '论证', dataIndex: 'feasibilityLabel', width: 80, render: (l: string, c) => <Tag color={c.feasibility === 'feasible' ? 'green' : c.feasibility === 'infeasible' ? 'red' : 'default'}>{l}</Tag> },
              { title: '票决', width: 140, render: (_v, c) => (c.outcomeLabel ? <Tag color={c.outcome === 'elected' ? 'green' : c.outcome === 'runoff' ? 'orange' : 'default'}>{c.outcomeLabel}</Tag> : c.onBallot ? <Tag color="blue">列入票决</Tag> : null) },
              ...(manager && (cycle.phase === 'collecting' || cycle.phase === 'screening')
                ? [
                    {
                      title: '操作',
                      width: 80,
                      render: (_v: unknown, c: Candidate) => (
                        <Button
                          size="small"
                          onClick={() => {
                            screenForm.setFieldsValue({ ...c });
                            setScreening(c);
                          }}
                        >
                          论证
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      ),
    },
    {
      key: 'ballot',
      label: '代表票决',
      children: (
        <>
          {manager && cycle.phase === 'balloting' && sessions.length === 0 && (
            <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setSettingUp(true)}>
              设立票决会议
            </Button>
          )}
          {sessions.length === 0 && <Typography.Paragraph type="secondary">尚未设立票决会议。</Typography.Paragraph>}
          {sessions.map((s) => (
            <Card key={s.id} size="small" style={{ marginBottom: 12 }} title={`第${s.round}轮 · ${s.title}`} extra={<Tag color={s.status === 'open' ? 'red' : s.status === 'counted' ? 'green' : 'default'}>{s.statusLabel}</Tag>}>
              <Typography.Paragraph type="secondary">
                {s.ruleText};候选 {s.candidateIds.length} 项:{s.candidateIds.map((id) => titles[id]).join('、')}
              </Typography.Paragraph>
              {sessionActions(s)}
              {s.result && (
                <div style={{ marginTop: 12 }}>
                  <ResultSheet result={s.result} seats={s.seats} />
                </div>
              )}
            </Card>
          ))}
        </>
      ),
    },
    ...(LIVELIHOOD_PHASES.indexOf(cycle.phase) >= LIVELIHOOD_PHASES.indexOf('implementing')
      ? [{ key: 'results', label: '实施跟踪', children: <ResultsTab cycleId={cycle.id} phase={cycle.phase} /> }]
      : []),
  ];

  return (
    <Card
      title={cycle.title}
      extra={
        manager && next ? (
          <Popconfirm
            title={fewer ? `最近一次票决${lastResult?.valid ? `空缺 ${lastResult.unfilledSeats} 个名额` : '无效'}。不再投票,确认按已当选的 ${electedCount} 个项目进入实施?` : `进入“${PHASE_LABELS[next]}”阶段?`}
            onConfirm={() => void run(() => livelihoodApi.setPhase(cycle.id, next, cycle.version, fewer), reload, `已进入${PHASE_LABELS[next]}`)}
          >
            <Button>进入下一阶段:{PHASE_LABELS[next]}</Button>
          </Popconfirm>
        ) : null
      }
    >
      <PhaseSteps phase={cycle.phase} />
      <Tabs style={{ marginTop: 16 }} defaultActiveKey={cycle.phase === 'balloting' ? 'ballot' : LIVELIHOOD_PHASES.indexOf(cycle.phase) >= 3 ? 'results' : 'candidates'} items={tabs} />

      <Modal title="提出候选项目" open={proposing} okText="提交" onCancel={() => setProposing(false)} destroyOnHidden
        onOk={() => void proposeForm.validateFields().then((v: Record<string, unknown>) => run(() => livelihoodApi.propose(cycle.id, clean(v)), () => { setProposing(false); reload(); }, '已提交'))}>
        <Form form={proposeForm} layout="vertical" initialValues={{ source: 'department' }}>
          <Form.Item name="title" label="项目名称" rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
          <Form.Item name="description" label="内容与理由"><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
          {manager && (
            <Form.Item name="source" label="来源">
              <Select options={CANDIDATE_SOURCES.filter((s) => s !== 'deputy').map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
            </Form.Item>
          )}
          {manager && <Form.Item name="proposerLabel" label="提出人/渠道"><Input maxLength={100} /></Form.Item>}
          <Form.Item name="goalText" label="量化目标(如:新增托位160个)"><Input maxLength={200} /></Form.Item>
          <Space>
            <Form.Item name="goalValue" label="目标值"><InputNumber min={0} /></Form.Item>
            <Form.Item name="goalUnit" label="单位"><Input style={{ width: 80 }} maxLength={20} /></Form.Item>
            <Form.Item name="costWan" label="估算投资(万元)"><InputNumber min={0} /></Form.Item>
          </Space>
          <Form.Item name="scope" label="实施范围"><Input maxLength={500} /></Form.Item>
        </Form>
      </Modal>

      <Modal title={`筛选论证:${screening?.title ?? ''}`} open={screening !== null} okText="保存" onCancel={() => setScreening(null)} destroyOnHidden
        onOk={() => void screenForm.validateFields().then((v: Record<string, unknown>) => run(() => livelihoodApi.screen(screening?.id ?? '', { ...clean(pickScreening(v)), version: screening?.version }), () => { setScreening(null); reload(); }))}>
        <Form form={screenForm} layout="vertical">
          <Form.Item name="feasibility" label="论证结论"><Select options={FEASIBILITIES.map((f) => ({ value: f, label: FEASIBILITY_LABELS[f] }))} /></Form.Item>
          <Form.Item name="onBallot" valuePropName="checked"><Checkbox>列入代表票决(须论证可行)</Checkbox></Form.Item>
          <Form.Item name="screeningNote" label="论证意见"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Space>
            <Form.Item name="costWan" label="投资(万元)"><InputNumber min={0} /></Form.Item>
            <Form.Item name="departmentCode" label="责任部门编码"><Input style={{ width: 100 }} /></Form.Item>
          </Space>
          <Form.Item name="goalText" label="量化目标"><Input maxLength={200} /></Form.Item>
          <Space>
            <Form.Item name="goalValue" label="目标值"><InputNumber min={0} /></Form.Item>
            <Form.Item name="goalUnit" label="单位"><Input style={{ width: 80 }} /></Form.Item>
          </Space>
        </Form>
      </Modal>

      <Modal title="设立票决会议" open={settingUp} okText="设立" onCancel={() => setSettingUp(false)} destroyOnHidden
        onOk={() => void sessionForm.validateFields().then((v: { title?: string; seats: number; quorumN: number; quorumD: number; passN: number; passD: number; passBase: 'roll' | 'present' | 'cast' }) =>
          run(() => livelihoodApi.createSession(cycle.id, {
            title: v.title || undefined,
            seats: v.seats,
            quorum: { numerator: v.quorumN, denominator: v.quorumD, strict: true },
            pass: { numerator: v.passN, denominator: v.passD, strict: true, base: v.passBase },
          }), () => { setSettingUp(false); reload(); }, '已设立,本级人大代表已列入名单'))}>
        <Typography.Paragraph type="secondary">候选项目为全部“列入票决”的项目;代表名单为账号属于本级的人大代表(可在设立后调整名单);代表不能在手机上签到,开始投票前由主席团在签到处为到会代表签到(实时计数页)。</Typography.Paragraph>
        <Form form={sessionForm} layout="vertical" initialValues={{ seats: Math.min(cycle.plannedSeats, candidates.filter((c) => c.onBallot).length), quorumN: 2, quorumD: 3, passN: 1, passD: 2, passBase: 'roll' }}>
          <Form.Item name="title" label="会议名称(可选)"><Input maxLength={200} /></Form.Item>
          <Form.Item name="seats" label="应选名额" rules={[{ required: true }]}><InputNumber min={1} max={100} /></Form.Item>
          <Space>
            <Form.Item name="quorumN" label="出席超过(分子)"><InputNumber min={0} /></Form.Item>
            <Form.Item name="quorumD" label="分母"><InputNumber min={1} /></Form.Item>
          </Space>
          <Space>
            <Form.Item name="passN" label="得票超过(分子)"><InputNumber min={0} /></Form.Item>
            <Form.Item name="passD" label="分母"><InputNumber min={1} /></Form.Item>
            <Form.Item name="passBase" label="基数">
              <Select style={{ width: 120 }} options={[{ value: 'roll', label: '全体代表' }, { value: 'present', label: '出席代表' }, { value: 'cast', label: '投票代表' }]} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

function clean(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
}

function pickScreening(v: Record<string, unknown>): Record<string, unknown> {
  const keys = ['feasibility', 'onBallot', 'screeningNote', 'costWan', 'departmentCode', 'goalText', 'goalValue', 'goalUnit'];
  return Object.fromEntries(keys.map((k) => [k, v[k] === null ? undefined : v[k]]));
}
