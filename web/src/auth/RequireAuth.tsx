import { Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../api/types';
import { useAuth } from './AuthContext';

/** Where the login page sends the person back to. */
export interface LoginRedirectState {
  from?: string;
}

/** Shows its children only to a logged-in user; everyone else goes to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { ready, user } = useAuth();
  const location = useLocation();
  if (!ready) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" description="正在加载…">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </Flex>
    );
  }
  if (!user) {
    const state: LoginRedirectState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}

/** Shows its children only to the given roles; others see a 403 page. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !roles.includes(user.role)) {
    return <Result status="403" title="无权访问" subTitle="您的角色无权使用此模块,如需开通请联系系统管理员。" />;
  }
  return <>{children}</>;
}
