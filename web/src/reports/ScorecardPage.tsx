import { DownloadOutlined, FileMarkdownOutlined, FileWordOutlined, Html5Outlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Empty, Flex, InputNumber, Select, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { IndicatorRegionSelect } from '../indicators/IndicatorRegionSelect';
import { downloadScorecard, fetchScorecardHtml, type ScorecardFormat } from './api';

/** The periods a scorecard is written for, as the server names them. */
const PERIOD_KINDS = [
  { value: 'H1', label: '上半年' },
  { value: 'Q3', label: '前三季度' },
  { value: 'year', label: '全年' },
  { value: 'Q1', label: '一季度' },
  ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1).padStart(2, '0'), label: i === 0 ? '1月' : `1—${i + 1}月` })),
];

function periodCode(year: number, kind: string): string {
  return kind === 'year' ? String(year) : `${year}-${kind}`;
}

const FORMATS: { format: ScorecardFormat; label: string; icon: React.ReactNode }[] = [
  { format: 'docx', label: 'Word', icon: <FileWordOutlined /> },
  { format: 'md', label: 'Markdown', icon: <FileMarkdownOutlined /> },
  { format: 'html', label: '网页', icon: <Html5Outlined /> },
];

/**
 * 成绩单: pick a region and a period, read the scorecard written from live data, download it
 * as Word, Markdown or HTML. Every figure comes from the platform; nobody retypes numbers.
 */
export function ScorecardPage() {
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const today = new Date();
  const [region, setRegion] = useState<string | undefined>(user?.regionCode);
  const [year, setYear] = useState<number>(today.getMonth() >= 6 ? today.getFullYear() : today.getFullYear() - 1);
  const [kind, setKind] = useState<string>('H1');
  const [html, setHtml] = useState<string | null>(null);
  const [redItems, setRedItems] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<ScorecardFormat | null>(null);
  const period = periodCode(year, kind);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (!region) return;
      setLoading(true);
      setError(null);
      try {
        const result = await fetchScorecardHtml(region, period, signal);
        setHtml(result.html);
        setRedItems(result.redItems);
      } catch (caught) {
        if (signal?.aborted) return;
        setHtml(null);
        setError(errorMessage(caught));
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [region, period],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const download = async (format: ScorecardFormat) => {
    if (!region) return;
    setDownloading(format);
    try {
      const name = await downloadScorecard(region, period, format);
      message.success(`已下载 ${name}`);
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex wrap gap={12} align="center" justify="space-between">
          <Space wrap>
            <Typography.Text>区域</Typography.Text>
            <IndicatorRegionSelect value={region} onChange={setRegion} style={{ width: 240 }} />
            <Typography.Text>年度</Typography.Text>
            <InputNumber aria-label="年度" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: 96 }} />
            <Typography.Text>期间</Typography.Text>
            <Select aria-label="期间" value={kind} onChange={setKind} options={PERIOD_KINDS} style={{ width: 120 }} />
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading}>
              刷新
            </Button>
            {html && <Tag color={redItems > 0 ? 'red' : 'green'}>{redItems > 0 ? `红色事项 ${redItems} 项` : '无红色事项'}</Tag>}
          </Space>
          <Space wrap>
            {FORMATS.map((f) => (
              <Button
                key={f.format}
                icon={downloading === f.format ? <DownloadOutlined /> : f.icon}
                loading={downloading === f.format}
                disabled={!region || !!error}
                onClick={() => void download(f.format)}
              >
                下载{f.label}
              </Button>
            ))}
          </Space>
        </Flex>
      </Card>
      {error && <Alert type="error" showIcon message="成绩单生成失败" description={error} />}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Spin spinning={loading}>
          {html ? (
            <iframe
              title="成绩单预览"
              srcDoc={html}
              // The page is our own HTML without scripts; the sandbox keeps it that way.
              sandbox=""
              style={{ width: '100%', height: 'calc(100vh - 260px)', minHeight: 480, border: 0 }}
            />
          ) : (
            !loading && <Empty style={{ padding: 48 }} description={region ? '暂无内容' : '请选择区域'} />
          )}
        </Spin>
      </Card>
    </Flex>
  );
}
