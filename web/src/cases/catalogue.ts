/**
 * The category catalogue as the pickers and the catalogue page need it: one shared load per
 * page visit, and the classes as a tree 部件/事件 → 大类 → 小类.
 */
import { CATEGORY_KIND_LABELS, CATEGORY_KINDS } from '../../../src/shared/case-vocabulary';
import { useApi, type ApiState } from '../api/useApi';
import { fetchCatalogue } from './api';
import type { Catalogue, Category } from './types';

/** The catalogue, loaded on mount. */
export function useCatalogue(): ApiState<Catalogue> {
  return useApi((signal) => fetchCatalogue(signal), []);
}

/** True for a minor class (the level a case is filed under). */
export function isMinor(category: Category): boolean {
  return category.parentCode !== null;
}

/** A node of the category tree pickers. */
export interface CategoryNode {
  value: string;
  title: string;
  selectable?: boolean;
  disabled?: boolean;
  children?: CategoryNode[];
}

/**
 * The tree 部件/事件 → 大类 → 小类 of the catalogue. Only minor classes are selectable;
 * inactive ones are left out unless `includeInactive`.
 */
export function categoryTree(categories: readonly Category[], includeInactive = false): CategoryNode[] {
  const minorsOf = new Map<string, Category[]>();
  for (const c of categories) {
    if (!isMinor(c) || (!c.active && !includeInactive)) continue;
    const list = minorsOf.get(c.parentCode ?? '') ?? [];
    list.push(c);
    minorsOf.set(c.parentCode ?? '', list);
  }
  const byCode = (a: Category, b: Category) => a.code.localeCompare(b.code);
  return CATEGORY_KINDS.map((kind) => ({
    value: `kind:${kind}`,
    title: CATEGORY_KIND_LABELS[kind],
    selectable: false,
    children: categories
      .filter((c) => c.kind === kind && !isMinor(c) && (minorsOf.get(c.code)?.length ?? 0) > 0)
      .sort(byCode)
      .map((major) => ({
        value: major.code,
        title: `${major.code} ${major.name}`,
        selectable: false,
        children: (minorsOf.get(major.code) ?? []).sort(byCode).map((minor) => ({
          value: minor.code,
          title: `${minor.code} ${minor.name}${minor.active ? '' : '(停用)'}`,
        })),
      })),
  })).filter((kind) => kind.children.length > 0);
}
