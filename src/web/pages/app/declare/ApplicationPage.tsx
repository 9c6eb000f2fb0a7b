// One application of the applicant. While it can be edited: the form (autosaved), eligibility,
// materials, masking, commitment and submit; afterwards the submitted content and its progress,
// and from 已接收材料 on the evaluation fee and the 评审表.
import { useEffect, useState } from 'react';
import { Alert, Button, Flex } from 'antd';
import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { api } from '../../../api/client';
import type { ArchiveRecordView } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { NavButton } from '../../../components/NavButton';
import { PageLoading } from '../../../components/PageLoading';
import { useMe } from '../../../session/session';
import { ReviewFactsCard } from '../review/ReviewFacts';
import { afterAcceptance } from '../review/stages';
import { ApplicationHeader } from './ApplicationHeader';
import { ApplicationTimeline } from './ApplicationTimeline';
import { fileContentUrl } from './ArchiveFiles';
import { CommitmentPanel } from './CommitmentPanel';
import { DeclarationSections } from './DeclarationSections';
import { EligibilityPanel } from './EligibilityPanel';
import { FeePanel } from './FeePanel';
import { MaskingPanel } from './MaskingPanel';
import { MaterialsPanel } from './MaterialsPanel';
import { ReadOnlyForm, ReadOnlyMaterials } from './ReadOnlyApplication';
import { ReviewFormCard } from './ReviewFormCard';
import { ResultCard } from './ResultCard';
import { SaveStatus } from './SaveStatus';
import { PROBLEMS_ID } from './elementIds';
import { scrollToElement, SubmitPanel } from './SubmitPanel';
import { useApplicationEditor } from './useApplicationEditor';

function useArchive() {
  const [archive, setArchive] = useState<ArchiveRecordView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<ArchiveRecordView[]>('/api/me/archive')
      .then(setArchive)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);
  return { archive, error };
}

export default function ApplicationPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const editor = useApplicationEditor(id);
  const { archive, error: archiveError } = useArchive();
  const { view } = editor;

  if (!view) {
    return editor.loadError ? <Alert type="error" showIcon title={editor.loadError} /> : <PageLoading />;
  }

  const back = (
    <NavButton icon={<ArrowLeftOutlined />} to="/app/applications" className="zp-gap-bottom">
      我的申报
    </NavButton>
  );

  if (!view.editable) {
    const accepted = afterAcceptance(view.status, view.review.acceptedAt);
    return (
      <>
        {back}
        <ApplicationHeader view={view} />
        <Flex vertical gap={12}>
          {accepted && <ResultCard applicationId={view.id} />}
          {accepted && <FeePanel applicationId={view.id} />}
          {accepted && <ReviewFormCard applicationId={view.id} />}
          <ReviewFactsCard review={view.review} />
          <NavButton icon={<EyeOutlined />} to={`/app/applications/${view.id}/preview`}>
            按专家所见预览
          </NavButton>
          <ReadOnlyForm view={view} />
          <ReadOnlyMaterials view={view} contentUrl={fileContentUrl} />
          <ApplicationTimeline events={view.timeline} />
        </Flex>
      </>
    );
  }

  const problemCount = view.problems.length;
  return (
    <>
      {back}
      <ApplicationHeader
        view={view}
        extra={
          problemCount > 0 && (
            <Button onClick={() => scrollToElement(PROBLEMS_ID)} block>
              还有 {problemCount} 处待处理，查看
            </Button>
          )
        }
      />
      <SaveStatus state={editor.saveState} onRetry={() => void editor.flush()} onReload={() => void editor.reloadKeepingTyped()} />
      <Flex vertical gap={12}>
        {archiveError && <Alert type="error" showIcon title={`档案未能载入：${archiveError}`} />}
        <DeclarationSections
          form={editor.form}
          archive={archive}
          fieldErrors={editor.fieldErrors}
          emptyFieldText={view.emptyFieldText}
          onChange={editor.change}
          onBlur={() => void editor.flush()}
        />
        <EligibilityPanel eligibility={view.eligibility} />
        <MaterialsPanel view={view} archive={archive} onChanged={editor.refresh} />
        <MaskingPanel view={view} onChanged={editor.refresh} />
        <CommitmentPanel view={view} applicantName={me.name} onChanged={editor.refresh} />
        <SubmitPanel view={view} beforeSubmit={editor.flush} onSubmitted={editor.adopt} onChanged={editor.refresh} />
        <ApplicationTimeline events={view.timeline} />
      </Flex>
    </>
  );
}
