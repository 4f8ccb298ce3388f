/**
 * 时限: one card per clock of the case (派遣, 处置, 核查, 结案) with a progress bar in the
 * clock's colour, the deadline, the time used of the time allowed, and whether it is paused.
 */
import { Card, Col, Empty, Flex, Progress, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { SLA_STAGE_LABELS } from '../../../src/shared/case-vocabulary';
import { formatLimit, formatRemaining, formatSpan, formatTime, SLA_HEX } from './format';
import type { CaseClock } from './types';

/** The state of a clock in a word: 已完成, 已暂停, 已超时 or what is left. */
function ClockState({ clock }: { clock: CaseClock }) {
  if (clock.paused) return <Tag color="gold">已暂停</Tag>;
  if (clock.end) return <Tag color={clock.overdue ? 'error' : 'success'}>{clock.overdue ? '超时完成' : '按时完成'}</Tag>;
  return (
    <Typography.Text style={{ color: SLA_HEX[clock.colour] }} strong>
      {formatRemaining(clock.remainingMinutes, clock.kind, clock.overdue)}
    </Typography.Text>
  );
}

/** A label and a value on one line. */
function ClockLine({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Flex justify="space-between" gap={8}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <span style={{ textAlign: 'right' }}>{children}</span>
    </Flex>
  );
}

/** One clock as a card. */
function ClockCard({ clock }: { clock: CaseClock }) {
  const percent = Math.min(100, Math.max(0, Math.round(clock.fraction * 100)));
  return (
    <Card size="small" data-testid={`clock-${clock.stage}`} data-colour={clock.colour}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong>{SLA_STAGE_LABELS[clock.stage] ?? clock.stage}</Typography.Text>
        <ClockState clock={clock} />
      </Flex>
      <Progress
        percent={percent}
        strokeColor={SLA_HEX[clock.colour]}
        status={clock.overdue ? 'exception' : clock.end ? 'success' : 'normal'}
        format={() => `${Math.round(clock.fraction * 100)}%`}
        size="small"
      />
      <Flex vertical gap={2} style={{ fontSize: 12 }}>
        <ClockLine label="时限">{formatLimit({ kind: clock.kind, amount: clock.amount })}</ClockLine>
        <ClockLine label="截止">{formatTime(clock.deadline)}</ClockLine>
        <ClockLine label="已用 / 允许">
          {formatSpan(clock.usedMinutes, clock.kind)} / {formatSpan(clock.allowedMinutes, clock.kind)}
        </ClockLine>
        {clock.end && <ClockLine label="完成于">{formatTime(clock.end)}</ClockLine>}
      </Flex>
    </Card>
  );
}

/** The clocks of a case, side by side. */
export function SlaClocks({ clocks }: { clocks: CaseClock[] }) {
  return (
    <Card size="small" title="办理时限">
      {clocks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未开始计时(立案后计时)" />
      ) : (
        <Row gutter={[12, 12]}>
          {clocks.map((clock) => (
            <Col key={clock.stage} xs={24} sm={12} xxl={6}>
              <ClockCard clock={clock} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
