import { Breadcrumb, Typography } from 'antd';
import type { RegionLink } from '../api/types';

/** Props of {@link RegionChain}. */
export interface RegionChainProps {
  chain: readonly RegionLink[];
  /** The region itself, shown last and not clickable. */
  self?: { name: string };
  /** Makes every link selectable. */
  onSelect?: (code: string) => void;
}

/** A region's chain of parents as a Breadcrumb: 萧山区 / 瓜沥镇 / 某村 / …. */
export function RegionChain({ chain, self, onSelect }: RegionChainProps) {
  const items = chain.map((link) => ({
    key: link.code,
    title: onSelect ? (
      <Typography.Link
        onClick={(event) => {
          event.preventDefault();
          onSelect(link.code);
        }}
      >
        {link.name}
      </Typography.Link>
    ) : (
      link.name
    ),
  }));
  if (self) items.push({ key: 'self', title: <Typography.Text strong>{self.name}</Typography.Text> });
  if (items.length === 0) return <Typography.Text type="secondary">(顶级区域)</Typography.Text>;
  return <Breadcrumb items={items} />;
}
