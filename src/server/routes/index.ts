import type { App } from '../app.js';
import type { Services } from '../services.js';
import { adminRoutes } from './admin.js';
import { applicantRoutes } from './applicant.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { calendarRoutes } from './calendar.js';
import { feeRoutes } from './fees.js';
import { healthRoutes } from './health.js';
import { officeRoutes } from './office.js';
import { publicCampaignRoutes } from './public-campaigns.js';
import { publicRoutes } from './public.js';
import { reviewDocumentRoutes } from './review-documents.js';
import { reviewFormRoutes } from './review-forms.js';
import { reviewRoutes } from './review.js';
import { securityRoutes } from './security.js';
import { unitRoutes } from './unit.js';

export function registerRoutes(app: App, services: Services) {
  healthRoutes(app, services);
  authRoutes(app, services);
  publicRoutes(app, services);
  publicCampaignRoutes(app, services);
  applicantRoutes(app, services);
  unitRoutes(app, services);
  reviewRoutes(app, services);
  reviewDocumentRoutes(app, services);
  reviewFormRoutes(app, services);
  feeRoutes(app, services);
  officeRoutes(app, services);
  adminRoutes(app, services);
  calendarRoutes(app, services);
  securityRoutes(app, services);
  auditRoutes(app, services);
}
