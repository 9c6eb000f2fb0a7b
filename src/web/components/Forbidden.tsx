import { Result } from 'antd';
import { NavButton } from './NavButton';

export function Forbidden() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有访问此页面的权限，如需开通请联系安全管理员。"
      extra={
        <NavButton type="primary" to="/app">返回工作台</NavButton>
      }
    />
  );
}
