import { TreeSelect } from 'antd';
import { useEffect, useState, type CSSProperties } from 'react';
import type { RegionView } from '../api/types';
import { fetchChildRegions, fetchRootRegions } from '../regions/api';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

function toNode(region: RegionView, parent: string | null): Node {
  return {
    id: region.code,
    pId: parent,
    value: region.code,
    title: `${region.name}(${region.levelLabel})`,
    isLeaf: region.level !== 'district',
  };
}

/** Props of {@link IndicatorRegionSelect}; `value`/`onChange` make it a Form control. */
export interface IndicatorRegionSelectProps {
  value?: string;
  onChange?: (code: string) => void;
  placeholder?: string;
  id?: string;
  status?: 'error' | 'warning' | '';
  style?: CSSProperties;
  allowClear?: boolean;
}

/**
 * The region picker of the indicator pages: the same region tree as RegionPicker, cut at the
 * levels targets and figures exist for, the district and its towns (镇街).
 */
export function IndicatorRegionSelect({
  value,
  onChange,
  placeholder = '请选择区县或镇街',
  id,
  status,
  style,
  allowClear = false,
}: IndicatorRegionSelectProps) {
  const [nodes, setNodes] = useState<Node[]>([]);
  const [loading, setLoading] = useState(true);
  const [expanded, setExpanded] = useState<(string | number)[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const roots = (await fetchRootRegions(controller.signal)).filter((r) => r.level === 'district' || r.level === 'town');
      const towns = await Promise.all(
        roots.map(async (root) =>
          root.level === 'district'
            ? (await fetchChildRegions(root.code, controller.signal)).filter((r) => r.level === 'town').map((r) => toNode(r, root.code))
            : [],
        ),
      );
      if (controller.signal.aborted) return;
      setNodes([...roots.map((r) => toNode(r, null)), ...towns.flat()]);
      setExpanded(roots.map((r) => r.code));
    })()
      .catch(() => undefined)
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, []);

  return (
    <TreeSelect
      id={id}
      status={status}
      value={value}
      onChange={onChange}
      loading={loading}
      treeDataSimpleMode
      treeData={nodes}
      treeExpandedKeys={expanded}
      onTreeExpand={(keys) => setExpanded(keys.filter((k): k is string | number => typeof k !== 'bigint'))}
      placeholder={placeholder}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      style={{ width: '100%', ...style }}
    />
  );
}
