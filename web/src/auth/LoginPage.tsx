import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useAuth } from './AuthContext';
import type { Role } from '../api/types';
import type { LoginRedirectState } from './RequireAuth';

interface LoginValues {
  username: string;
  password: string;
}

/** Where a freshly logged-in person lands when no page sent them here and their role has no workbench. */
export const DEFAULT_LANDING = '/regions';

/** The first page of a role: people who handle cases start at their workbench. */
export function landingFor(role: Role): string {
  if (role === 'grid_worker') return '/events/patrol';
  if (role === 'operator' || role === 'dispatcher' || role === 'department_handler') return '/events';
  // Deputies come to vote and to follow the promises: their open ballots are listed there.
  if (role === 'deputy') return '/livelihood';
  return DEFAULT_LANDING;
}

function safeTarget(state: unknown): string | null {
  const from = (state as LoginRedirectState | null)?.from;
  // Only same-app paths: never bounce to another origin or back to the login page.
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')) {
    return from;
  }
  return null;
}

/** 登录: the username + password form; shows the server's own Chinese error message. */
export function LoginPage() {
  const { ready, user, login } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = safeTarget(location.state);

  if (ready && user) return <Navigate to={target ?? landingFor(user.role)} replace />;

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await login(values.username.trim(), values.password);
      navigate(target ?? landingFor(me.role), { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(135deg, #0b3d91 0%, #1677ff 55%, #69b1ff 100%)',
      }}
    >
      <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 12px 40px rgba(0, 0, 0, 0.18)' }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            数智 · 基层治理平台
          </Typography.Title>
          <Typography.Text type="secondary">区县与镇街数字化治理</Typography.Text>
        </Flex>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<LoginValues> name="login" layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </Flex>
  );
}
