/**
 * 督办通知: the supervision notices raised by overdue cases in the viewer's scope, newest
 * first, each linking to its case. Shown on the workbench of supervisors and administrators.
 */
import { Alert, Card, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { apiGet, errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { casePath, formatTime } from './format';

interface Notice {
  id: number;
  sourceType: string;
  sourceId: string;
  title: string;
  colour: 'blue' | 'yellow' | 'red';
  raisedAt: string;
  resolvedAt: string | null;
}

const COLOURS: Record<Notice['colour'], string> = { blue: 'blue', yellow: 'gold', red: 'red' };

/** The newest supervision notices. */
export function NoticesPanel() {
  const notices = useApi((signal) => apiGet<{ items: Notice[] }>('/api/supervision-notices', { query: { limit: 20 }, signal }), []);
  const open = notices.data?.items.filter((n) => !n.resolvedAt) ?? [];
  return (
    <Card
      size="small"
      title={`督办通知(未销号 ${open.length} 件)`}
      extra={<Link to="/supervision/sources">立项督办</Link>}
      data-testid="notices-panel"
    >
      {notices.error !== undefined && <Alert type="error" showIcon title={`督办通知加载失败:${errorMessage(notices.error)}`} />}
      <List
        size="small"
        loading={notices.loading}
        dataSource={notices.data?.items ?? []}
        locale={{ emptyText: '暂无超期督办' }}
        renderItem={(n) => (
          <List.Item>
            <Tag color={n.resolvedAt ? 'default' : COLOURS[n.colour]}>{n.resolvedAt ? '已销号' : '督办'}</Tag>
            <Link to={casePath(n.sourceId)} style={{ flex: 1 }}>
              {n.title}
            </Link>
            <Typography.Text type="secondary">{formatTime(n.raisedAt)}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
