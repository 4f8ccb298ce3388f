import { ToolOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import type { AppModule } from './modules';

/** 建设中: stands in for a module that a later release adds, and says which module it is. */
export function PlaceholderPage({ module }: { module: AppModule }) {
  return (
    <Card>
      <Result
        icon={<ToolOutlined style={{ color: '#1677ff' }} />}
        title={`${module.label} · 建设中`}
        subTitle={`「${module.label}」模块正在建设中,敬请期待。${module.summary}`}
      />
    </Card>
  );
}
