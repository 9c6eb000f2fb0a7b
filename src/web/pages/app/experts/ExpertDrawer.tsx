// Adds or edits one entry of the expert pool: every field of the contract, the term checked here
// as on the server (at most 3 years), the employer unit picked from the prefecture's tree or
// written by hand (retired experts have none), and the log-in account the expert uses.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Input, Select, Switch } from 'antd';
import { LEVELS } from '../../../../domain/campaign/vocabulary';
import { api } from '../../../api/client';
import type { Expert, ExpertAccount } from '../../../api/evaluation';
import type { PublicUnit } from '../../../api/types';
import { BeijingDatePicker } from '../../../components/BeijingPickers';
import { applyFieldErrors, errorMessage } from '../../../components/errors';
import type { CatalogSeries } from '../evaluation/catalog';
import { useIsPhone } from '../declare/useIsPhone';
import { phoneProblem, termProblem, toExpertInput, toExpertPatch, toFormValues, type ExpertFormValues } from './expertForm';

const FORM = 'expert-form';

function DateControl(props: { id?: string; value?: string; onChange?: (v: string | undefined) => void; placeholder: string }) {
  return <BeijingDatePicker id={props.id} value={props.value} onChange={(v) => props.onChange?.(v)} placeholder={props.placeholder} />;
}

interface ExpertDrawerProps {
  /** null: closed; 'new': a new entry; else the entry edited. */
  target: Expert | 'new' | null;
  catalog: CatalogSeries[];
  units: PublicUnit[];
  accounts: ExpertAccount[];
  prefectureQuery: string;
  onClose(): void;
  onSaved(expert: Expert): void;
}

export function ExpertDrawer({ target, catalog, units, accounts, prefectureQuery, onClose, onSaved }: ExpertDrawerProps) {
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [form] = Form.useForm<ExpertFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seriesId = Form.useWatch('seriesId', form);
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    setError(null);
    form.resetFields();
    if (target === 'new') form.setFieldsValue({ specialtyIds: [], unitId: null, userId: null, level: '正高' });
    else form.setFieldsValue(toFormValues(target));
  }, [target, form]);

  const specialties = catalog.find((s) => s.id === seriesId)?.specialties ?? [];

  async function save(values: ExpertFormValues) {
    setSaving(true);
    setError(null);
    try {
      let saved: Expert;
      if (editing) {
        const patch = toExpertPatch(editing, values);
        if (Object.keys(patch).length === 0) {
          message.info('没有修改');
          onClose();
          return;
        }
        saved = await api.patch<Expert>(`/api/office/experts/${encodeURIComponent(editing.id)}`, patch);
        message.success(`已保存专家“${saved.name}”`);
      } else {
        saved = await api.post<Expert>(`/api/office/experts${prefectureQuery}`, toExpertInput(values));
        message.success(`已将“${saved.name}”加入专家库`);
      }
      onSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      title={editing ? `编辑专家：${editing.name}` : '添加专家'}
      open={target !== null}
      onClose={onClose}
      size={phone ? '100%' : 640}
      destroyOnHidden={false}
      forceRender
      extra={
        <Button type="primary" htmlType="submit" form={FORM} loading={saving} data-testid="expert-save">
          保存
        </Button>
      }
    >
      <Form
        form={form}
        name={FORM}
        layout="vertical"
        onFinish={save}
        onValuesChange={(changed: ExpertFormValues) => {
          if ('seriesId' in changed) form.setFieldsValue({ specialtyIds: [] });
          if ('unitId' in changed && changed.unitId) {
            const unit = units.find((u) => u.id === changed.unitId);
            if (unit) form.setFieldsValue({ unitName: unit.name });
          }
        }}
      >
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '不超过 50 个字' }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="seriesId" label="评审系列" className="zp-grow" rules={[{ required: true, message: '请选择系列' }]}>
            <Select options={catalog.map((s) => ({ value: s.id, label: s.name }))} placeholder="请选择" />
          </Form.Item>
          <Form.Item name="level" label="职称级别" className="zp-grow" rules={[{ required: true, message: '请选择职称级别' }]}>
            <Select options={LEVELS.map((l) => ({ value: l, label: l }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="specialtyIds" label="专业" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个专业' }]}>
          <Select mode="multiple" options={specialties.map((sp) => ({ value: sp.id, label: sp.name }))} placeholder={seriesId ? '可多选' : '请先选择系列'} disabled={!seriesId} />
        </Form.Item>
        <Form.Item name="titleName" label="职称名称" rules={[{ required: true, whitespace: true, message: '请填写职称名称' }, { max: 50, message: '不超过 50 个字' }]}>
          <Input maxLength={50} placeholder="例如：高级记者" />
        </Form.Item>
        <Form.Item name="unitId" label="所在单位（本地州组织机构）" extra="本地州组织机构中的单位用于回避（同一单位、同一主管部门）；退休或外地专家可不选，只填写单位名称。">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={units.map((u) => ({ value: u.id, label: u.countyName ? `${u.name}（${u.countyName}）` : u.name }))}
            placeholder="可不选"
          />
        </Form.Item>
        <Form.Item name="unitName" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { max: 100, message: '不超过 100 个字' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号"
          extra={editing?.phoneMasked ? `已登记 ${editing.phoneMasked}；留空则不修改` : '用于评审通知，可不填'}
          rules={[{ validator: async (_, v: string | undefined) => { const p = phoneProblem(v); if (p) throw new Error(p); } }]}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="termStart" label="聘期开始" className="zp-grow" rules={[{ required: true, message: '请选择聘期开始日期' }]}>
            <DateControl placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item
            name="termEnd"
            label="聘期结束"
            className="zp-grow"
            dependencies={['termStart']}
            rules={[
              { required: true, message: '请选择聘期结束日期' },
              ({ getFieldValue }) => ({
                validator: async (_, v: string | undefined) => {
                  const p = termProblem(getFieldValue('termStart') as string | undefined, v);
                  if (p) throw new Error(p);
                },
              }),
            ]}
          >
            <DateControl placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Flex>
        <Form.Item name="userId" label="登录账号" extra="持有“评审专家”或“评委会主任”角色的账号；关联后专家可登录查看评审任务。">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={accounts.map((a) => ({ value: a.userId, label: `${a.name}（${a.username}）` }))}
            placeholder="暂不关联"
          />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label="在库状态" valuePropName="checked">
            <Switch checkedChildren="在库" unCheckedChildren="停用" />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="expert-error" />}
      </Form>
    </Drawer>
  );
}
