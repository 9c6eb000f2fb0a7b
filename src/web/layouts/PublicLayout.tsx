// Frame of the public pages (home, log-in, registration, 评审表查验, 证书核验, 结果公示): brand header and footer.
import type { ReactNode } from 'react';
import { Flex, Layout } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { Brand } from '../components/Brand';
import { NavButton } from '../components/NavButton';
import { useSession } from '../session/session';

function HeaderActions() {
  const { me } = useSession();
  const { pathname } = useLocation();
  if (me) {
    return (
      <NavButton type="primary" to="/app">
        进入工作台
      </NavButton>
    );
  }
  return (
    <Flex gap={8}>
      {pathname !== '/login' && (
        <NavButton type={pathname === '/register' ? 'primary' : 'default'} to="/login">
          登录
        </NavButton>
      )}
      {pathname !== '/register' && (
        <NavButton type="primary" to="/register">
          注册
        </NavButton>
      )}
    </Flex>
  );
}

/** The prefecture portal the page belongs to (/portal/<code>…), whose results publicity the footer links to. */
function portalOf(pathname: string): string | null {
  const match = /^\/portal\/([^/]+)/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

export function PublicLayout({ children }: { children: ReactNode }) {
  const portal = portalOf(useLocation().pathname);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="zp-public-header">
        <Brand />
        <HeaderActions />
      </Layout.Header>
      <Layout.Content>{children}</Layout.Content>
      <Layout.Footer className="zp-footer">
        职评 · 职称申报评审平台　由各地州职称工作机构运营　<Link to="/verify" className="zp-nowrap">
          评审表查验
        </Link>
        {'　'}
        <Link to="/verify?certificate=" className="zp-nowrap">
          职称证书核验
        </Link>
        {portal && (
          <>
            {'　'}
            <Link to={`/portal/${encodeURIComponent(portal)}/results`} className="zp-nowrap" data-testid="footer-results">
              评审结果公示
            </Link>
          </>
        )}
      </Layout.Footer>
    </Layout>
  );
}
