import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import type { RegionView } from '../api/types';
import { fetchChildRegions, fetchRootRegions } from './api';

interface PickerNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

function toNode(region: RegionView): PickerNode {
  return {
    id: region.code,
    pId: region.parentCode,
    value: region.code,
    title: `${region.name}(${region.levelLabel})`,
    isLeaf: region.level === 'microgrid',
  };
}

/** Props of {@link RegionPicker}; `value`/`onChange` make it a Form control. */
export interface RegionPickerProps {
  value?: string;
  onChange?: (code: string) => void;
  placeholder?: string;
  id?: string;
  status?: 'error' | 'warning' | '';
}

/** Picks one region from the user's own subtree, loading the tree a level at a time. */
export function RegionPicker({ value, onChange, placeholder = '请选择所属区域', id, status }: RegionPickerProps) {
  const [nodes, setNodes] = useState<PickerNode[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    fetchRootRegions(controller.signal)
      .then((roots) => setNodes(roots.map(toNode)))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  const loadData = async (node: { value?: string | number }) => {
    const code = String(node.value);
    const children = await fetchChildRegions(code);
    setNodes((prev) => {
      const known = new Set(prev.map((n) => n.id));
      const added = children.filter((c) => !known.has(c.code)).map(toNode);
      // A region without children is a leaf once we know it, so it loses its expander.
      const next = prev.map((n) => (n.id === code && children.length === 0 ? { ...n, isLeaf: true } : n));
      return [...next, ...added];
    });
  };

  return (
    <TreeSelect
      id={id}
      status={status}
      value={value}
      onChange={onChange}
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      placeholder={placeholder}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      style={{ width: '100%' }}
    />
  );
}
