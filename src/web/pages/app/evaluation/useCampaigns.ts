// The office's campaigns (GET /api/office/campaigns, as on the 评审活动 page) and their
// configurations, which name the series and specialties the evaluation pages show and pick from.
import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import type { OfficeCampaign, OfficeCampaignSummary } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { mergeSeries, type CatalogSeries } from './catalog';

export interface CampaignsState {
  campaigns: OfficeCampaignSummary[];
  /** Configuration by campaign id (the current version). */
  configs: Map<string, Record<string, unknown>>;
  catalog: CatalogSeries[];
  loading: boolean;
  error: string | null;
}

/** Newest year first, then title. */
function sorted(list: OfficeCampaignSummary[]): OfficeCampaignSummary[] {
  return [...list].sort((a, b) => b.year - a.year || a.title.localeCompare(b.title, 'zh-CN'));
}

export function useOfficeCampaigns(): CampaignsState {
  const [state, setState] = useState<CampaignsState>({ campaigns: [], configs: new Map(), catalog: [], loading: true, error: null });
  useEffect(() => {
    let current = true;
    (async () => {
      const campaigns = sorted(await api.get<OfficeCampaignSummary[]>('/api/office/campaigns'));
      const details = await Promise.all(
        campaigns.map((c) =>
          api.get<OfficeCampaign>(`/api/office/campaigns/${encodeURIComponent(c.id)}`).catch(() => null),
        ),
      );
      const configs = new Map<string, Record<string, unknown>>();
      for (const d of details) if (d) configs.set(d.id, d.config);
      return { campaigns, configs, catalog: mergeSeries([...configs.values()]) };
    })()
      .then((loaded) => current && setState({ ...loaded, loading: false, error: null }))
      .catch((err: unknown) => current && setState((s) => ({ ...s, loading: false, error: errorMessage(err) })));
    return () => {
      current = false;
    };
  }, []);
  return state;
}

export function campaignLabel(c: OfficeCampaignSummary): string {
  return `${c.title}（${c.year}）`;
}
