// 个人承诺书: the letter's text (read from the same DOCX the download gives, so the page says
// exactly what is signed), the downloads, and signing by typing one's own name.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Spin, Typography } from 'antd';
import { CheckCircleFilled, DownloadOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../api/client';
import type { ApplicationView } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { docxParagraphs } from './docxText';
import { COMMITMENT_ID } from './elementIds';
import { beijingDateTime } from './time';
import { useIsPhone } from './useIsPhone';

function useCommitmentText(url: string, signedAt: string | null) {
  const [paragraphs, setParagraphs] = useState<string[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    setFailed(false);
    fetch(url, { credentials: 'same-origin' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return docxParagraphs(new Uint8Array(await response.arrayBuffer()));
      })
      .then((text) => current && setParagraphs(text.slice(1)))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
    // The letter shows the signature once signed: read it again then.
  }, [url, signedAt]);
  return { paragraphs, failed };
}

export function CommitmentPanel({ view, applicantName, onChanged }: { view: ApplicationView; applicantName: string; onChanged(): Promise<unknown> }) {
  const { message } = App.useApp();
  const phone = useIsPhone();
  const base = `/api/me/applications/${encodeURIComponent(view.id)}/commitment`;
  const { paragraphs, failed } = useCommitmentText(`${base}.docx`, view.commitmentSignedAt);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);

  async function sign() {
    setSigning(true);
    setError(null);
    try {
      await api.post(base, { name: name.trim() });
      message.success('承诺书已签署');
      await onChanged();
    } catch (err) {
      setError(err instanceof ApiError && err.fields[0] ? `${err.message}：${err.fields[0].message}` : errorMessage(err));
    } finally {
      setSigning(false);
    }
  }

  return (
    <Card size="small" title="个人承诺书" id={COMMITMENT_ID} tabIndex={-1}>
      <Flex vertical gap={12}>
        <div className="zp-letter" tabIndex={0} aria-label="个人承诺书全文" data-testid="commitment-text">
          {paragraphs === null && !failed && <Spin size="small" description="正在载入承诺书…" />}
          {failed && <Typography.Text type="secondary">承诺书全文暂时无法显示，请下载后阅读。</Typography.Text>}
          {paragraphs?.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
        <Flex gap={8} wrap vertical={phone}>
          <Button icon={<DownloadOutlined />} href={`${base}.pdf`} block={phone}>
            下载 PDF
          </Button>
          <Button icon={<DownloadOutlined />} href={`${base}.docx`} block={phone}>
            下载 Word（DOCX）
          </Button>
        </Flex>
        {view.commitmentSignedAt ? (
          <Alert type="success" showIcon icon={<CheckCircleFilled />} title={`已于 ${beijingDateTime(view.commitmentSignedAt)} 签署`} data-testid="commitment-signed" />
        ) : (
          <Form layout="vertical" component="div">
            <Form.Item label="签名（请输入您的姓名）" htmlFor="commitment-name" extra={`须与实名一致：${applicantName}`} validateStatus={error ? 'error' : undefined} help={error}>
              <Input id="commitment-name" value={name} onChange={(e) => setName(e.target.value)} onPressEnter={() => name.trim() && void sign()} autoComplete="off" />
            </Form.Item>
            <Button type="primary" onClick={sign} loading={signing} disabled={name.trim() === ''} block={phone}>
              我已阅读并签署承诺书
            </Button>
          </Form>
        )}
      </Flex>
    </Card>
  );
}
