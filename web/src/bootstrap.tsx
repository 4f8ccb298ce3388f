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

// Waiting for the opened page's code lets it draw without a loading step; a download that
// stalls must not leave the page blank, so after a while the app starts anyway (and shows
// its loading indicator until the code is in).
const PRELOAD_WAIT_MS = 1500;
const preloaded = Promise.race([preloadOpenedPage().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, PRELOAD_WAIT_MS))]);

void preloaded.then(() =>
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
