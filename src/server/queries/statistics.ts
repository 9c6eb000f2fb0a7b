// Statistics of a campaign for its office (E): per series, level, county or unit, how many declared
// (submitted at least once), were ever returned, were accepted (已接收材料), paid (fee confirmed)
// and passed (result 'passed'), and the pass rate = passed / candidates with a result, in percent
// with one decimal (null when nobody has a result yet). A result overturned by an upheld objection
// ('overturned', A24-4) is a decided result that did not pass; a tie at the cap is not decided yet.
import { and, eq, exists, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Campaign } from '../../domain/campaign/index.js';
import { LEVEL_ORDER } from '../../domain/evaluation/index.js';
import type { Executor } from '../db/client.js';
import { applicationEvents, applications, candidates, feeOrders, organisations } from '../db/schema.js';
import type { StatisticsGrouping, StatisticsRow } from '../presenters/results.js';
import { seriesName } from './defence.js';

const parent = alias(organisations, 'parent_org');

interface Counted {
  key: string;
  label: string;
  order: number;
  declared: number;
  returned: number;
  accepted: number;
  paid: number;
  passed: number;
  decided: number;
}

function rowOf(c: Omit<Counted, 'order'>): StatisticsRow {
  return {
    key: c.key,
    label: c.label,
    declared: c.declared,
    returned: c.returned,
    accepted: c.accepted,
    paid: c.paid,
    passed: c.passed,
    passRate: c.decided === 0 ? null : Math.round((c.passed * 1000) / c.decided) / 10,
  };
}

export async function campaignStatistics(db: Executor, campaign: Campaign, by: StatisticsGrouping): Promise<{ rows: StatisticsRow[]; total: StatisticsRow }> {
  const list = await db
    .select({
      seriesId: applications.seriesId,
      level: applications.level,
      unitId: applications.unitId,
      unitName: organisations.name,
      parentId: parent.id,
      parentKind: parent.kind,
      parentName: parent.name,
      accepted: sql<boolean>`${applications.acceptedAt} is not null`,
      paid: sql<boolean>`coalesce(${feeOrders.status} = 'confirmed', false)`,
      result: candidates.result,
      returned: exists(
        db
          .select({ one: sql`1` })
          .from(applicationEvents)
          .where(and(eq(applicationEvents.applicationId, applications.id), eq(applicationEvents.action, 'returned'))),
      ).mapWith(Boolean),
    })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.unitId))
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .leftJoin(feeOrders, eq(feeOrders.applicationId, applications.id))
    .leftJoin(candidates, eq(candidates.applicationId, applications.id))
    .where(and(eq(applications.campaignId, campaign.id), gt(applications.submissionCount, 0)));

  const groups = new Map<string, Counted>();
  const blank = (key: string, label: string, order: number): Counted => ({ key, label, order, declared: 0, returned: 0, accepted: 0, paid: 0, passed: 0, decided: 0 });
  const total = blank('total', '合计', 0);
  for (const a of list) {
    let key: string;
    let label: string;
    let order = 0;
    if (by === 'series') {
      key = a.seriesId;
      label = seriesName(campaign, a.seriesId);
      order = campaign.series.findIndex((s) => s.id === a.seriesId);
    } else if (by === 'level') {
      key = a.level;
      label = a.level;
      order = LEVEL_ORDER.indexOf(a.level as (typeof LEVEL_ORDER)[number]);
    } else if (by === 'county') {
      const county = a.parentKind === 'county';
      key = county ? a.parentId! : 'prefecture-level';
      label = county ? a.parentName! : '地州直属单位';
      order = county ? 0 : 1;
    } else {
      key = a.unitId;
      label = a.unitName;
    }
    const g = groups.get(key) ?? blank(key, label, order);
    groups.set(key, g);
    for (const c of [g, total]) {
      c.declared += 1;
      if (a.returned) c.returned += 1;
      if (a.accepted) c.accepted += 1;
      if (a.paid) c.paid += 1;
      if (a.result === 'passed') c.passed += 1;
      if (a.result !== null && a.result !== 'tied_at_cap') c.decided += 1;
    }
  }
  const rows = [...groups.values()].sort((x, y) => x.order - y.order || x.label.localeCompare(y.label, 'zh-CN')).map(rowOf);
  return { rows, total: rowOf(total) };
}
