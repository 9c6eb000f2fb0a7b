// One application submitted by the unit's staff, read-only, with its scans; the reviewer may
// return it for changes while it is in unit review.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Flex } from 'antd';
import { ArrowLeftOutlined, RollbackOutlined } from '@ant-design/icons';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client';
import type { ApplicationView } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { NavButton } from '../../../components/NavButton';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { ApplicationHeader } from '../declare/ApplicationHeader';
import { ApplicationTimeline } from '../declare/ApplicationTimeline';
import { EligibilityPanel } from '../declare/EligibilityPanel';
import { ReadOnlyForm, ReadOnlyMaterials } from '../declare/ReadOnlyApplication';
import { useIsPhone } from '../declare/useIsPhone';
import { ReturnDialog } from './ReturnDialog';

export default function UnitApplicationPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const applicantName = (useLocation().state as { applicantName?: string } | null)?.applicantName;
  const [view, setView] = useState<ApplicationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const base = `/api/unit/applications/${encodeURIComponent(id)}`;

  const load = useCallback(async () => {
    try {
      setView(await api.get<ApplicationView>(base));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [base]);

  useEffect(() => {
    void load();
  }, [load]);

  const contentUrl = (fileId: string) => `${base}/files/${encodeURIComponent(fileId)}/content`;

  return (
    <>
      <NavButton icon={<ArrowLeftOutlined />} to="/app/unit/applications" className="zp-gap-bottom">
        申报审核
      </NavButton>
      <PageTitle title={applicantName ? `${applicantName}的申报` : '申报详情'} />
      {error && <Alert type="error" showIcon title={error} />}
      {!view && !error && <PageLoading />}
      {view && (
        <>
          <ApplicationHeader
            view={view}
            extra={
              view.status === 'unit_review' && (
                <Flex>
                  <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} block={phone}>
                    退回修改
                  </Button>
                </Flex>
              )
            }
          />
          <Flex vertical gap={12}>
            <EligibilityPanel eligibility={view.eligibility} />
            <ReadOnlyForm view={view} />
            <ReadOnlyMaterials view={view} contentUrl={contentUrl} />
            <ApplicationTimeline events={view.timeline} />
          </Flex>
          <ReturnDialog
            applicationId={view.id}
            open={returning}
            onClose={() => setReturning(false)}
            onReturned={() => {
              setReturning(false);
              message.success('已退回，申报人会收到退回原因');
              navigate('/app/unit/applications');
            }}
          />
        </>
      )}
    </>
  );
}
