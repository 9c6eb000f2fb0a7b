import { Descriptions, Tag } from 'antd';
import { ROLE_LABELS } from '../../domain/roles';
import type { Me } from '../api/types';

/** The user's own profile, unmasked (it is their own data). */
export function ProfileDescriptions({ me }: { me: Me }) {
  return (
    <Descriptions
      column={{ xs: 1, sm: 1, md: 2 }}
      bordered
      size="small"
      items={[
        { key: 'name', label: '姓名', children: me.name },
        { key: 'idNumber', label: '身份证号', children: me.idNumber ?? '未登记' },
        { key: 'phone', label: '手机号', children: me.phone ?? '未登记' },
        { key: 'username', label: '用户名', children: me.username ?? '未设置' },
        {
          key: 'roles',
          label: '角色',
          children:
            me.roles.length > 0
              ? me.roles.map((r) => (
                  <Tag key={r.id}>
                    {ROLE_LABELS[r.role]}
                    {r.orgName ? `（${r.orgName}）` : ''}
                  </Tag>
                ))
              : '无',
        },
        {
          key: 'totp',
          label: '两步验证',
          children: me.totpEnabled ? <Tag color="success">已启用</Tag> : <Tag>未启用</Tag>,
        },
      ]}
    />
  );
}
