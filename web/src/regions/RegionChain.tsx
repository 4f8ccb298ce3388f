import { Breadcrumb, Typography } from 'antd';
import type { BreadcrumbProps } from 'antd';
import type { MouseEvent } from 'react';
import type { RegionLink } from '../api/types';

/** Props of {@link RegionChain}. */
export interface RegionChainProps {
  chain: readonly RegionLink[];
  /** The region itself, shown last and not clickable. */
  self?: { name: string };
  /** Makes the links selectable. */
  onSelect?: (code: string) => void;
  /**
   * The user's root regions. Links above them are outside the user's scope (the server
   * would answer 404), so they show as plain text.
   */
  scopeRoots?: ReadonlySet<string>;
}

/** A region's chain of parents as a Breadcrumb: 萧山区 / 瓜沥镇 / 某村 / …. */
export function RegionChain({ chain, self, onSelect, scopeRoots }: RegionChainProps) {
  const firstInScope = scopeRoots ? chain.findIndex((link) => scopeRoots.has(link.code)) : 0;
  const items: NonNullable<BreadcrumbProps['items']> = chain.map((link, index) =>
    onSelect && firstInScope >= 0 && index >= firstInScope
      ? {
          key: link.code,
          title: link.name,
          // A real href keeps "open in new tab" working; a plain click stays in the page.
          href: `/regions?code=${encodeURIComponent(link.code)}`,
          onClick: (event: MouseEvent<HTMLElement>) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey) return;
            event.preventDefault();
            onSelect(link.code);
          },
        }
      : { key: link.code, title: link.name },
  );
  if (self) items.push({ key: 'self', title: <Typography.Text strong>{self.name}</Typography.Text> });
  if (items.length === 0) return <Typography.Text type="secondary">(顶级区域)</Typography.Text>;
  return <Breadcrumb items={items} />;
}
