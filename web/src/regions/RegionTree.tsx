import { Alert, AutoComplete, Empty, Flex, Input, Spin, Tag, Tree, Typography } from 'antd';
import type { GetRef, TreeDataNode } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import type { RegionLink, RegionView } from '../api/types';
import { fetchChildRegions, fetchRootRegions, searchRegions } from './api';
import { LEVEL_COLORS } from './levels';

/** Props of {@link RegionTree}. */
export interface RegionTreeProps {
  selectedCode: string | null;
  /** The selected region's parents from the top, so the tree can open down to it. */
  selectedChain: readonly RegionLink[] | null;
  onSelect: (code: string) => void;
  /** Called once with the user's root regions, so the page can pick a first selection. */
  onRootsLoaded?: (roots: RegionView[]) => void;
  height: number;
}

interface RegionNode extends TreeDataNode {
  key: string;
  region: RegionView;
}

function nodeTitle(region: RegionView) {
  return (
    <span className="region-tree-title">
      <span>{region.name}</span>
      <Tag color={LEVEL_COLORS[region.level]} style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
        {region.levelLabel}
      </Tag>
    </span>
  );
}

/**
 * The region tree, loaded a level at a time from `GET /api/regions?parent=`, with a search
 * box above it. Opens itself down to whatever the page selects, including picks from the map.
 */
export function RegionTree({ selectedCode, selectedChain, onSelect, onRootsLoaded, height }: RegionTreeProps) {
  const [roots, setRoots] = useState<RegionView[] | null>(null);
  const [rootError, setRootError] = useState<string | null>(null);
  const [childrenOf, setChildrenOf] = useState<Record<string, RegionView[]>>({});
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);
  const loaded = useRef(new Map<string, RegionView[]>());
  const inflight = useRef(new Map<string, Promise<RegionView[]>>());
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const onRootsLoadedRef = useRef(onRootsLoaded);
  useLayoutEffect(() => {
    onRootsLoadedRef.current = onRootsLoaded;
  });

  const loadChildren = useCallback((code: string): Promise<RegionView[]> => {
    const known = loaded.current.get(code);
    if (known) return Promise.resolve(known);
    const pending = inflight.current.get(code);
    if (pending) return pending;
    const request = fetchChildRegions(code)
      .then((children) => {
        loaded.current.set(code, children);
        setChildrenOf((prev) => ({ ...prev, [code]: children }));
        return children;
      })
      .finally(() => inflight.current.delete(code));
    inflight.current.set(code, request);
    return request;
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    fetchRootRegions(controller.signal)
      .then(async (found) => {
        setRoots(found);
        onRootsLoadedRef.current?.(found);
        // A single root (the usual case: one district or one town) opens at once.
        const only = found.length === 1 ? found[0] : undefined;
        if (only && only.level !== 'microgrid') {
          await loadChildren(only.code);
          if (!controller.signal.aborted) setExpandedKeys((keys) => (keys.includes(only.code) ? keys : [...keys, only.code]));
        }
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setRootError(errorMessage(error));
      });
    return () => controller.abort();
  }, [loadChildren]);

  // Open the tree down to the selected region and bring it into view.
  useEffect(() => {
    if (!selectedCode || !selectedChain) return;
    let cancelled = false;
    const ancestors = selectedChain.map((link) => link.code);
    (async () => {
      for (const code of ancestors) {
        if (cancelled) return;
        await loadChildren(code);
      }
      if (cancelled) return;
      setExpandedKeys((keys) => [...new Set([...keys, ...ancestors])]);
      // Wait a frame so the virtual list knows about the newly opened rows.
      requestAnimationFrame(() => {
        if (!cancelled) treeRef.current?.scrollTo({ key: selectedCode, align: 'auto' });
      });
    })().catch(() => {
      // The tree simply stays as it is; the page shows the region from its own request.
    });
    return () => {
      cancelled = true;
    };
  }, [selectedCode, selectedChain, loadChildren]);

  const treeData = useMemo(() => {
    const build = (region: RegionView): RegionNode => {
      const children = childrenOf[region.code];
      return {
        key: region.code,
        title: nodeTitle(region),
        region,
        isLeaf: region.level === 'microgrid' || (children !== undefined && children.length === 0),
        children: children && children.length > 0 ? children.map(build) : undefined,
      };
    };
    return (roots ?? []).map(build);
  }, [roots, childrenOf]);

  if (rootError) return <Alert type="error" showIcon title={`区域加载失败:${rootError}`} />;

  return (
    <Flex vertical gap={12}>
      <RegionSearch onSelect={onSelect} />
      {roots === null ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : roots.length === 0 ? (
        <Empty description="您的账号未关联任何区域" />
      ) : (
        <Tree<RegionNode>
          ref={treeRef}
          data-testid="region-tree"
          blockNode
          showLine
          height={height}
          treeData={treeData}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpandedKeys(keys.map(String))}
          selectedKeys={selectedCode ? [selectedCode] : []}
          onSelect={(_keys, info) => onSelect(info.node.key)}
          loadData={async (node) => {
            await loadChildren(node.key);
          }}
        />
      )}
    </Flex>
  );
}

/** Finds regions by name or code and selects the one picked. */
function RegionSearch({ onSelect }: { onSelect: (code: string) => void }) {
  const [text, setText] = useState('');
  const [results, setResults] = useState<RegionView[]>([]);
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setSearching(true);
      searchRegions(q, 20, controller.signal)
        .then(setResults)
        .catch(() => {
          if (!controller.signal.aborted) setResults([]);
        })
        .finally(() => {
          if (!controller.signal.aborted) setSearching(false);
        });
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const options = results.map((region) => ({
    value: region.code,
    label: (
      <Flex justify="space-between" gap={8}>
        <span>
          {region.name}
          <Tag color={LEVEL_COLORS[region.level]} style={{ marginInlineStart: 6 }}>
            {region.levelLabel}
          </Tag>
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {region.code}
        </Typography.Text>
      </Flex>
    ),
  }));

  return (
    <AutoComplete
      value={text}
      options={options}
      onChange={setText}
      onSelect={(code: string) => {
        setText('');
        onSelect(code);
      }}
      notFoundContent={text.trim() && !searching ? '未找到匹配的区域' : undefined}
      style={{ width: '100%' }}
    >
      <Input.Search placeholder="搜索名称或编码" allowClear loading={searching} data-testid="region-search" />
    </AutoComplete>
  );
}
