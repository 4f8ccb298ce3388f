/**
 * A time limit typed as an amount and a kind: [ 4 ][ 工作时 ▾ ]. A Form control.
 */
import { InputNumber, Select, Space } from 'antd';
import { LIMIT_KIND_LABELS, LIMIT_KINDS } from './format';
import type { Limit, LimitKind } from './types';

/** Props of {@link LimitInput}. */
export interface LimitInputProps {
  value?: Limit;
  onChange?: (limit: Limit) => void;
  id?: string;
  'aria-label'?: string;
}

/** True for the kinds counted in whole days. */
function isDayKind(kind: LimitKind): boolean {
  return kind === 'working_days' || kind === 'natural_days';
}

/** Amount and kind of one limit. */
export function LimitInput({ value, onChange, id, 'aria-label': label }: LimitInputProps) {
  const kind = value?.kind ?? 'working_hours';
  return (
    <Space.Compact id={id} style={{ width: '100%' }}>
      <InputNumber<number>
        value={value?.amount ?? null}
        min={isDayKind(kind) ? 1 : 0.5}
        max={9999}
        step={isDayKind(kind) ? 1 : 0.5}
        precision={isDayKind(kind) ? 0 : undefined}
        onChange={(amount) => onChange?.({ kind, amount: amount ?? 0 })}
        style={{ width: '45%' }}
        aria-label={label ? `${label}时长` : '时长'}
      />
      <Select<LimitKind>
        value={kind}
        onChange={(next) => onChange?.({ kind: next, amount: value?.amount ?? 0 })}
        options={LIMIT_KINDS.map((k) => ({ value: k, label: LIMIT_KIND_LABELS[k] }))}
        style={{ width: '55%' }}
        aria-label={label ? `${label}计时方式` : '计时方式'}
      />
    </Space.Compact>
  );
}
