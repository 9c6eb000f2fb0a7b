// 回避声明: before any packet is shown the expert names the persons they have a relation with
// (relatives and other interests, co-authors, other) or declares there are none. The server
// matches the names against the committee's candidates and never tells whether one matched.
// The declaration is made once: a conflict found afterwards is reported to the committee office.
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import { expertCommitteeUrl, type DeclaredPerson } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { useIsPhone } from '../declare/useIsPhone';
import { DECLARED_KIND_OPTIONS, toDeclaration, type PersonValues } from './declaration';

interface DeclarationFormProps {
  committeeId: string;
  onDeclared(): void;
}

export function DeclarationForm({ committeeId, onDeclared }: DeclarationFormProps) {
  const { message, modal } = App.useApp();
  const phone = useIsPhone();
  const [form] = Form.useForm<{ persons: PersonValues[] }>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  async function send(persons: DeclaredPerson[]) {
    setBusy(true);
    setProblems([]);
    try {
      await api.post(expertCommitteeUrl(committeeId, '/conflicts'), { persons });
      message.success(persons.length === 0 ? '已声明无回避情形' : `已提交回避声明（${persons.length} 人）`);
      form.resetFields();
      onDeclared();
    } catch (err) {
      setProblems([errorMessage(err)]);
    } finally {
      setBusy(false);
    }
  }

  function submitPersons(values: { persons?: PersonValues[] }) {
    const checked = toDeclaration(values.persons ?? []);
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    if (checked.persons.length === 0) {
      setProblems(['请填写需要回避的人员，或点击“无回避情形”']);
      return;
    }
    void send(checked.persons);
  }

  function declareNone() {
    modal.confirm({
      title: '声明无回避情形',
      content: '本人确认与本评审委员会的评审对象不存在亲属关系、合作署名或其他可能影响公正评审的利害关系。如评审中发现需要回避的情形，将主动申请回避。',
      okText: '确认声明',
      cancelText: '取消',
      onOk: () => send([]),
    });
  }

  return (
    <Card title="第一步：回避声明" data-testid="declaration">
      <Flex vertical gap={12}>
        <Typography.Paragraph className="zp-no-margin">
          请填写与您有近亲属关系、合作署名（论文、作品、项目）或其他利害关系、可能参加本次评审的人员姓名。系统会自动比对，对相关评审对象作回避处理，比对结果不会告知您。
          没有上述情形的，请点击“无回避情形”。声明后方可查看评审材料。回避声明只能提交一次，提交后如发现新的回避情形，请联系评委会办公室。
        </Typography.Paragraph>
        <Form form={form} name="declaration" layout="vertical" onFinish={submitPersons} initialValues={{ persons: [{ kind: 'relation' }] }}>
          <Form.List name="persons">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} wrap={phone} align="flex-start">
                    <Form.Item name={[field.name, 'name']} className={phone ? 'zp-full-width' : 'zp-grow'} style={{ marginBottom: 0 }}>
                      <Input placeholder="姓名" maxLength={50} aria-label="姓名" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} style={{ marginBottom: 0, minWidth: 150 }}>
                      <Select options={DECLARED_KIND_OPTIONS} aria-label="关系" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'note']} className="zp-grow" style={{ marginBottom: 0 }}>
                      <Input placeholder="说明（可不填），如：配偶、共同署名作品名称" maxLength={200} aria-label="说明" />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label="删除此行" onClick={() => remove(field.name)} disabled={fields.length === 1} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'relation' })} className="zp-self-start">
                  再加一人
                </Button>
              </Flex>
            )}
          </Form.List>
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              className="zp-gap-top"
              title={problems.length === 1 ? problems[0] : '请修改后提交'}
              description={
                problems.length > 1 && (
                  <ul className="zp-plain-list">
                    {problems.map((p, i) => (
                      <li key={i}>{p}</li>
                    ))}
                  </ul>
                )
              }
            />
          )}
          <Flex gap={8} wrap className="zp-gap-top" vertical={phone}>
            <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} data-testid="declare-persons" block={phone}>
              提交回避声明
            </Button>
            <Button icon={<CheckCircleOutlined />} onClick={declareNone} loading={busy} data-testid="declare-none" block={phone}>
              无回避情形
            </Button>
          </Flex>
        </Form>
      </Flex>
    </Card>
  );
}
