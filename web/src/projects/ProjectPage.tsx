/**
 * One project: details and light, the milestone timeline (planned against actual), the monthly
 * investment chart, the monthly report form, stage-change requests and their approval, and
 * problems raised to supervision.
 */
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Row, Select, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { EChart } from '../charts/EChart';
import { PROJECT_STAGES, STAGE_LABELS, STAGE_REQUEST_LABELS, type ProjectStage } from '../../../src/shared/project-vocabulary';
import { useCurrentUser } from '../auth/AuthContext';
import { fetchProject, postDecision, postProblem, postReport, postStageRequest, type ProjectDetail, type StageRequest } from './api';
import { investmentOption, milestoneOption } from './charts';
import { money, percent } from './format';
import { LightTag } from './LibraryPage';
import { DepartmentSelect } from '../cases/widgets';
import { EditProjectModal } from './ProjectFormModal';
import { YearPlanModal } from './YearPlanModal';

function today(): string {
  // The date in China, as the server judges "future".
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function ReportForm({ detail, onSaved }: { detail: ProjectDetail; onSaved(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: number; month: number; amountWan: number; progressPercent?: number; progress?: string; note?: string }>();
  const [saving, setSaving] = useState(false);
  const now = today();
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ year: Number(now.slice(0, 4)), month: Math.max(1, Number(now.slice(5, 7)) - 1) }}
      onFinish={(values) => {
        setSaving(true);
        postReport(detail.project.id, {
          year: values.year,
          month: values.month,
          completedInvestment: Math.round(values.amountWan * 1e4),
          progressPercent: values.progressPercent ?? null,
          progress: values.progress,
          note: values.note,
        })
          .then((r) => {
            message.success(`已填报 ${r.report.year}年${r.report.month}月(第 ${r.report.revision} 版)`);
            form.resetFields(['amountWan', 'progress', 'note']);
            onSaved();
          })
          .catch((e: unknown) => message.error(errorMessage(e)))
          .finally(() => setSaving(false));
      }}
      style={{ rowGap: 8 }}
    >
      <Form.Item name="year" label="年份" rules={[{ required: true }]}>
        <InputNumber min={1990} max={2100} style={{ width: 90 }} />
      </Form.Item>
      <Form.Item name="month" label="月份" rules={[{ required: true }]}>
        <InputNumber min={1} max={12} style={{ width: 70 }} />
      </Form.Item>
      <Form.Item name="amountWan" label="当月完成投资(万元)" rules={[{ required: true, message: '请填写金额' }]}>
        <InputNumber min={0} step={10} style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name="progressPercent" label="形象进度%">
        <InputNumber min={0} max={100} style={{ width: 80 }} />
      </Form.Item>
      <Form.Item name="progress" label="进度说明">
        <Input style={{ width: 220 }} maxLength={1000} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          提交填报
        </Button>
      </Form.Item>
    </Form>
  );
}

function StageRequestModal({ detail, open, onClose }: { detail: ProjectDetail; open: boolean; onClose(saved: boolean): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ stage: ProjectStage; date: { format(f: string): string }; note?: string }>();
  const [saving, setSaving] = useState(false);
  const next = PROJECT_STAGES.find((s) => !detail.milestones.find((m) => m.stage === s)?.actualDate);
  return (
    <Modal
      title="申请节点变更(记录实际日期,经审批后生效)"
      open={open}
      onCancel={() => onClose(false)}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ stage: next }}
        onFinish={(values) => {
          setSaving(true);
          postStageRequest(detail.project.id, { stage: values.stage, actualDate: values.date.format('YYYY-MM-DD'), note: values.note })
            .then(() => {
              message.success('已提交,待审批');
              onClose(true);
            })
            .catch((e: unknown) => message.error(errorMessage(e)))
            .finally(() => setSaving(false));
        }}
      >
        <Form.Item name="stage" label="节点" rules={[{ required: true }]}>
          <Select options={PROJECT_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} />
        </Form.Item>
        <Form.Item name="date" label="实际日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProblemModal({ detail, open, onClose }: { detail: ProjectDetail; open: boolean; onClose(saved: boolean): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; description?: string; leadDepartmentCode?: string }>();
  const [saving, setSaving] = useState(false);
  // A district-wide project without an owner department has no unit to lead its problems: the raiser names one.
  const needsLead = detail.project.ownerDepartmentCode === null && detail.project.townCode === null;
  return (
    <Modal title="反映问题(转为督办事项)" open={open} onCancel={() => onClose(false)} confirmLoading={saving} onOk={() => form.submit()} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => {
          setSaving(true);
          postProblem(detail.project.id, values)
            .then((r) => {
              message.success(`已转督办${r.problem.supervisionItemCode ? `:${r.problem.supervisionItemCode}` : ''}`);
              onClose(true);
            })
            .catch((e: unknown) => message.error(errorMessage(e)))
            .finally(() => setSaving(false));
        }}
      >
        <Form.Item name="title" label="问题" rules={[{ required: true, message: '请填写问题' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label="详细情况">
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        {needsLead && (
          <Form.Item name="leadDepartmentCode" label="主办部门" rules={[{ required: true, message: '该项目未指定责任部门,请选择主办部门' }]} extra="该项目为全区项目且未指定责任部门,请选择负责办理此问题的部门">
            <DepartmentSelect placeholder="选择主办部门" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The decision buttons of a pending request the viewer may decide. */
export function DecisionButtons({ request, onDone }: { request: StageRequest; onDone(): void }) {
  const { message, modal } = App.useApp();
  if (!request.canDecide) return null;
  const decide = (approve: boolean) =>
    modal.confirm({
      title: approve ? `批准:${request.stageLabel} ${request.actualDate}` : `退回:${request.stageLabel} ${request.actualDate}`,
      onOk: () =>
        postDecision(request.id, { approve, version: request.version })
          .then(() => {
            message.success(approve ? '已批准' : '已退回');
            onDone();
          })
          .catch((e: unknown) => message.error(errorMessage(e))),
    });
  return (
    <Space>
      <Button size="small" type="primary" onClick={() => decide(true)}>
        批准
      </Button>
      <Button size="small" danger onClick={() => decide(false)}>
        退回
      </Button>
    </Space>
  );
}

/** The project page. */
export function ProjectPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [requesting, setRequesting] = useState(false);
  const [raising, setRaising] = useState(false);
  const [editing, setEditing] = useState(false);
  const [planning, setPlanning] = useState(false);
  const user = useCurrentUser();
  const state = useApi((signal) => fetchProject(Number(id), undefined, signal), [id]);
  if (state.error !== undefined) return <Alert type="error" title={errorMessage(state.error)} action={<Button onClick={() => navigate('/projects')}>返回项目库</Button>} />;
  const detail = state.data;
  if (!detail) return <Spin style={{ margin: 80 }} />;
  const p = detail.project;
  const { canEdit } = detail.permissions;
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        data-testid="project-header"
        title={
          <Space>
            <Button type="link" onClick={() => navigate('/projects')} style={{ padding: 0 }}>
              项目库
            </Button>
            <span>/</span>
            <span>{p.name}</span>
            <LightTag light={p.light} reasons={p.reasons} />
          </Space>
        }
        extra={
          <Space>
            {canEdit && <Button onClick={() => setEditing(true)}>编辑项目</Button>}
            {canEdit && <Button onClick={() => setPlanning(true)}>年度计划</Button>}
            {canEdit && <Button onClick={() => setRequesting(true)}>申请节点变更</Button>}
            <Button onClick={() => setRaising(true)}>反映问题</Button>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="项目编号">{p.code}</Descriptions.Item>
          <Descriptions.Item label="级别">{p.levelLabel}</Descriptions.Item>
          <Descriptions.Item label="所在镇街">{p.townName ?? '全区'}</Descriptions.Item>
          <Descriptions.Item label="业主单位">{p.ownerUnit}</Descriptions.Item>
          <Descriptions.Item label="责任部门">{p.ownerDepartmentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="分类">{p.tags.map((t) => <Tag key={t.code}>{t.name}</Tag>)}</Descriptions.Item>
          <Descriptions.Item label="建设地点">{p.location || '—'}</Descriptions.Item>
          <Descriptions.Item label="总投资">{money(p.totalInvestment)}</Descriptions.Item>
          <Descriptions.Item label="当前阶段">{p.stageLabel}</Descriptions.Item>
          <Descriptions.Item label={`${detail.period.year}年计划投资`}>{money(p.plannedThisYear)}</Descriptions.Item>
          <Descriptions.Item label={`1–${detail.period.month}月完成`}>
            {money(p.completedYtd)}(完成率 {percent(p.completion)},序时 {percent(p.timeProgress)})
          </Descriptions.Item>
          <Descriptions.Item label="累计完成投资">{money(detail.completedToDate)}</Descriptions.Item>
        </Descriptions>
        {p.reasons.length > 0 && <Alert style={{ marginTop: 8 }} type={p.light === 'red' ? 'error' : p.light === 'yellow' ? 'warning' : 'success'} title={p.reasons.join(';')} />}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title="节点计划与实际(甘特图)">
            <EChart option={milestoneOption(detail, today())} style={{ height: 300 }} data-testid="milestone-chart" />
            <Table
              size="small"
              rowKey="stage"
              pagination={false}
              dataSource={detail.milestones}
              columns={[
                { title: '节点', dataIndex: 'label', width: 70 },
                { title: '计划日期', dataIndex: 'plannedDate', render: (v: string | null) => v ?? '—' },
                { title: '实际日期', dataIndex: 'actualDate', render: (v: string | null) => v ?? '—' },
                { title: '', dataIndex: 'pendingRequestId', render: (v: number | null) => (v ? <Tag color="processing">待审批</Tag> : null) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`${detail.period.year}年月度投资(计划与完成)`} extra={canEdit ? <Button size="small" onClick={() => setPlanning(true)}>编辑计划</Button> : null}>
            <EChart option={investmentOption(detail)} style={{ height: 300 }} data-testid="investment-chart" />
          </Card>
        </Col>
      </Row>
      {canEdit && (
        <Card size="small" title="月度填报">
          <ReportForm detail={detail} onSaved={state.reload} />
        </Card>
      )}
      <Card size="small" title="月度报告">
        <Table
          size="small"
          rowKey={(r) => `${r.year}-${r.month}`}
          pagination={false}
          dataSource={[...detail.reports].reverse()}
          locale={{ emptyText: <Empty description="本年尚无填报" /> }}
          columns={[
            { title: '月份', render: (_: unknown, r) => `${r.year}年${r.month}月`, width: 100 },
            { title: '当月完成投资', dataIndex: 'completedInvestment', render: money, width: 130 },
            { title: '形象进度', dataIndex: 'progressPercent', render: (v: number | null) => (v === null ? '—' : `${v}%`), width: 90 },
            { title: '进度说明', dataIndex: 'progress' },
            { title: '版本', dataIndex: 'revision', width: 60 },
            { title: '填报人', dataIndex: 'reportedBy', width: 160 },
          ]}
        />
      </Card>
      <Card size="small" title="节点变更申请">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={detail.requests}
          locale={{ emptyText: '暂无申请' }}
          columns={[
            { title: '节点', dataIndex: 'stageLabel', width: 70 },
            { title: '实际日期', dataIndex: 'actualDate', width: 110 },
            { title: '说明', dataIndex: 'note' },
            { title: '申请人', dataIndex: 'requestedBy', width: 150 },
            { title: '状态', dataIndex: 'state', width: 80, render: (s: StageRequest['state']) => <Tag color={s === 'pending' ? 'processing' : s === 'approved' ? 'success' : 'default'}>{STAGE_REQUEST_LABELS[s]}</Tag> },
            { title: '审批', width: 150, render: (_: unknown, r) => (r.state === 'pending' ? <DecisionButtons request={r} onDone={state.reload} /> : `${r.decidedBy ?? ''} ${r.decisionNote ?? ''}`) },
          ]}
        />
      </Card>
      <Card size="small" title="问题与督办">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={detail.problems}
          locale={{ emptyText: '暂无问题' }}
          columns={[
            { title: '问题', dataIndex: 'title', width: 200 },
            { title: '详细情况', dataIndex: 'description' },
            { title: '反映人', dataIndex: 'raisedBy', width: 150 },
            { title: '反映时间', dataIndex: 'raisedAt', width: 110, render: (v: string) => v.slice(0, 10) },
            { title: '督办事项', dataIndex: 'supervisionItemCode', width: 140, render: (v: string | null) => (v ? <Tag color="blue">{v}</Tag> : '未转督办') },
          ]}
        />
      </Card>
      <StageRequestModal
        detail={detail}
        open={requesting}
        onClose={(saved) => {
          setRequesting(false);
          if (saved) state.reload();
        }}
      />
      {canEdit && (
        <EditProjectModal
          user={user}
          detail={detail}
          open={editing}
          onClose={(reload) => {
            setEditing(false);
            if (reload) state.reload();
          }}
        />
      )}
      {canEdit && (
        <YearPlanModal
          detail={detail}
          open={planning}
          onClose={(reload) => {
            setPlanning(false);
            if (reload) state.reload();
          }}
        />
      )}
      <ProblemModal
        detail={detail}
        open={raising}
        onClose={(saved) => {
          setRaising(false);
          if (saved) state.reload();
        }}
      />
    </Flex>
  );
}
