/**
 * The app itself: React, antd's provider and the routes. Loaded by the entry (main.tsx) once
 * it has started the page's first reads.
 */
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadOpenedPage } from './App';
import './global.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

void preloadOpenedPage().then(() =>
  createRoot(container).render(
    <StrictMode>
      <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
        <AntdApp>
          <App />
        </AntdApp>
      </ConfigProvider>
    </StrictMode>,
  ),
);
