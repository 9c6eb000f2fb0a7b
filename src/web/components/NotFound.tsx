import { Result } from 'antd';
import { NavButton } from './NavButton';

/** 404 page; `standalone` when shown outside the workspace (links home instead of to the workspace). */
export function NotFound({ standalone = false }: { standalone?: boolean }) {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <NavButton type="primary" to={standalone ? '/' : '/app'}>{standalone ? '返回首页' : '返回工作台'}</NavButton>
      }
    />
  );
}
