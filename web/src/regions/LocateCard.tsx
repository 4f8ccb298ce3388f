import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { LocateResult } from '../api/types';
import { locatePoint } from './api';
import { RegionChain } from './RegionChain';

interface LocateValues {
  lon: number;
  lat: number;
}

/** 坐标定位: which micro-grid holds a longitude/latitude, and the chain above it. */
export function LocateCard({ onSelect }: { onSelect: (code: string) => void }) {
  const [result, setResult] = useState<LocateResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);

  const onFinish = async (values: LocateValues) => {
    setLocating(true);
    setError(null);
    try {
      setResult(await locatePoint(values.lon, values.lat));
    } catch (caught) {
      setResult(null);
      setError(errorMessage(caught));
    } finally {
      setLocating(false);
    }
  };

  return (
    <Card title="坐标定位" size="small" data-testid="locate-card">
      <Form<LocateValues> layout="inline" onFinish={onFinish} style={{ rowGap: 8 }}>
        <Form.Item name="lon" label="经度" rules={[{ required: true, message: '请输入经度' }]}>
          <InputNumber min={-180} max={180} step={0.0001} precision={6} placeholder="如 120.4567" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请输入纬度' }]}>
          <InputNumber min={-90} max={90} step={0.0001} precision={6} placeholder="如 30.2345" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<EnvironmentOutlined />} loading={locating}>
            定位
          </Button>
        </Form.Item>
      </Form>
      <div style={{ marginTop: 12 }} data-testid="locate-result">
        {error && <Alert type="error" showIcon title={`定位失败:${error}`} />}
        {result && !result.found && <Alert type="warning" showIcon title="该点不在任何微网格内" />}
        {result?.found && result.microgrid && (
          <Alert
            type="success"
            showIcon
            title={
              <Flex gap={8} wrap align="baseline">
                <span>
                  位于微网格 <Typography.Text strong>{result.microgrid.name}</Typography.Text>
                </span>
                <Typography.Text type="secondary">{result.microgrid.code}</Typography.Text>
                <Typography.Link onClick={() => result.microgrid && onSelect(result.microgrid.code)}>查看</Typography.Link>
              </Flex>
            }
            description={<RegionChain chain={result.chain.filter((link) => link.code !== result.microgrid?.code)} self={{ name: result.microgrid.name }} onSelect={onSelect} />}
          />
        )}
      </div>
    </Card>
  );
}
