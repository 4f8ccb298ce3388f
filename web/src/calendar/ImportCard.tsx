import { App, Card, Flex, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { importCalendar, isIcsFile } from './api';
import type { CalendarImportResult, RejectedEvent } from './types';
import { FileDropZone } from '../forms/FileDropZone';

type RejectedRow = RejectedEvent & { key: string };

const rejectedColumns: TableColumnsType<RejectedRow> = [
  { title: '事件', dataIndex: 'event', width: 260, render: (event: string) => <Typography.Text code>{event}</Typography.Text> },
  { title: '原因', dataIndex: 'message' },
];

/** 导入 iCalendar (admins): holidays and 调休 working days from an .ics file. */
export function ImportCard({ onImported }: { onImported: () => void }) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<CalendarImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setFileName(file.name);
    setResult(null);
    setError(null);
    if (!isIcsFile(file.name)) {
      setError('仅支持 iCalendar(.ics)文件');
      return;
    }
    setUploading(true);
    try {
      const imported = await importCalendar(file);
      setResult(imported);
      const summary = `新增休息日 ${imported.holidays} 天,新增调休上班日 ${imported.workdays} 天,未变 ${imported.unchanged} 天`;
      if (imported.rejected.length === 0) message.success(`导入完成:${summary}`);
      else message.warning(`导入完成,${imported.rejected.length} 个事件未导入`);
      if (imported.holidays > 0 || imported.workdays > 0) onImported();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card title="导入 iCalendar" size="small" style={{ height: '100%' }}>
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          导入国务院办公厅节假日安排的日历文件(.ics):放假的日期记为休,调休上班的日期记为班;已有的相同安排不会重复记录。
        </Typography.Paragraph>
        <FileDropZone
          accept=".ics,text/calendar"
          uploading={uploading}
          fileName={fileName}
          error={error}
          onFile={(file) => void upload(file)}
          prompt="点击或拖拽 .ics 文件到此处导入"
          hint="单次一个文件"
          testId="ics-dragger"
        />
        {result && (
          <Flex vertical gap={12} data-testid="ics-result">
            <Flex gap={32} wrap>
              <Statistic title="新增休息日" value={result.holidays} suffix="天" styles={{ content: { color: '#cf1322' } }} />
              <Statistic title="新增调休上班日" value={result.workdays} suffix="天" styles={{ content: { color: '#0958d9' } }} />
              <Statistic title="未变" value={result.unchanged} suffix="天" />
              <Statistic
                title="未导入事件"
                value={result.rejected.length}
                suffix="个"
                styles={{ content: { color: result.rejected.length > 0 ? '#ff4d4f' : undefined } }}
              />
            </Flex>
            {result.rejected.length > 0 && (
              <Table<RejectedRow>
                rowKey="key"
                size="small"
                columns={rejectedColumns}
                dataSource={result.rejected.map((row, index) => ({ ...row, key: `${index}-${row.event}` }))}
                pagination={result.rejected.length > 10 ? { pageSize: 10, size: 'small' } : false}
                data-testid="ics-rejected"
              />
            )}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
