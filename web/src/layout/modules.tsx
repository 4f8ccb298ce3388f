import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FlagOutlined,
  HeartOutlined,
  ProjectOutlined,
  SyncOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { ROLES } from '../auth/roles';

/** One module of the left menu. */
export interface AppModule {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
  roles: readonly Role[];
  /** A sentence for the placeholder page of modules that are not built yet. */
  summary: string;
}

/** The modules of the platform, in menu order, with the roles that see each. */
export const MODULES: readonly AppModule[] = [
  {
    key: 'dashboard',
    path: '/dashboard',
    label: '驾驶舱',
    icon: <DashboardOutlined />,
    roles: ROLES,
    summary: '全区治理态势总览:事件、目标、项目的关键指标与趋势。',
  },
  {
    key: 'events',
    path: '/events',
    label: '事件闭环',
    icon: <SyncOutlined />,
    roles: ['admin', 'supervisor', 'town_admin', 'operator', 'dispatcher', 'department_handler', 'grid_worker'],
    summary: '事件上报、受理、派遣、处置、核查与归档的全流程闭环。',
  },
  {
    key: 'targets',
    path: '/indicators',
    label: '目标指标',
    icon: <AimOutlined />,
    roles: ['admin', 'supervisor', 'town_admin', 'viewer'],
    summary: '年度目标分解、指标填报与完成情况跟踪。',
  },
  {
    key: 'projects',
    path: '/projects',
    label: '重点项目',
    icon: <ProjectOutlined />,
    roles: ['admin', 'supervisor', 'town_admin', 'department_handler', 'deputy', 'viewer'],
    summary: '重点项目库:节点计划、月度投资与形象进度、红黄绿灯。',
  },
  {
    key: 'livelihood',
    path: '/livelihood',
    label: '民生实事',
    icon: <HeartOutlined />,
    roles: ['admin', 'supervisor', 'town_admin', 'department_handler', 'deputy', 'viewer'],
    summary: '民生实事项目:征集、筛选、人大代表票决、实施与评估。',
  },
  {
    key: 'supervision',
    path: '/supervision',
    label: '督查督办',
    icon: <FlagOutlined />,
    roles: ['admin', 'supervisor', 'town_admin', 'department_handler', 'deputy', 'viewer'],
    summary: '督办事项的交办、签收、反馈与办结,三色督办单与红黄黑榜。',
  },
  {
    key: 'reports',
    path: '/reports',
    label: '报告',
    icon: <FileTextOutlined />,
    roles: ['admin', 'supervisor', 'town_admin', 'viewer'],
    summary: '成绩单:从平台实时数据生成半年度、年度工作成绩单。',
  },
  {
    key: 'regions',
    path: '/regions',
    label: '区域与网格',
    icon: <ApartmentOutlined />,
    roles: ROLES,
    summary: '区县、镇街、村社、网格与微网格的层级与地图。',
  },
  {
    key: 'calendar',
    path: '/calendar',
    label: '工作日历',
    icon: <CalendarOutlined />,
    roles: ['admin', 'supervisor', 'town_admin', 'operator', 'dispatcher', 'department_handler'],
    summary: '工作时间、法定节假日与调休安排,以及按工作时、工作日计算办理时限。',
  },
  {
    key: 'users',
    path: '/users',
    label: '用户与权限',
    icon: <TeamOutlined />,
    roles: ['admin', 'town_admin'],
    summary: '用户账号、角色与所属区域管理。',
  },
  {
    key: 'audit',
    path: '/audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    roles: ['admin', 'supervisor'],
    summary: '所有数据变更的留痕记录与哈希链校验。',
  },
];

/** The module with `key`; throws on a typo, which only a developer can cause. */
export function moduleByKey(key: string): AppModule {
  const found = MODULES.find((m) => m.key === key);
  if (!found) throw new Error(`unknown module ${key}`);
  return found;
}

/** The modules a role may open. */
export function modulesForRole(role: Role): AppModule[] {
  return MODULES.filter((m) => m.roles.includes(role));
}
