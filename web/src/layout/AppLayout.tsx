import { EnvironmentOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Flex, Layout, Menu, Tag, Tooltip, Typography, theme } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useAuth, useCurrentUser } from '../auth/AuthContext';
import { modulesForRole } from './modules';

const { Header, Sider, Content } = Layout;

/** The shell after login: a role-filtered left menu, a header with who is logged in, and the page. */
export function AppLayout() {
  const user = useCurrentUser();
  const { logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  const modules = modulesForRole(user.role);
  const current = modules.find((m) => location.pathname === m.path || location.pathname.startsWith(`${m.path}/`));

  const onLogout = async () => {
    setLoggingOut(true);
    try {
      await logout();
      navigate('/login', { replace: true });
    } catch (error) {
      message.error(`退出失败:${errorMessage(error)}`);
    } finally {
      setLoggingOut(false);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} theme="dark">
        <Flex align="center" justify="center" style={{ height: 56, color: '#fff', fontWeight: 600, fontSize: collapsed ? 16 : 17 }}>
          {collapsed ? '数智' : '数智 · 基层治理'}
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={current ? [current.key] : []}
          items={modules.map((m) => ({ key: m.key, icon: m.icon, label: m.label }))}
          onClick={({ key }) => {
            const target = modules.find((m) => m.key === key);
            if (target) navigate(target.path);
          }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Flex align="center" justify="space-between" style={{ height: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {current?.label ?? '数智 · 基层治理平台'}
            </Typography.Title>
            <Flex align="center" gap={12} data-testid="user-info">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
              <Typography.Text strong>{user.displayName}</Typography.Text>
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {user.roleLabel}
              </Tag>
              <Tooltip title={`所属区域编码 ${user.regionCode}`}>
                <Typography.Text type="secondary">
                  <EnvironmentOutlined /> {user.regionName}
                </Typography.Text>
              </Tooltip>
              <Button icon={<LogoutOutlined />} onClick={onLogout} loading={loggingOut}>
                退出登录
              </Button>
            </Flex>
          </Flex>
        </Header>
        <Content style={{ padding: 16, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
