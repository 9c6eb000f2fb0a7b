// Adds or changes one archive record: the inputs of its kind (archiveFields.ts), the attached
// scans, and the server's field errors next to the fields they concern.
import { useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Input, InputNumber, Select, Switch, type FormInstance, type FormRule } from 'antd';
import { ARCHIVE_KIND_LABELS, type ArchiveKind } from '../../../../domain/application/archive-records';
import { api, ApiError } from '../../../api/client';
import type { ArchiveRecordView } from '../../../api/types';
import { BeijingDatePicker } from '../../../components/BeijingPickers';
import { errorMessage } from '../../../components/errors';
import { ArchiveFiles } from './ArchiveFiles';
import { ARCHIVE_INPUTS, formItemOf, isRequired, tagsProblem, toFormValues, toRecordData, type ArchiveFormValues, type ArchiveInput } from './archiveFields';
import { useIsPhone } from './useIsPhone';

export interface ArchiveEditTarget {
  kind: ArchiveKind;
  record: ArchiveRecordView | null;
}

interface FormShape {
  data: ArchiveFormValues;
  fileIds: string[];
}

/** BeijingDatePicker as a Form.Item control (id, value and onChange come from the form). */
function DateControl(props: { id?: string; value?: string; onChange?: (v: string | undefined) => void; placeholder: string }) {
  return <BeijingDatePicker id={props.id} value={props.value} onChange={(v) => props.onChange?.(v)} placeholder={props.placeholder} />;
}

function control(input: ArchiveInput) {
  switch (input.type) {
    case 'text':
      return <Input maxLength={input.maxLength} allowClear={input.blank === 'null'} />;
    case 'date':
      return <DateControl placeholder={input.blank ? '可留空' : '选择或输入，如 2011-07-01'} />;
    case 'year':
      return <InputNumber min={1950} max={2100} precision={0} className="zp-full-width" inputMode="numeric" />;
    case 'hours':
      return <InputNumber min={0} max={10_000} className="zp-full-width" inputMode="decimal" suffix="学时" />;
    case 'boolean':
      return <Switch checkedChildren="是" unCheckedChildren="否" />;
    case 'select':
      return <Select options={input.options} allowClear={input.blank === 'null'} placeholder="请选择" />;
    case 'tags':
      // Names typed one by one: Enter, 、 or a comma ends one (leaving the field keeps what was typed).
      return (
        <Select
          mode="tags"
          className="zp-full-width"
          open={false}
          suffixIcon={null}
          maxCount={input.maxCount}
          tokenSeparators={['、', '，', ',', '；', ';']}
          placeholder="输入姓名后按回车"
          aria-label={input.label}
        />
      );
  }
}

/** The checks of an input the browser makes before saving (the server checks the same again). */
function rulesOf(input: ArchiveInput): FormRule[] {
  if (input.type === 'tags') {
    const validator = async (_rule: unknown, value: unknown) => {
      const problem = tagsProblem(input, value);
      if (problem) throw new Error(problem);
    };
    return [{ validator }];
  }
  if (!isRequired(input)) return [];
  // `whitespace` only on texts: any extra key makes the validator treat the value as a string.
  return [input.type === 'text' ? { required: true, whitespace: true, message: `请填写${input.label}` } : { required: true, message: `请填写${input.label}` }];
}

/** The server's field errors on the items they concern ('data.coAuthors.2' on the co-author input). */
function placeFieldErrors(form: FormInstance, error: unknown): void {
  if (!(error instanceof ApiError) || error.fields.length === 0) return;
  const byItem = new Map<string, { name: string[]; errors: string[] }>();
  for (const field of error.fields) {
    const name = formItemOf(field.path);
    const entry = byItem.get(name.join('.')) ?? { name, errors: [] };
    if (!entry.errors.includes(field.message)) entry.errors.push(field.message);
    byItem.set(name.join('.'), entry);
  }
  form.setFields([...byItem.values()]);
}

const FORM_NAME = 'archive-record';

function RecordForm({ target, onSaved, onBusy }: { target: ArchiveEditTarget; onSaved(record: ArchiveRecordView): void; onBusy(busy: boolean): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormShape>();
  const [error, setError] = useState<string | null>(null);

  async function save(values: FormShape) {
    onBusy(true);
    setError(null);
    const body = { data: toRecordData(target.kind, values.data), fileIds: values.fileIds ?? [] };
    try {
      const saved = target.record
        ? await api.put<ArchiveRecordView>(`/api/me/archive/records/${encodeURIComponent(target.record.id)}`, body)
        : await api.post<ArchiveRecordView>(`/api/me/archive/${target.kind}`, body);
      message.success(`已保存：${saved.summary}`);
      onSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
      placeFieldErrors(form, err);
    } finally {
      onBusy(false);
    }
  }

  return (
    <Form
      form={form}
      name={FORM_NAME}
      layout="vertical"
      onFinish={save}
      scrollToFirstError
      initialValues={{ data: toFormValues(target.kind, target.record?.data ?? {}), fileIds: target.record?.fileIds ?? [] }}
    >
      {ARCHIVE_INPUTS[target.kind].map((input) => (
        <Form.Item
          key={input.key}
          name={['data', input.key]}
          label={input.label}
          extra={input.hint}
          valuePropName={input.type === 'boolean' ? 'checked' : 'value'}
          rules={rulesOf(input)}
        >
          {control(input)}
        </Form.Item>
      ))}
      <Form.Item name="fileIds" label="扫描件" extra="证书、报告等的扫描件或照片（JPG、PNG、PDF）">
        <ArchiveFiles />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} />}
    </Form>
  );
}

export function ArchiveRecordDrawer({ target, onClose, onSaved }: { target: ArchiveEditTarget | null; onClose(): void; onSaved(record: ArchiveRecordView): void }) {
  const phone = useIsPhone();
  const [busy, setBusy] = useState(false);
  const label = target ? ARCHIVE_KIND_LABELS[target.kind] : '';
  return (
    <Drawer
      title={target?.record ? `修改${label}` : `添加${label}`}
      open={target !== null}
      onClose={onClose}
      size={phone ? '100%' : 520}
      destroyOnHidden
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose} block={phone}>
            取消
          </Button>
          <Button type="primary" htmlType="submit" form={FORM_NAME} loading={busy} block={phone}>
            保存
          </Button>
        </Flex>
      }
    >
      {target && <RecordForm key={target.record?.id ?? target.kind} target={target} onSaved={onSaved} onBusy={setBusy} />}
    </Drawer>
  );
}
