// One application as a reviewing desk (unit, competent department, committee office) sees it:
// read-only with its scans served through the desk's own address, the desk's actions under the
// header, 退回修改 while it waits at this desk, and the desk's own panels above the form.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Flex } from 'antd';
import { ArrowLeftOutlined, RollbackOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import type { ApplicationStatus } from '../../../../domain/application/status';
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
import { ReturnDialog } from '../unit/ReturnDialog';

export type Desk = 'unit' | 'dept' | 'office';

/** Where each desk may return an application (the server's RETURNABLE). */
const RETURNABLE: Record<Desk, ApplicationStatus[]> = {
  unit: ['unit_review', 'unit_publicity'],
  dept: ['dept_review'],
  office: ['office_review'],
};

export interface DeskContext {
  view: ApplicationView;
  /** The application's address at this desk, e.g. /api/dept/applications/:id. */
  base: string;
  reload(): Promise<void>;
  phone: boolean;
}

interface DeskApplicationProps {
  desk: Desk;
  id: string;
  queuePath: string;
  queueLabel: string;
  /** Buttons shown with 退回修改 under the header. */
  actions?(ctx: DeskContext): ReactNode;
  /** Panels between the header and the eligibility check. */
  panels?(ctx: DeskContext): ReactNode;
}

export function DeskApplication({ desk, id, queuePath, queueLabel, actions, panels }: DeskApplicationProps) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const applicantName = (useLocation().state as { applicantName?: string } | null)?.applicantName;
  const [view, setView] = useState<ApplicationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const base = `/api/${desk}/applications/${encodeURIComponent(id)}`;

  const reload = useCallback(async () => {
    try {
      setView(await api.get<ApplicationView>(base));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [base]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const contentUrl = (fileId: string) => `${base}/files/${encodeURIComponent(fileId)}/content`;
  const ctx = view ? { view, base, reload, phone } : null;
  const returnable = view !== null && RETURNABLE[desk].includes(view.status);
  const extra = ctx && (actions || returnable) && (
    <Flex gap={8} wrap vertical={phone}>
      {actions?.(ctx)}
      {returnable && (
        <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} block={phone}>
          退回修改
        </Button>
      )}
    </Flex>
  );

  return (
    <>
      <NavButton icon={<ArrowLeftOutlined />} to={queuePath} className="zp-gap-bottom">
        {queueLabel}
      </NavButton>
      <PageTitle title={applicantName ? `${applicantName}的申报` : '申报详情'} />
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      {!view && !error && <PageLoading />}
      {ctx && (
        <>
          <ApplicationHeader view={ctx.view} extra={extra} />
          <Flex vertical gap={12}>
            {panels?.(ctx)}
            <EligibilityPanel eligibility={ctx.view.eligibility} />
            <ReadOnlyForm view={ctx.view} />
            <ReadOnlyMaterials view={ctx.view} contentUrl={contentUrl} />
            <ApplicationTimeline events={ctx.view.timeline} />
          </Flex>
          <ReturnDialog
            returnUrl={`${base}/return`}
            open={returning}
            onClose={() => setReturning(false)}
            onReturned={() => {
              setReturning(false);
              message.success('已退回，申报人会收到退回原因');
              navigate(queuePath);
            }}
          />
        </>
      )}
    </>
  );
}
