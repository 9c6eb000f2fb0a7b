import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'antd/dist/reset.css';
import './styles.css';
import { config as zodConfig } from 'zod/v4/core';
import { applyNonceToStyleElements, readCspNonce } from './csp';
import { SessionProvider } from './session/session';
import { AppRoutes } from './routes';

dayjs.locale('zh-cn');

// The campaign schema (src/domain, shared with the server) is zod: without this, zod probes
// `new Function` once to decide whether to compile its parsers, which the CSP (no 'unsafe-eval')
// refuses and reports as a violation.
zodConfig({ jitless: true });

// After a new release the old hashed chunks are gone: a lazy page of the old build then fails to
// load, and loading the new index.html once fixes it (at most every 10 s, so a real outage
// shows the error page instead of a reload loop).
window.addEventListener('vite:preloadError', () => {
  const lastReload = Number(sessionStorage.getItem('zp-reloaded-at') ?? 0);
  if (Date.now() - lastReload > 10_000) {
    sessionStorage.setItem('zp-reloaded-at', String(Date.now()));
    window.location.reload();
  }
});

const nonce = readCspNonce();
if (nonce) applyNonceToStyleElements(nonce);

const theme = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      headerPadding: '0 16px',
      siderBg: '#ffffff',
      bodyBg: '#f3f5f9',
      footerBg: '#f3f5f9',
    },
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} csp={{ nonce }} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
