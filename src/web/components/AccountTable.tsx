// The searchable, paged account list shared by 账号管理 (system admin) and 角色授权 (security admin).
import { Alert, Empty, Input, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { USER_PAGE_SIZE } from './usePagedList';

export function AccountTable<T extends { id: string }>(props: {
  columns: ColumnsType<T>;
  items: T[];
  total: number;
  loading: boolean;
  error: string | null;
  q: string;
  page: number;
  scrollX: number;
  onSearch(q: string): void;
  onPage(page: number): void;
}) {
  return (
    <>
      <Input.Search
        placeholder="姓名或用户名"
        aria-label="搜索账号"
        allowClear
        enterButton="搜索"
        onSearch={(value) => props.onSearch(value.trim())}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      {props.error && <Alert type="error" showIcon title={props.error} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="id"
        columns={props.columns}
        dataSource={props.items}
        loading={props.loading}
        scroll={{ x: props.scrollX }}
        locale={{ emptyText: <Empty description={props.q ? '没有匹配的账号' : '暂无账号'} /> }}
        pagination={{
          current: props.page,
          pageSize: USER_PAGE_SIZE,
          total: props.total,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 个账号`,
          onChange: props.onPage,
        }}
      />
    </>
  );
}
