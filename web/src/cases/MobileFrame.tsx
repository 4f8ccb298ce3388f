/**
 * The frame of the phone pages (巡查上报 and a case opened from it): a sticky bar with a back
 * button, the title and who is logged in, over one narrow column. They live outside the desktop
 * shell, whose menu and header leave no room on a 390 px screen.
 */
import { LeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../auth/AuthContext';

/** Props of {@link MobileFrame}. */
export interface MobileFrameProps {
  title: string;
  /** Where the back button goes; one step back in the history when absent. */
  back?: string;
  children: ReactNode;
  testId?: string;
}

/** A phone page: sticky title bar and a centred column at most 560 px wide. */
export function MobileFrame({ title, back, children, testId }: MobileFrameProps) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', minHeight: '100vh', background: '#f5f5f5' }} data-testid={testId}>
      <Flex
        align="center"
        justify="space-between"
        style={{ position: 'sticky', top: 0, zIndex: 10, background: '#001529', padding: '8px 12px' }}
      >
        <Button
          type="text"
          size="large"
          icon={<LeftOutlined />}
          onClick={() => (back ? navigate(back) : navigate(-1))}
          style={{ color: '#fff' }}
          aria-label="返回"
        />
        <Typography.Text strong style={{ color: '#fff', fontSize: 17 }}>
          {title}
        </Typography.Text>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', fontSize: 13, minWidth: 40, textAlign: 'right' }}>
          {user.displayName}
        </Typography.Text>
      </Flex>
      <div style={{ padding: 12 }}>{children}</div>
    </div>
  );
}
