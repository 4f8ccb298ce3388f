import { CalendarOutlined, ClockCircleOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Select, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useCurrentUser } from '../auth/AuthContext';
import { fetchCalendar, fetchCalendarDays } from './api';
import { DayModal, type DayEditing } from './DayModal';
import { DeadlineCard } from './DeadlineCard';
import { currentYear, formatDayLength, formatHours, formatWeekendDays, todayKey } from './format';
import { HoursModal } from './HoursModal';
import { ImportCard } from './ImportCard';
import type { CalendarView } from './types';
import { YearView } from './YearView';

/** Who edits the calendar; the server checks again (everyone else gets 403). */
const CALENDAR_EDITORS = ['admin'] as const;

/** The years the picker offers: two back to one ahead of this year, plus every year with special days. */
function yearOptions(years: readonly number[], selected: number): { value: number; label: string }[] {
  const now = currentYear();
  const all = new Set<number>([...years, selected]);
  for (let year = now - 2; year <= now + 1; year += 1) all.add(year);
  return [...all].sort((a, b) => b - a).map((year) => ({ value: year, label: `${year}年` }));
}

/** The header: the calendar's name, working hours and weekend days; admins edit them. */
function HeaderCard({
  calendar,
  years,
  editor,
  onEdit,
}: {
  calendar: CalendarView;
  years: readonly number[];
  editor: boolean;
  onEdit: () => void;
}) {
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <CalendarOutlined />
          <span data-testid="calendar-name">{calendar.name}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12 }}>
            {calendar.code}
          </Typography.Text>
        </Flex>
      }
      extra={
        editor && (
          <Button icon={<EditOutlined />} onClick={onEdit}>
            编辑工作时间
          </Button>
        )
      }
      size="small"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, lg: 3 }}
        items={[
          {
            key: 'hours',
            label: '工作时间',
            children: (
              <span data-testid="working-hours">
                <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
                {formatHours(calendar.workingHours)}
              </span>
            ),
          },
          { key: 'length', label: '每日工时', children: formatDayLength(calendar.workingHours) },
          { key: 'weekend', label: '每周休息日', children: <span data-testid="weekend-days">{formatWeekendDays(calendar.weekendDays)}</span> },
          {
            key: 'years',
            label: '已维护节假日',
            span: 'filled',
            children:
              years.length === 0 ? (
                <Typography.Text type="warning">尚未维护任何年份</Typography.Text>
              ) : (
                <Flex gap={4} wrap>
                  {[...years]
                    .sort((a, b) => a - b)
                    .map((y) => (
                      <Tag key={y} style={{ marginInlineEnd: 0 }}>
                        {y}年
                      </Tag>
                    ))}
                </Flex>
              ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        工作时只计工作日的工作时间;工作日为每周非休息日,扣除法定节假日,加上调休上班日;紧急工作时全天候计时;自然日按日历天数。均为北京时间。
      </Typography.Text>
    </Card>
  );
}

/** 工作日历: the working calendar, its holidays by year, the iCalendar import and the deadline calculator. */
export function CalendarPage() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const editor = (CALENDAR_EDITORS as readonly string[]).includes(user.role);
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  const calendar = useApi((signal) => fetchCalendar(signal), []);
  const days = useApi((signal) => fetchCalendarDays(year, signal), [year]);
  const [editingHours, setEditingHours] = useState(false);
  const [editingDay, setEditingDay] = useState<DayEditing | null>(null);
  const today = useMemo(() => todayKey(), []);

  const info = calendar.data;
  const weekendDays = useMemo(() => info?.calendar.weekendDays ?? [6, 7], [info]);
  const dayList = days.data;

  const pick = useCallback(
    (date: string) => setEditingDay({ date, day: dayList?.find((d) => d.date === date) ?? null, weekendDays }),
    [dayList, weekendDays],
  );

  const reloadAll = () => {
    calendar.reload();
    days.reload();
  };

  if (!info) {
    return (
      <Card>
        {calendar.error !== undefined ? (
          <Alert
            type="error"
            showIcon
            title={`工作日历加载失败:${errorMessage(calendar.error)}`}
            action={
              <Button size="small" onClick={calendar.reload}>
                重试
              </Button>
            }
          />
        ) : (
          <Skeleton active />
        )}
      </Card>
    );
  }

  return (
    <Flex vertical gap={16}>
      <HeaderCard calendar={info.calendar} years={info.years} editor={editor} onEdit={() => setEditingHours(true)} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={editor ? 14 : 24}>
          <DeadlineCard />
        </Col>
        {editor && (
          <Col xs={24} xl={10}>
            <ImportCard onImported={reloadAll} />
          </Col>
        )}
      </Row>
      <Card
        title={`${year}年工作日历`}
        extra={
          <Flex gap={8}>
            <Select<number>
              aria-label="年份"
              value={year}
              style={{ width: 110 }}
              options={yearOptions(info.years, year)}
              onChange={(next) => setParams({ year: String(next) }, { replace: true })}
            />
            <Button icon={<ReloadOutlined />} onClick={reloadAll}>
              刷新
            </Button>
          </Flex>
        }
      >
        <YearView
          year={year}
          days={dayList}
          loading={days.loading}
          error={days.error}
          weekendDays={weekendDays}
          today={today}
          onPick={editor ? pick : undefined}
        />
      </Card>
      {editor && (
        <HoursModal
          open={editingHours}
          calendar={info.calendar}
          onClose={() => setEditingHours(false)}
          onReload={async () => {
            const fresh = await fetchCalendar();
            calendar.reload();
            return fresh.calendar;
          }}
          onSaved={(saved) => {
            message.success(`已保存工作时间:${formatHours(saved.workingHours)}`);
            setEditingHours(false);
            calendar.reload();
          }}
        />
      )}
      <DayModal
        editing={editingDay}
        onClose={() => setEditingDay(null)}
        onSaved={(text) => {
          message.success(text);
          setEditingDay(null);
          reloadAll();
        }}
      />
    </Flex>
  );
}
