// 按专家所见预览: the application as the experts of a blind review see it — no name, photo, unit,
// ID number or phone — with the scans, so the applicant can check their masking.
import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { api } from '../../../api/client';
import type { BlindPreview } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { NavButton } from '../../../components/NavButton';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { fileContentUrl } from './ArchiveFiles';
import { FileCard } from './FileCard';
import { useIsPhone } from './useIsPhone';

export default function BlindPreviewPage() {
  const { id = '' } = useParams();
  const phone = useIsPhone();
  const [preview, setPreview] = useState<BlindPreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<BlindPreview>(`/api/me/applications/${encodeURIComponent(id)}/blind-preview`)
      .then(setPreview)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [id]);

  return (
    <>
      <NavButton icon={<ArrowLeftOutlined />} to={`/app/applications/${id}`} className="zp-gap-bottom">
        返回申报
      </NavButton>
      <PageTitle title="按专家所见预览" description="评审专家看到的申报内容：姓名、照片、工作单位、身份证号和手机号已隐去（■■■）。请逐页检查扫描件中的本人信息是否已遮盖。" />
      {error && <Alert type="error" showIcon title={error} />}
      {!preview && !error && <PageLoading />}
      {preview && (
        <Flex vertical gap={12}>
          <Card size="small">
            <Typography.Title level={5} className="zp-no-margin" data-testid="preview-heading">
              {preview.heading}
            </Typography.Title>
          </Card>
          <Card size="small" title="申报表">
            <Flex vertical gap={12}>
              {preview.sections.map((section) => (
                <Descriptions
                  key={section.title}
                  title={section.title}
                  size="small"
                  bordered
                  column={1}
                  layout={phone ? 'vertical' : 'horizontal'}
                  items={section.items.map((item) => ({
                    key: item.label,
                    label: item.label,
                    children: (
                      <>
                        {item.lines.map((line, i) => (
                          <div key={i} className="zp-pre">
                            {line}
                          </div>
                        ))}
                      </>
                    ),
                  }))}
                />
              ))}
            </Flex>
          </Card>
          <Card size="small" title="申报材料">
            {preview.materials.length === 0 && <Empty description="还没有上传材料" />}
            <Flex vertical gap={16}>
              {preview.materials.map((slot) => (
                <section key={slot.slotName} aria-label={slot.slotName}>
                  <Flex gap={8} wrap align="center" className="zp-gap-bottom">
                    <Typography.Text strong>{slot.slotName}</Typography.Text>
                    {slot.masked && <Tag color="purple">须遮盖本人信息</Tag>}
                  </Flex>
                  <Flex vertical gap={12}>
                    {slot.files.map((file) => (
                      <FileCard key={file.id} file={file} contentUrl={fileContentUrl(file.id)} leakCheck={slot.masked} large />
                    ))}
                  </Flex>
                </section>
              ))}
            </Flex>
          </Card>
        </Flex>
      )}
    </>
  );
}
