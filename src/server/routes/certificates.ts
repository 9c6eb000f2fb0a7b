import type { App } from '../app.js';
import type { Services } from '../services.js';

export function certificateRoutes(_app: App, _services: Services) {}
