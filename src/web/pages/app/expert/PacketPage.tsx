// One candidate's blind packet for the expert: the form's blind sections, the scans of the
// blind-safe slots in the scan viewer (zoom, rotate, paging), the blind 评审表 PDF, and the score
// sheet — read-only once the office has closed scoring. Nothing identifying is shown: the server
// sends none, and the viewer names files by slot and number, never by the uploaded file name.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { api } from '../../../api/client';
import { packetUrl, type Packet, type ScoreRequest } from '../../../api/evaluation';
import { DownloadButton } from '../../../components/DownloadButton';
import { errorMessage } from '../../../components/errors';
import { NavButton } from '../../../components/NavButton';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { ScanViewer } from '../declare/ScanViewer';
import { useIsPhone } from '../declare/useIsPhone';
import { packetScans } from './packet';
import { ScoreSheetForm } from './ScoreSheetForm';

export default function PacketPage() {
  const { id = '', applicationId = '' } = useParams();
  const phone = useIsPhone();
  const [packet, setPacket] = useState<Packet | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setPacket(await api.get<Packet>(packetUrl(id, applicationId)));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id, applicationId]);

  useEffect(() => {
    void load();
  }, [load]);

  const back = (
    <NavButton icon={<ArrowLeftOutlined />} to={`/app/expert/committees/${encodeURIComponent(id)}`} className="zp-gap-bottom">
      评审材料列表
    </NavButton>
  );

  if (error) {
    return (
      <>
        {back}
        <Alert type="error" showIcon title={error} />
      </>
    );
  }
  if (!packet) return <PageLoading />;

  const scans = packetScans(packet, id);
  let offset = 0;
  const slotStarts = packet.materials.map((m) => {
    const start = offset;
    offset += m.files.length;
    return start;
  });

  return (
    <>
      {back}
      <PageTitle
        title={`评审对象 ${packet.code}`}
        description={
          <Flex gap={4} wrap component="span">
            <Tag>{packet.seriesName}</Tag>
            <Tag>{packet.level}</Tag>
            <Tag>{packet.specialtyName}</Tag>
            {packet.myScore ? <Tag color="success">已评 {packet.myScore.total.toFixed(1)} 分</Tag> : <Tag color="warning">未评分</Tag>}
          </Flex>
        }
        extra={
          <>
            {phone && (
              <Button type="primary" block onClick={() => document.getElementById('score-card')?.scrollIntoView({ behavior: 'smooth' })}>
                去评分
              </Button>
            )}
            <DownloadButton url={packetUrl(id, applicationId, '/review-form.pdf')} filename={`评审表（盲评版）${packet.code}.pdf`} icon={<FilePdfOutlined />} block={phone} data-testid="packet-review-form">
              盲评版评审表
            </DownloadButton>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            {packet.sections.map((section, i) => (
              <Card size="small" key={i} title={section.title}>
                <Descriptions
                  size="small"
                  bordered
                  column={1}
                  layout={phone ? 'vertical' : 'horizontal'}
                  items={section.rows.map((row, j) => ({ key: j, label: row.label, children: <span className="zp-pre">{row.value || '无'}</span> }))}
                />
              </Card>
            ))}
            <Card size="small" title="申报材料（盲评版）">
              {packet.materials.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无可供盲评的材料" />
              ) : (
                <Flex vertical gap={12}>
                  {packet.materials.map((m, i) => (
                    <div key={i}>
                      <Typography.Text strong>{m.slotName}</Typography.Text>
                      <Flex gap={8} wrap className="zp-gap-top">
                        {m.files.length === 0 && <Typography.Text type="secondary">无</Typography.Text>}
                        {m.files.map((f, j) => (
                          <Button
                            key={f.id}
                            icon={f.kind === 'pdf' ? <FilePdfOutlined /> : <FileImageOutlined />}
                            onClick={() => setViewing(slotStarts[i] + j)}
                            data-testid={`material-${slotStarts[i] + j}`}
                          >
                            第 {j + 1} 份{f.kind === 'pdf' ? `（PDF ${f.pages} 页）` : ''}
                          </Button>
                        ))}
                      </Flex>
                    </div>
                  ))}
                  <Button type="primary" ghost onClick={() => setViewing(0)} disabled={scans.length === 0} className="zp-self-start" data-testid="materials-view-all">
                    逐份查看全部材料（{scans.length} 份）
                  </Button>
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="评分" id="score-card" data-testid="score-card">
            <ScoreSheetForm
              name="score"
              scoringForm={packet.scoringForm}
              saved={packet.myScore}
              readOnly={!packet.scoringOpen}
              readOnlyNotice="评委会办公室已截止评分，评分不能再修改。"
              onSave={async (request: ScoreRequest) => {
                const result = await api.put<{ total: number }>(packetUrl(id, applicationId, '/score'), request);
                void load();
                return result;
              }}
            />
          </Card>
        </Col>
      </Row>
      <ScanViewer scans={scans} openIndex={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
