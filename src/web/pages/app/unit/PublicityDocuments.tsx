// The unit's publicity paperwork: the generated 公示通知, 公示结果 (once the period is over) and
// 推荐报告 (once recommended) as PDF or Word, and the sealed scans (盖章件) of the notice and of the
// result uploaded back, each with a link to the copy on file.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography, Upload } from 'antd';
import { EyeOutlined, FilePdfOutlined, FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import { DownloadButton } from '../../../components/DownloadButton';
import { errorMessage } from '../../../components/errors';
import { acceptOf } from '../declare/materials';
import type { DeskContext } from '../review/DeskApplication';
import { beijingToday, recommendBlockedReason } from '../review/publicity';

interface GeneratedDocument {
  /** The route's file name without extension, e.g. 'publicity-notice'. */
  path: string;
  title: string;
  /** Why it cannot be generated yet, or null. */
  blocked: string | null;
}

function DocumentRow({ base, doc, phone }: { base: string; doc: GeneratedDocument; phone: boolean }) {
  return (
    <Flex gap={8} align={phone ? 'stretch' : 'center'} wrap vertical={phone}>
      <Typography.Text strong className="zp-doc-title">
        {doc.title}
      </Typography.Text>
      <DownloadButton url={`${base}/${doc.path}.pdf`} filename={`${doc.title}.pdf`} icon={<FilePdfOutlined />} disabled={doc.blocked !== null} block={phone}>
        下载 PDF
      </DownloadButton>
      <DownloadButton url={`${base}/${doc.path}.docx`} filename={`${doc.title}.docx`} icon={<FileWordOutlined />} disabled={doc.blocked !== null} block={phone}>
        下载 Word
      </DownloadButton>
      {doc.blocked && (
        <Typography.Text type="secondary" className="zp-small">
          {doc.blocked}
        </Typography.Text>
      )}
    </Flex>
  );
}

function SealedCopy({ base, kind, title, blocked, phone }: { base: string; kind: 'notice' | 'result'; title: string; blocked: string | null; phone: boolean }) {
  const { message } = App.useApp();
  const url = `${base}/publicity/sealed-copies/${kind}`;
  const [onFile, setOnFile] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // HEAD answers whether a copy is on file without fetching the scan itself.
    let live = true;
    fetch(url, { method: 'HEAD', credentials: 'same-origin' })
      .then((response) => live && setOnFile(response.ok))
      .catch(() => live && setOnFile(false));
    return () => {
      live = false;
    };
  }, [url]);

  async function upload(file: File) {
    setUploading(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      await api.upload<{ fileId: string }>(url, form);
      setOnFile(true);
      message.success(`${title}已上传`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Flex vertical gap={4}>
      <Flex gap={8} align={phone ? 'stretch' : 'center'} wrap vertical={phone}>
        <Typography.Text strong className="zp-doc-title">
          {title}
        </Typography.Text>
        <Upload
          accept={acceptOf(['jpg', 'png', 'pdf'])}
          showUploadList={false}
          fileList={[]}
          disabled={blocked !== null}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          className={phone ? 'zp-upload-block' : undefined}
        >
          <Button icon={<UploadOutlined />} loading={uploading} disabled={blocked !== null} block={phone}>
            {onFile ? '重新上传' : '上传盖章件'}
          </Button>
        </Upload>
        {onFile ? (
          <a href={url} target="_blank" rel="noopener" data-testid={`sealed-${kind}`}>
            <EyeOutlined /> 查看已上传的{title}
          </a>
        ) : (
          <Typography.Text type="secondary" className="zp-small">
            {blocked ?? '尚未上传'}
          </Typography.Text>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null), 'aria-label': '关闭' }} />}
    </Flex>
  );
}

export function PublicityDocuments({ ctx }: { ctx: DeskContext }) {
  const { publicity, recommendation } = ctx.view.review;
  if (!publicity) return null;
  const resultBlocked = recommendBlockedReason(publicity, beijingToday()) === null ? null : `公示期至 ${publicity.endsOn}，期满后可生成公示结果`;
  const docs: GeneratedDocument[] = [
    { path: 'publicity-notice', title: '公示通知', blocked: null },
    { path: 'publicity-result', title: '公示结果', blocked: resultBlocked },
    { path: 'recommendation-report', title: '推荐报告', blocked: recommendation ? null : '推荐上报后可生成推荐报告' },
  ];
  return (
    <Card size="small" title="公示与推荐文书">
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" className="zp-no-margin">
          下载文书打印盖章后，将盖章件扫描上传（JPG、PNG 或 PDF）。
        </Typography.Paragraph>
        {docs.map((doc) => (
          <DocumentRow key={doc.path} base={ctx.base} doc={doc} phone={ctx.phone} />
        ))}
        <SealedCopy base={ctx.base} kind="notice" title="公示通知盖章件" blocked={null} phone={ctx.phone} />
        <SealedCopy base={ctx.base} kind="result" title="公示结果盖章件" blocked={resultBlocked} phone={ctx.phone} />
      </Flex>
    </Card>
  );
}
