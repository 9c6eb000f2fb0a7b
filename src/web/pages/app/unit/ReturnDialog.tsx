// 退回修改: the reviewer (unit, department or committee office) writes each reason on its own
// line (at least one), starting from a checklist of common reasons if they like; the applicant sees
// all of them at once with the deadline for resubmitting.
import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import { errorMessage } from '../../../components/errors';
import { COMMON_RETURN_REASONS, withCommonReason } from './returnReasons';

const FORM_NAME = 'return-reasons';

/** `returnUrl`: the desk's return address, e.g. /api/dept/applications/:id/return. */
export function ReturnDialog({ returnUrl, open, onClose, onReturned }: { returnUrl: string; open: boolean; onClose(): void; onReturned(): void }) {
  const [form] = Form.useForm<{ reasons: string[] }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ reasons }: { reasons: string[] }) {
    setSubmitting(true);
    setError(null);
    try {
      await api.post(returnUrl, { reasons: reasons.map((r) => r.trim()) });
      onReturned();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      title="退回修改"
      open={open}
      onCancel={onClose}
      okText="确认退回"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: submitting, htmlType: 'submit', form: FORM_NAME }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      <Form form={form} name={FORM_NAME} layout="vertical" onFinish={submit} initialValues={{ reasons: [''] }}>
        <Form.Item label="常见原因（点击加入，再补充具体内容）">
          <Flex wrap gap={6}>
            {COMMON_RETURN_REASONS.map((reason) => (
              <Tag.CheckableTag
                key={reason}
                checked={false}
                onChange={() => form.setFieldsValue({ reasons: withCommonReason(form.getFieldValue('reasons') ?? [], reason) })}
              >
                {reason.replace(/：$/, '')}
              </Tag.CheckableTag>
            ))}
          </Flex>
        </Form.Item>
        <Form.List
          name="reasons"
          rules={[
            {
              validator: async (_, reasons: string[]) => {
                if (!reasons || reasons.length === 0) throw new Error('请至少写一条退回原因');
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item
                    name={field.name}
                    label={`退回原因 ${index + 1}`}
                    className="zp-grow"
                    rules={[
                      { required: true, whitespace: true, message: '请填写退回原因，或删除这一条' },
                      { max: 500, message: '每条不超过 500 个字' },
                    ]}
                  >
                    <Input.TextArea rows={3} maxLength={500} placeholder="例如：2024 年度考核表缺少单位盖章，请补充后重新上传" />
                  </Form.Item>
                  {fields.length > 1 && <Button icon={<DeleteOutlined />} aria-label={`删除第 ${index + 1} 条`} onClick={() => remove(field.name)} className="zp-list-remove" />}
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block disabled={fields.length >= 20}>
                再加一条原因
              </Button>
            </>
          )}
        </Form.List>
        {error && <Alert type="error" showIcon title={error} className="zp-gap-top" />}
      </Form>
    </Modal>
  );
}
