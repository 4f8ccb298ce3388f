/**
 * Where a case is: a click on the map, the device's position, or typed longitude/latitude,
 * with the micro-grid the point falls in (or the warning that it will be unrouted).
 */
import { AimOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { locatePoint } from '../regions/api';
import { CaseMap, useScopeFeatures, type LonLat } from './CaseMap';

/** Why the device gave no position, in words a person can act on. */
function geolocationMessage(error: GeolocationPositionError): string {
  if (error.code === error.PERMISSION_DENIED) return '未获得定位权限,请在地图上点选位置';
  if (error.code === error.TIMEOUT) return '定位超时,请重试或在地图上点选位置';
  return '无法获取当前位置,请在地图上点选位置';
}

/** The micro-grid under the point, or that there is none. */
function LocateHint({ point }: { point: LonLat | null }) {
  const located = useApi((signal) => (point ? locatePoint(point.lon, point.lat, signal) : null), [point?.lon, point?.lat]);
  if (!point) return <Typography.Text type="secondary">点击地图选择事件位置,或填写经纬度</Typography.Text>;
  if (located.loading) return <Typography.Text type="secondary">正在定位网格…</Typography.Text>;
  if (located.error) return <Typography.Text type="danger">网格定位失败:{errorMessage(located.error)}</Typography.Text>;
  const result = located.data;
  if (!result) return null;
  if (!result.found || !result.microgrid) {
    return <Alert type="warning" showIcon title="该点不在任何微网格内,事件将进入镇街未定位队列" />;
  }
  const chain = result.chain.map((link) => link.name).join(' / ');
  return (
    <Typography.Text type="success" data-testid="locate-hint">
      位于 {chain}
    </Typography.Text>
  );
}

interface Draft {
  lon: number | null;
  lat: number | null;
}

/** Props of {@link PointField}; `value`/`onChange` make it a Form control. */
export interface PointFieldProps {
  value?: LonLat | null;
  onChange?: (point: LonLat | null) => void;
  mapHeight?: number;
  /** Offers 获取当前位置 (the patrol page). */
  geolocate?: boolean;
  id?: string;
}

/** A map to click, optional device position, and longitude/latitude inputs. */
export function PointField({ value, onChange, mapHeight = 300, geolocate = false, id }: PointFieldProps) {
  const features = useScopeFeatures();
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const point = value ?? null;
  // What is typed: one coordinate alone is kept here until the other one comes.
  const [draft, setDraft] = useState<Draft>({ lon: point?.lon ?? null, lat: point?.lat ?? null });
  const [seen, setSeen] = useState(point);
  if (seen !== point) {
    setSeen(point);
    if (point || (draft.lon !== null && draft.lat !== null)) setDraft({ lon: point?.lon ?? null, lat: point?.lat ?? null });
  }

  const setPart = (part: keyof Draft, amount: number | null) => {
    const next = { ...draft, [part]: amount };
    setDraft(next);
    onChange?.(next.lon !== null && next.lat !== null ? { lon: next.lon, lat: next.lat } : null);
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeoError('此设备不支持定位,请在地图上点选位置');
      return;
    }
    setLocating(true);
    setGeoError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onChange?.({ lon: Number(position.coords.longitude.toFixed(6)), lat: Number(position.coords.latitude.toFixed(6)) });
      },
      (error) => {
        setLocating(false);
        setGeoError(geolocationMessage(error));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <Flex vertical gap={8} id={id}>
      {geolocate && (
        <Button icon={<AimOutlined />} size="large" block loading={locating} onClick={locate} data-testid="geolocate">
          获取当前位置
        </Button>
      )}
      {geoError && <Alert type="warning" showIcon title={geoError} />}
      <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, overflow: 'hidden' }}>
        <CaseMap
          mapKey="scope"
          features={features.data}
          loading={features.loading}
          point={point}
          height={mapHeight}
          onPick={(picked) => onChange?.(picked)}
        />
      </div>
      <Flex gap={8} wrap>
        <InputNumber<number>
          value={draft.lon}
          onChange={(amount) => setPart('lon', amount)}
          min={-180}
          max={180}
          step={0.0001}
          prefix="经度"
          aria-label="经度"
          style={{ flex: 1, minWidth: 140 }}
        />
        <InputNumber<number>
          value={draft.lat}
          onChange={(amount) => setPart('lat', amount)}
          min={-90}
          max={90}
          step={0.0001}
          prefix="纬度"
          aria-label="纬度"
          style={{ flex: 1, minWidth: 140 }}
        />
        {(point || draft.lon !== null || draft.lat !== null) && (
          <Button
            type="link"
            onClick={() => {
              setDraft({ lon: null, lat: null });
              onChange?.(null);
            }}
          >
            清除
          </Button>
        )}
      </Flex>
      <LocateHint point={point} />
    </Flex>
  );
}
