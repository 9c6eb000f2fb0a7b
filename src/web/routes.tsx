// Route table. Every page is loaded lazily so the first paint only needs the shell.
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from './session/session';
import { ErrorBoundary } from './components/ErrorBoundary';
import { PageLoading } from './components/PageLoading';
import { NotFound } from './components/NotFound';
import { Forbidden } from './components/Forbidden';
import { PublicLayout } from './layouts/PublicLayout';
import type { Ability } from './api/types';

const HomePage = lazy(() => import('./pages/HomePage'));
const LoginPage = lazy(() => import('./pages/LoginPage'));
const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const WorkspaceLayout = lazy(() => import('./layouts/WorkspaceLayout'));
const WorkspaceHome = lazy(() => import('./pages/app/WorkspaceHome'));
const AccountPage = lazy(() => import('./pages/app/AccountPage'));
const MembershipsPage = lazy(() => import('./pages/app/MembershipsPage'));
const OrgsPage = lazy(() => import('./pages/app/OrgsPage'));
const UsersPage = lazy(() => import('./pages/app/UsersPage'));
const RolesPage = lazy(() => import('./pages/app/RolesPage'));
const AuditPage = lazy(() => import('./pages/app/AuditPage'));
const CampaignsPage = lazy(() => import('./pages/app/campaigns/CampaignsPage'));
const CampaignEditorPage = lazy(() => import('./pages/app/campaigns/CampaignEditorPage'));
const CalendarPage = lazy(() => import('./pages/app/CalendarPage'));
const PortalPage = lazy(() => import('./pages/PortalPage'));
const ArchivePage = lazy(() => import('./pages/app/declare/ArchivePage'));
const ApplicationsPage = lazy(() => import('./pages/app/declare/ApplicationsPage'));
const NewApplicationPage = lazy(() => import('./pages/app/declare/NewApplicationPage'));
const ApplicationPage = lazy(() => import('./pages/app/declare/ApplicationPage'));
const BlindPreviewPage = lazy(() => import('./pages/app/declare/BlindPreviewPage'));
const UnitApplicationsPage = lazy(() => import('./pages/app/unit/UnitApplicationsPage'));
const UnitApplicationPage = lazy(() => import('./pages/app/unit/UnitApplicationPage'));
const DeptApplicationsPage = lazy(() => import('./pages/app/dept/DeptApplicationsPage'));
const DeptApplicationPage = lazy(() => import('./pages/app/dept/DeptApplicationPage'));
const OfficeApplicationsPage = lazy(() => import('./pages/app/office/OfficeApplicationsPage'));
const OfficeApplicationPage = lazy(() => import('./pages/app/office/OfficeApplicationPage'));
const PaymentSettingsPage = lazy(() => import('./pages/app/office/PaymentSettingsPage'));
const FeesPage = lazy(() => import('./pages/app/finance/FeesPage'));
const VerifyPage = lazy(() => import('./pages/VerifyPage'));
const ResultsPage = lazy(() => import('./pages/portal/ResultsPage'));
const ExpertsPage = lazy(() => import('./pages/app/experts/ExpertsPage'));
const CommitteesPage = lazy(() => import('./pages/app/evaluation/CommitteesPage'));
const CommitteePage = lazy(() => import('./pages/app/evaluation/CommitteePage'));
const StatisticsPage = lazy(() => import('./pages/app/statistics/StatisticsPage'));
const MyCommitteesPage = lazy(() => import('./pages/app/expert/MyCommitteesPage'));
const ExpertCommitteePage = lazy(() => import('./pages/app/expert/ExpertCommitteePage'));
const PacketPage = lazy(() => import('./pages/app/expert/PacketPage'));

function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <PageLoading />;
  if (me === null) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

function RequireAbility({ ability, children }: { ability: Ability; children: ReactNode }) {
  const { me } = useSession();
  if (!me?.abilities.includes(ability)) return <Forbidden />;
  return children;
}

export function AppRoutes() {
  return (
    <ErrorBoundary>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/register" element={<RegisterPage />} />
          <Route path="/portal/:code" element={<PortalPage />} />
          <Route path="/portal/:code/results" element={<ResultsPage />} />
          <Route path="/verify" element={<VerifyPage />} />
          <Route path="/verify/:code" element={<VerifyPage />} />
          <Route
            path="/app"
            element={
              <RequireAuth>
                <WorkspaceLayout />
              </RequireAuth>
            }
          >
            <Route index element={<WorkspaceHome />} />
            <Route path="account" element={<AccountPage />} />
            <Route
              path="unit/memberships"
              element={
                <RequireAbility ability="membership.review">
                  <MembershipsPage />
                </RequireAbility>
              }
            />
            <Route
              path="archive"
              element={
                <RequireAbility ability="application.declare">
                  <ArchivePage />
                </RequireAbility>
              }
            />
            <Route
              path="applications"
              element={
                <RequireAbility ability="application.declare">
                  <ApplicationsPage />
                </RequireAbility>
              }
            />
            <Route
              path="applications/new"
              element={
                <RequireAbility ability="application.declare">
                  <NewApplicationPage />
                </RequireAbility>
              }
            />
            <Route
              path="applications/:id"
              element={
                <RequireAbility ability="application.declare">
                  <ApplicationPage />
                </RequireAbility>
              }
            />
            <Route
              path="applications/:id/preview"
              element={
                <RequireAbility ability="application.declare">
                  <BlindPreviewPage />
                </RequireAbility>
              }
            />
            <Route
              path="unit/applications"
              element={
                <RequireAbility ability="application.unit_review">
                  <UnitApplicationsPage />
                </RequireAbility>
              }
            />
            <Route
              path="unit/applications/:id"
              element={
                <RequireAbility ability="application.unit_review">
                  <UnitApplicationPage />
                </RequireAbility>
              }
            />
            <Route
              path="dept/applications"
              element={
                <RequireAbility ability="application.dept_review">
                  <DeptApplicationsPage />
                </RequireAbility>
              }
            />
            <Route
              path="dept/applications/:id"
              element={
                <RequireAbility ability="application.dept_review">
                  <DeptApplicationPage />
                </RequireAbility>
              }
            />
            <Route
              path="office/applications"
              element={
                <RequireAbility ability="application.office_review">
                  <OfficeApplicationsPage />
                </RequireAbility>
              }
            />
            <Route
              path="office/applications/:id"
              element={
                <RequireAbility ability="application.office_review">
                  <OfficeApplicationPage />
                </RequireAbility>
              }
            />
            <Route
              path="office/payment-settings"
              element={
                <RequireAbility ability="payment.manage">
                  <PaymentSettingsPage />
                </RequireAbility>
              }
            />
            <Route
              path="finance/fees"
              element={
                <RequireAbility ability="fee.confirm">
                  <FeesPage />
                </RequireAbility>
              }
            />
            <Route
              path="admin/orgs"
              element={
                <RequireAbility ability="org.manage">
                  <OrgsPage />
                </RequireAbility>
              }
            />
            <Route
              path="admin/users"
              element={
                <RequireAbility ability="user.manage">
                  <UsersPage />
                </RequireAbility>
              }
            />
            <Route
              path="security/roles"
              element={
                <RequireAbility ability="role.assign">
                  <RolesPage />
                </RequireAbility>
              }
            />
            <Route
              path="audit"
              element={
                <RequireAbility ability="audit.read">
                  <AuditPage />
                </RequireAbility>
              }
            />
            <Route
              path="office/campaigns"
              element={
                <RequireAbility ability="campaign.manage">
                  <CampaignsPage />
                </RequireAbility>
              }
            />
            <Route
              path="office/campaigns/:id"
              element={
                <RequireAbility ability="campaign.manage">
                  <CampaignEditorPage />
                </RequireAbility>
              }
            />
            <Route
              path="admin/calendar"
              element={
                <RequireAbility ability="calendar.manage">
                  <CalendarPage />
                </RequireAbility>
              }
            />
            <Route
              path="office/experts"
              element={
                <RequireAbility ability="evaluation.manage">
                  <ExpertsPage />
                </RequireAbility>
              }
            />
            <Route
              path="office/evaluation"
              element={
                <RequireAbility ability="evaluation.manage">
                  <CommitteesPage />
                </RequireAbility>
              }
            />
            <Route
              path="office/evaluation/committees/:id"
              element={
                <RequireAbility ability="evaluation.manage">
                  <CommitteePage />
                </RequireAbility>
              }
            />
            <Route
              path="office/statistics"
              element={
                <RequireAbility ability="evaluation.manage">
                  <StatisticsPage />
                </RequireAbility>
              }
            />
            <Route
              path="expert"
              element={
                <RequireAbility ability="evaluation.expert">
                  <MyCommitteesPage />
                </RequireAbility>
              }
            />
            <Route
              path="expert/committees/:id"
              element={
                <RequireAbility ability="evaluation.expert">
                  <ExpertCommitteePage />
                </RequireAbility>
              }
            />
            <Route
              path="expert/committees/:id/packets/:applicationId"
              element={
                <RequireAbility ability="evaluation.expert">
                  <PacketPage />
                </RequireAbility>
              }
            />
            <Route path="*" element={<NotFound />} />
          </Route>
          <Route
            path="*"
            element={
              <PublicLayout>
                <NotFound standalone />
              </PublicLayout>
            }
          />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
