// The colour of each application status tag.
import type { ApplicationStatus } from '../../../../domain/application/status';

export const STATUS_COLORS: Record<ApplicationStatus, string> = {
  draft: 'processing',
  unit_review: 'blue',
  unit_publicity: 'blue',
  dept_review: 'blue',
  office_review: 'blue',
  accepted: 'success',
  returned: 'warning',
  lapsed: 'default',
  not_accepted: 'error',
  withdrawn: 'default',
  unpaid: 'error',
};
