import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Calendar, Card, Col, Empty, Flex, Row, Table, Tag, Tooltip, Typography, theme } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn'; // registers the Chinese week (Monday first) the pickers' zh_CN locale asks for
import { memo, useMemo } from 'react';
import { errorMessage } from '../api/client';
import { DAY_KIND_LABELS, DAY_KIND_MARKS, dateKey, formatDate, isoWeekdayOf, pickerDateKey, weekdayName } from './format';
import type { CalendarDay } from './types';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** Colours of the marks: red for 休, blue for 班 (antd's palette). */
const KIND_STYLE = {
  holiday: { background: '#fff1f0', color: '#cf1322', mark: '#f5222d' },
  workday: { background: '#e6f4ff', color: '#0958d9', mark: '#1677ff' },
} as const;

interface MonthProps {
  year: number;
  month: number;
  days: ReadonlyMap<string, CalendarDay>;
  weekendDays: readonly number[];
  today: string;
  onPick?: (date: string) => void;
}

/** One date of a month card: 休 / 班 marked, weekends greyed, the holiday's name in a tooltip. */
function DateCell({ date, day, weekend, today }: { date: Dayjs; day: CalendarDay | undefined; weekend: boolean; today: boolean }) {
  const { token } = theme.useToken();
  const style = day ? KIND_STYLE[day.kind] : null;
  const cell = (
    <div
      data-date={pickerDateKey(date)}
      data-kind={day?.kind ?? (weekend ? 'weekend' : 'workday-normal')}
      style={{
        position: 'relative',
        margin: '0 auto',
        width: 30,
        height: 26,
        lineHeight: '26px',
        borderRadius: 4,
        textAlign: 'center',
        background: style?.background ?? (weekend ? token.colorFillQuaternary : undefined),
        color: style?.color ?? (weekend ? token.colorTextQuaternary : token.colorText),
        fontWeight: day ? 600 : undefined,
        outline: today ? `1px solid ${token.colorPrimary}` : undefined,
      }}
    >
      {date.date()}
      {day && style && (
        <span
          style={{
            position: 'absolute',
            top: -5,
            right: -6,
            fontSize: 10,
            lineHeight: '13px',
            padding: '0 2px',
            borderRadius: 3,
            color: '#fff',
            background: style.mark,
            fontWeight: 400,
          }}
        >
          {DAY_KIND_MARKS[day.kind]}
        </span>
      )}
    </div>
  );
  if (!day) return cell;
  const title = `${formatDate(day.date)} ${DAY_KIND_LABELS[day.kind]}${day.name ? ` · ${day.name}` : ''}`;
  return <Tooltip title={title}>{cell}</Tooltip>;
}

/** One month as a small antd Calendar, fixed to that month. */
const MonthCalendar = memo(function MonthCalendar({ year, month, days, weekendDays, today, onPick }: MonthProps) {
  const first = useMemo(() => dayjs(`${dateKey(year, month, 1)}T00:00:00`), [year, month]);
  const prefix = `${year}-${String(month).padStart(2, '0')}-`;
  let holidays = 0;
  let workdays = 0;
  for (const day of days.values()) {
    if (!day.date.startsWith(prefix)) continue;
    if (day.kind === 'holiday') holidays += 1;
    else workdays += 1;
  }
  return (
    <Card
      size="small"
      title={`${month}月`}
      extra={
        <Flex gap={4}>
          {holidays > 0 && <Tag color="red" style={{ marginInlineEnd: 0 }}>休 {holidays}</Tag>}
          {workdays > 0 && <Tag color="blue" style={{ marginInlineEnd: 0 }}>班 {workdays}</Tag>}
        </Flex>
      }
      styles={{ body: { padding: '4px 8px 8px' } }}
      data-testid={`month-${month}`}
    >
      <Calendar
        fullscreen={false}
        value={first}
        headerRender={() => null}
        fullCellRender={(date, info) => {
          if (info.type !== 'date') return info.originNode;
          // Days of the neighbouring months stay blank: each card shows only its own month.
          if (date.month() !== month - 1) return <div style={{ height: 26 }} />;
          const key = pickerDateKey(date);
          return (
            <DateCell date={date} day={days.get(key)} weekend={weekendDays.includes(isoWeekdayOf(date))} today={key === today} />
          );
        }}
        onSelect={(date, info) => {
          if (info.source !== 'date' || date.month() !== month - 1 || !onPick) return;
          onPick(pickerDateKey(date));
        }}
        // Only admins can click a date; for everyone else the dates are not buttons.
        styles={{ item: { cursor: onPick ? 'pointer' : 'default' } }}
      />
    </Card>
  );
});

/** Props of {@link YearView}. */
export interface YearViewProps {
  year: number;
  days: readonly CalendarDay[] | undefined;
  loading: boolean;
  error: unknown;
  weekendDays: readonly number[];
  today: string;
  /** Admins only: a date was clicked. */
  onPick?: (date: string) => void;
}

/** The twelve months of a year, then the table of its special days. */
export function YearView({ year, days, loading, error, weekendDays, today, onPick }: YearViewProps) {
  const byDate = useMemo(() => new Map((days ?? []).map((d) => [d.date, d])), [days]);
  const holidays = (days ?? []).filter((d) => d.kind === 'holiday').length;
  const workdays = (days ?? []).length - holidays;

  const columns: TableColumnsType<CalendarDay> = [
    { title: '日期', dataIndex: 'date', width: 140, render: (date: string) => formatDate(date) },
    { title: '星期', key: 'weekday', width: 90, render: (_, day) => weekdayName(day.date) },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 130,
      filters: [
        { text: DAY_KIND_LABELS.holiday, value: 'holiday' },
        { text: DAY_KIND_LABELS.workday, value: 'workday' },
      ],
      onFilter: (value, day) => day.kind === value,
      render: (kind: CalendarDay['kind']) => (
        <Tag color={kind === 'holiday' ? 'red' : 'blue'}>
          {DAY_KIND_MARKS[kind]} · {DAY_KIND_LABELS[kind]}
        </Tag>
      ),
    },
    { title: '名称', dataIndex: 'name', render: (name: string | null) => name ?? <Typography.Text type="secondary">—</Typography.Text> },
    ...(onPick
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, day: CalendarDay) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onPick(day.date)}>
                修改
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      {error !== undefined && <Alert type="error" showIcon title={`${year}年节假日加载失败:${errorMessage(error)}`} />}
      <Flex gap={16} wrap align="center">
        <Typography.Text type="secondary">
          {days ? `${year}年共 ${holidays} 个法定节假日、${workdays} 个调休上班日。` : ' '}
          {onPick && '点击日期可设为休、班或恢复正常。'}
        </Typography.Text>
        <Flex gap={12} align="center" style={{ fontSize: 12 }}>
          <Legend background={KIND_STYLE.holiday.background} color={KIND_STYLE.holiday.color} mark="休" markColor={KIND_STYLE.holiday.mark} label="法定节假日" />
          <Legend background={KIND_STYLE.workday.background} color={KIND_STYLE.workday.color} mark="班" markColor={KIND_STYLE.workday.mark} label="调休上班" />
          <Legend background="rgba(0,0,0,0.04)" color="rgba(0,0,0,0.25)" text="六" label="周末" />
        </Flex>
      </Flex>
      <Row gutter={[12, 12]} data-testid="year-grid" style={{ opacity: loading ? 0.6 : 1 }}>
        {MONTHS.map((month) => (
          <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
            <MonthCalendar year={year} month={month} days={byDate} weekendDays={weekendDays} today={today} onPick={onPick} />
          </Col>
        ))}
      </Row>
      <Card size="small" title={`${year}年节假日与调休`}>
        <Table<CalendarDay>
          rowKey="date"
          size="small"
          columns={columns}
          dataSource={days ? [...days] : []}
          loading={loading}
          pagination={false}
          locale={{ emptyText: <Empty description={`${year}年暂无节假日与调休安排`} /> }}
          data-testid="special-days"
        />
      </Card>
    </Flex>
  );
}

interface LegendProps {
  background: string;
  color: string;
  /** The mark in a coloured box (休 / 班), or `text` in the cell's own colour. */
  mark?: string;
  markColor?: string;
  text?: string;
  label: string;
}

/** One key of the legend, drawn like a date cell. */
function Legend({ background, color, mark, markColor, text, label }: LegendProps) {
  return (
    <Flex gap={4} align="center">
      <span
        style={{ display: 'inline-block', minWidth: 18, height: 18, lineHeight: '18px', textAlign: 'center', borderRadius: 3, background, color }}
      >
        {mark ? <span style={{ color: '#fff', background: markColor, borderRadius: 3, padding: '0 3px' }}>{mark}</span> : text}
      </span>
      <span>{label}</span>
    </Flex>
  );
}
