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

/** Props of {@link LocateCard}. */
export interface LocateCardProps {
  onSelect: (code: string) => void;
  /** See {@link RegionChain}. */
  scopeRoots?: ReadonlySet<string>;
}

/** 坐标定位: which micro-grid holds a longitude/latitude, and the chain above it. */
export function LocateCard({ onSelect, scopeRoots }: LocateCardProps) {
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
      <Form<LocateValues> onFinish={onFinish} requiredMark={false}>
        <Flex gap={8}>
          <Form.Item name="lon" rules={[{ required: true, message: '请输入经度' }]} style={{ flex: 1, marginBottom: 8 }}>
            <InputNumber<number>
              min={-180}
              max={180}
              step={0.0001}
              prefix="经度" placeholder="120.4567"
              aria-label="经度"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="lat" rules={[{ required: true, message: '请输入纬度' }]} style={{ flex: 1, marginBottom: 8 }}>
            <InputNumber<number>
              min={-90}
              max={90}
              step={0.0001}
              prefix="纬度" placeholder="30.2345"
              aria-label="纬度"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" icon={<EnvironmentOutlined />} loading={locating} block>
          定位到微网格
        </Button>
      </Form>
      <div style={{ marginTop: result || error ? 12 : 0 }} data-testid="locate-result">
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
                <Typography.Link onClick={() => result.microgrid && onSelect(result.microgrid.code)}>查看</Typography.Link>
              </Flex>
            }
            description={
              <Flex vertical gap={4}>
                <RegionChain
                  chain={result.chain.filter((link) => link.code !== result.microgrid?.code)}
                  self={{ name: result.microgrid.name }}
                  onSelect={onSelect}
                  scopeRoots={scopeRoots}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  编码 {result.microgrid.code}
                </Typography.Text>
              </Flex>
            }
          />
        )}
      </div>
    </Card>
  );
}
